package io.leadquality.app;

import io.leadquality.config.ConfigException;
import io.leadquality.config.JobConfig;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * {@code jobs/run-local}: the job in an embedded Flink. Checkpoints are kept under
 * {@code state.checkpoints.dir} (default {@value #DEFAULT_DIR}), in a folder per job identity
 * ({@link JobIdentity}), and a run started after a crash resumes from its own newest one by itself:
 * never from one taken against another Kafka cluster, group or set of topics.
 */
public final class LocalRunner {
    private static final Logger LOG = LoggerFactory.getLogger(LocalRunner.class);
    static final String DEFAULT_DIR = "work/checkpoints";

    private LocalRunner() {}

    public static void main(String[] args) throws Exception {
        JobConfig config = LeadQualityJob.configOrExit(args);
        if (config.parallelism == 0) {
            config = config.with(Map.of("parallelism", "1")); // one local slot unless asked for more
        }
        Path base = checkpointsBase(config);
        JobIdentity identity = JobIdentity.of(config, KafkaTopicsCheck.clusterId(config));
        Path dir = base.resolve(identity.folderName());
        Configuration flink = new Configuration();
        flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir.toUri().toString());
        flink.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        Optional<Path> latest = RetainedCheckpoints.latest(dir);
        if (latest.isPresent()) {
            LOG.info("Resuming from the retained checkpoint {} of this job ({}); delete {} to start afresh",
                    latest.get(), identity.describe(), dir);
            flink.set(StateRecoveryOptions.SAVEPOINT_PATH, latest.get().toUri().toString());
        } else {
            long others = RetainedCheckpoints.othersUnder(base, dir);
            LOG.info("No retained checkpoint of this job ({}) under {}: starting afresh{}", identity.describe(), dir,
                    others == 0 ? "" : "; the " + others + " other checkpoint folder(s) under " + base
                            + " belong to other groups, Kafka clusters or topics and are left alone");
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        LeadQualityJob.build(env, config);
        env.execute(LeadQualityJob.JOB_NAME);
    }

    /** run-local keeps its checkpoints on local disk: {@code state.checkpoints.dir} when it is a local one. */
    static Path checkpointsBase(JobConfig config) {
        if (config.checkpointsDir == null) {
            return Path.of(DEFAULT_DIR).toAbsolutePath();
        }
        URI uri = URI.create(config.checkpointsDir);
        if (!"file".equals(uri.getScheme())) {
            throw new ConfigException("state.checkpoints.dir", "jobs/run-local keeps checkpoints on local disk;"
                    + " give a path or a file:// URI, not " + config.checkpointsDir);
        }
        return Path.of(uri);
    }
}
