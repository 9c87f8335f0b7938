package io.leadquality.bench;

import io.leadquality.app.LeadQualityJob;
import io.leadquality.config.JobConfig;
import io.leadquality.testkit.JobSettings;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.time.Duration;

/**
 * Puts many leads into state before a measurement: runs the job over the inputs already on its topic
 * until {@code leads} enriched records are committed, then stops it with a savepoint the measuring
 * run restores from.
 */
final class StateLoad {
    record Loaded(String savepoint, long loadStartMillis, long loadMillis) {}

    private StateLoad() {}

    static Loaded run(BenchRig rig, JobConfig loading, int leads, String figure) throws Exception {
        StreamExecutionEnvironment env = rig.localFlink(new Configuration());
        LeadQualityJob.build(env, loading);
        long loadStart = System.currentTimeMillis();
        JobClient job = env.executeAsync("bench-load-" + figure);
        String savepoint;
        try {
            long deadline = System.currentTimeMillis() + Duration.ofHours(1).toMillis();
            long nextReport = loadStart + 60_000;
            long loaded;
            while ((loaded = rig.endOffsets(loading.topicEnriched).values().stream().mapToLong(Long::longValue).sum()) < leads) {
                if (System.currentTimeMillis() > nextReport) {
                    nextReport += 60_000;
                    System.out.printf("%s. loading: %,d of %,d leads in state after %d s%n", figure, loaded, leads,
                            (System.currentTimeMillis() - loadStart) / 1000);
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("the leads did not all get into state within an hour");
                }
                if (job.getJobExecutionResult().isDone()) {
                    job.getJobExecutionResult().get(); // throws the job's failure
                    throw new IllegalStateException("the loading job ended before every lead was in state");
                }
                Thread.sleep(500);
            }
            savepoint = job.stopWithSavepoint(false, rig.work.resolve("savepoints").toUri().toString(),
                    SavepointFormatType.CANONICAL).get();
        } catch (Exception e) {
            try {
                JobSettings.cancelAndWait(job);
            } catch (RuntimeException alreadyGone) {
                e.addSuppressed(alreadyGone); // a failed job's local cluster is shut down already
            }
            throw e;
        }
        return new Loaded(savepoint, loadStart, System.currentTimeMillis() - loadStart);
    }
}
