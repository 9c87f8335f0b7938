package io.leadquality.app;

import io.leadquality.config.JobConfig;
import io.leadquality.testkit.TestConfigs;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.CheckpointConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LeadQualityJobTest {
    @Test
    void checkpointsTimeOutBeforeTheirTransactionAndGoUnalignedUnderBackpressure() {
        JobConfig config = TestConfigs.with();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(config.checkpointInterval.toMillis(), CheckpointingMode.EXACTLY_ONCE); // as the job does
        env.configure(LeadQualityJob.checkpointing(config));
        CheckpointConfig checkpoints = env.getCheckpointConfig();
        assertThat(Duration.ofMillis(checkpoints.getCheckpointTimeout())).isEqualTo(config.checkpointTimeout)
                .isLessThan(config.transactionTimeout.dividedBy(2));
        assertThat(checkpoints.isUnalignedCheckpointsEnabled()).isTrue();
        assertThat(checkpoints.getAlignedCheckpointTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void rocksDbCheckpointsIncrementallyWithBloomFiltersAndTheHeapBackendCompresses() {
        Map<String, String> rocks = LeadQualityJob.stateBackend(TestConfigs.with("state.backend", "rocksdb")).toMap();
        assertThat(rocks).containsEntry("state.backend.type", "rocksdb")
                .containsEntry("execution.checkpointing.incremental", "true")
                .containsEntry("state.backend.rocksdb.use-bloom-filter", "true")
                .containsEntry("execution.checkpointing.snapshot-compression", "false");
        Map<String, String> heap = LeadQualityJob.stateBackend(TestConfigs.with("state.backend", "hashmap")).toMap();
        assertThat(heap).containsEntry("state.backend.type", "hashmap")
                .containsEntry("state.backend.rocksdb.use-bloom-filter", "false")
                .containsEntry("execution.checkpointing.snapshot-compression", "true");
    }

    @Test
    void unalignedCheckpointsCanBeTurnedOff() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(10_000, CheckpointingMode.EXACTLY_ONCE);
        env.configure(LeadQualityJob.checkpointing(TestConfigs.with("checkpoint.unaligned", "false")));
        assertThat(env.getCheckpointConfig().isUnalignedCheckpointsEnabled()).isFalse();
    }

    @Test
    void flinkRunsParallelismIsHonouredUnlessTheConfigSetsOne() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(3); // what flink run -p 3 sets
        assertThat(LeadQualityJob.withParallelism(env, TestConfigs.with()).parallelism).isEqualTo(3);
        assertThat(env.getParallelism()).isEqualTo(3);
        assertThat(LeadQualityJob.withParallelism(env, TestConfigs.with("parallelism", "2")).parallelism).isEqualTo(2);
        assertThat(env.getParallelism()).isEqualTo(2);
    }
}
