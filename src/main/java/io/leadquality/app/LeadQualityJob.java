package io.leadquality.app;

import io.leadquality.config.ConfigException;
import io.leadquality.config.JobConfig;
import io.leadquality.model.RawRecord;
import io.leadquality.sela.SelaToken;
import io.leadquality.workflow.LeadQualityStreams;
import io.leadquality.workflow.LeadQualityWorkflow;
import io.leadquality.workflow.OperatorIds;
import io.leadquality.workflow.WorkflowStages;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The lead-quality job: Kafka leads in, Sela lookups, flags, and four Kafka outputs.
 * {@code --config file.yaml} and {@code --key value} overrides; see conf/lead-quality.yaml.
 */
public final class LeadQualityJob {
    private static final Logger LOG = LoggerFactory.getLogger(LeadQualityJob.class);
    public static final String JOB_NAME = "lead-quality";
    /** RocksDB's own estimate of its keys, as a metric; named by key so the job does not link against RocksDB. */
    private static final ConfigOption<Boolean> ROCKSDB_ESTIMATE_NUM_KEYS =
            ConfigOptions.key("state.backend.rocksdb.metrics.estimate-num-keys").booleanType().defaultValue(false);
    private static final ConfigOption<Boolean> ROCKSDB_BLOOM_FILTER =
            ConfigOptions.key("state.backend.rocksdb.use-bloom-filter").booleanType().defaultValue(false);

    private LeadQualityJob() {}

    /**
     * The job's entry point on a cluster. It may run in the client ({@code flink run}) or inside the
     * JobManager (application mode), so a bad config is thrown, one line naming the key, not an exit;
     * the Sela token is not read here: only the task managers need it.
     */
    public static void main(String[] args) throws Exception {
        JobConfig config = checkedConfig(args);
        Configuration flink = new Configuration();
        if (config.checkpointsDir != null) {
            flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, config.checkpointsDir);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        build(env, config);
        env.execute(JOB_NAME);
    }

    /** Parses the config and checks Kafka; a bad value throws {@link ConfigException}, one line naming the key. */
    public static JobConfig checkedConfig(String[] args) {
        try {
            JobConfig config = JobConfig.fromArgs(args);
            KafkaTopicsCheck.verify(config);
            LOG.info("Starting {} with settings {}", JOB_NAME, config.maskedSettings());
            LOG.info("Calling rules version {} from {}", config.callingRules.version(), config.callingRules.origin());
            return config;
        } catch (ConfigException e) {
            LOG.error("lead-quality: configuration error: {}", e.getMessage());
            throw e;
        }
    }

    /**
     * For a process of its own (jobs/run-local, where the task managers are this JVM): as
     * {@link #checkedConfig}, the token checked too, and a bad value prints one line and exits.
     */
    public static JobConfig configOrExit(String[] args) {
        try {
            JobConfig config = checkedConfig(args);
            SelaToken.resolve(config);
            return config;
        } catch (ConfigException e) {
            System.err.println("lead-quality: configuration error: " + e.getMessage());
            System.exit(2);
            throw e;
        }
    }

    /** The state backend's settings, when the config names one. */
    static Configuration stateBackend(JobConfig config) {
        Configuration backend = new Configuration();
        backend.set(StateBackendOptions.STATE_BACKEND, config.stateBackend);
        // Large state: a checkpoint uploads only the RocksDB files that changed since the last one.
        backend.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, config.stateBackend.equals("rocksdb"));
        backend.set(ROCKSDB_ESTIMATE_NUM_KEYS, config.stateBackend.equals("rocksdb")); // the "state entries" metric
        // Most reads of a new lead's keys find nothing; without a bloom filter each such read searches
        // every level's files, and loading a million leads slowed fourfold as they grew.
        backend.set(ROCKSDB_BLOOM_FILTER, config.stateBackend.equals("rocksdb"));
        // The heap backend writes its objects out uncompressed; Snappy shrinks them several times
        // (Sela leads share their field names) for little CPU. RocksDB's files are compressed already.
        backend.set(ExecutionOptions.SNAPSHOT_COMPRESSION, config.stateBackend.equals("hashmap"));
        return backend;
    }

    /**
     * The checkpoint timeout the config checked against the transaction timeout, and unaligned
     * checkpoints after the aligned timeout: a slow Sela backs the lookup up, and unaligned, a
     * checkpoint need not wait for that backlog to drain.
     */
    static Configuration checkpointing(JobConfig config) {
        Configuration checkpoints = new Configuration();
        checkpoints.set(CheckpointingOptions.CHECKPOINTING_TIMEOUT, config.checkpointTimeout);
        checkpoints.set(CheckpointingOptions.ENABLE_UNALIGNED, config.checkpointUnaligned);
        checkpoints.set(CheckpointingOptions.ALIGNED_CHECKPOINT_TIMEOUT, config.checkpointAlignedTimeout);
        return checkpoints;
    }

    /**
     * The config's parallelism when it sets one; unset, the environment's ({@code flink run -p N}, else
     * the cluster's {@code parallelism.default}), which the returned config then names, for the parts
     * that split job-wide budgets over the instances.
     */
    static JobConfig withParallelism(StreamExecutionEnvironment env, JobConfig config) {
        if (config.parallelism > 0) {
            env.setParallelism(config.parallelism);
            return config;
        }
        return config.with(Map.of("parallelism", Integer.toString(Math.max(1, env.getParallelism()))));
    }

    /** Adds the job to the environment: checkpointing, the Kafka source, the workflow and the sink. */
    public static void build(StreamExecutionEnvironment env, JobConfig config) {
        build(env, config, UnaryOperator.identity());
    }

    /** As {@link #build(StreamExecutionEnvironment, JobConfig)}, with {@code tap} applied to the records after the source (tests inject failures there). */
    public static void build(StreamExecutionEnvironment env, JobConfig config,
                             UnaryOperator<DataStream<RawRecord>> tap) {
        build(env, config, tap, WorkflowStages.JOB);
    }

    /** As {@link #build(StreamExecutionEnvironment, JobConfig, UnaryOperator)}, with other stages (the benchmark's). */
    public static void build(StreamExecutionEnvironment env, JobConfig config, UnaryOperator<DataStream<RawRecord>> tap,
                             WorkflowStages stages) {
        config = withParallelism(env, config);
        // No defensive copy between chained operators: every function emits fresh objects, or its
        // input untouched after emitting it, and keeps only records that came off the network.
        env.getConfig().enableObjectReuse();
        env.enableCheckpointing(config.checkpointInterval.toMillis(), CheckpointingMode.EXACTLY_ONCE);
        env.configure(checkpointing(config));
        if (config.stateBackend != null) {
            env.configure(stateBackend(config));
        }
        // No watermarks: nothing here runs on event time, and between watermarks unordered async I/O
        // holds every later answer behind one slow lookup.
        DataStream<RawRecord> records = env
                .fromSource(KafkaIo.source(config), WatermarkStrategy.noWatermarks(), "Kafka leads")
                .uid(OperatorIds.SOURCE);
        // Read here, once: a job restored from a checkpoint keeps the end its first start read.
        Map<TopicPartition, Long> listEnd = KafkaIo.suppressionTopicEnd(config);
        DataStream<RawRecord> suppressionList = env
                .fromSource(KafkaIo.suppressionListSource(config, listEnd), WatermarkStrategy.noWatermarks(),
                        "Kafka suppression list (to its end)")
                .uid(OperatorIds.SOURCE_SUPPRESSION_LIST).setParallelism(1);
        DataStream<RawRecord> suppressionUpdates = env
                .fromSource(KafkaIo.suppressionUpdatesSource(config, listEnd), WatermarkStrategy.noWatermarks(),
                        "Kafka suppression updates")
                .uid(OperatorIds.SOURCE_SUPPRESSION_UPDATES).setParallelism(1);
        LeadQualityStreams streams = LeadQualityWorkflow.defineWorkflow(tap.apply(records), suppressionList,
                suppressionUpdates, config, stages);
        LeadQualityWorkflow.toOutboundRecords(streams, config)
                .sinkTo(KafkaIo.sink(config))
                .name("Kafka outputs (enriched, alerts, status changes, dead letters, source quality)")
                .uid(OperatorIds.SINK);
        LeadQualityWorkflow.toRefreshRecords(streams, config)
                .sinkTo(KafkaIo.refreshRequestSink(config))
                .name("Kafka refresh requests (at least once, read back at once)")
                .uid(OperatorIds.REFRESH_SINK);
    }
}
