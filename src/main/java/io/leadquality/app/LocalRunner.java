package io.leadquality.app;

import io.leadquality.config.JobConfig;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code jobs/run-local}: the job in an embedded Flink. Checkpoints are kept under
 * {@code state.checkpoints.dir} (default {@value #DEFAULT_DIR}), and a run started after a crash
 * resumes from the newest one by itself.
 */
public final class LocalRunner {
    private static final Logger LOG = LoggerFactory.getLogger(LocalRunner.class);
    static final String DEFAULT_DIR = "work/checkpoints";

    private LocalRunner() {}

    public static void main(String[] args) throws Exception {
        JobConfig config = LeadQualityJob.configOrExit(args);
        Path dir = Path.of(config.checkpointsDir != null ? config.checkpointsDir : DEFAULT_DIR).toAbsolutePath();
        Configuration flink = new Configuration();
        flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir.toUri().toString());
        flink.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        Optional<Path> latest = RetainedCheckpoints.latest(dir);
        if (latest.isPresent()) {
            LOG.info("Resuming from the retained checkpoint {} (delete {} to start afresh)", latest.get(), dir);
            flink.set(StateRecoveryOptions.SAVEPOINT_PATH, latest.get().toUri().toString());
        } else {
            LOG.info("No retained checkpoint under {}: starting afresh", dir);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        LeadQualityJob.build(env, config);
        env.execute(LeadQualityJob.JOB_NAME);
    }
}
