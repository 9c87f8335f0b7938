package io.leadquality.bench;

import io.leadquality.app.LeadQualityJob;
import io.leadquality.config.JobConfig;
import io.leadquality.testkit.JobSettings;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * New leads while the refresh demand is above the lookup budget: {@code leads} leads go into state
 * (RocksDB) with the rate limit out of the way, the job stops with a savepoint, and resumes from it
 * at 50 lookups/s with a refresh interval that asks for far more than that; then new leads arrive at
 * a steady rate and their append-to-committed latency is measured, as for figure 5.
 *
 * <p>The interval is the same in both runs and longer than the load takes, so the load is not slowed
 * by its own refreshes and every lead falls due after the restore: the new leads are sent from the
 * moment the first leads fall due, while refreshes want {@code leads / load time} lookups/s.
 */
final class NewLeadProbe {
    static final int RATE_LIMIT = 50;

    private NewLeadProbe() {}

    static LatencyProbe.Result run(BenchRig rig, JobSettings settings, int leads, Duration refreshInterval, int newPerSecond,
                                   Duration measured) throws Exception {
        // Loaded at the shipped checkpoint interval; the 1 s of the measurement serves only its latency target.
        settings.set("state.backend", "rocksdb").set("sela.refresh-interval", refreshInterval.toMillis() + "ms")
                .set("checkpoint.interval", "10s");
        JobConfig loading = settings.config();
        List<String> inputs = new ArrayList<>(leads);
        for (int i = 0; i < leads; i++) {
            inputs.add(BenchRig.lead("nl-state-" + i));
        }
        rig.produce(BenchRig.topic(loading), inputs);
        StreamExecutionEnvironment env = rig.localFlink(new Configuration());
        LeadQualityJob.build(env, loading);
        long loadStart = System.currentTimeMillis();
        JobClient job = env.executeAsync("bench-new-leads-load");
        String savepoint;
        try {
            long deadline = System.currentTimeMillis() + Duration.ofHours(1).toMillis();
            long nextReport = loadStart + 60_000;
            long loaded;
            while ((loaded = rig.endOffsets(loading.topicEnriched).values().stream().mapToLong(Long::longValue).sum()) < leads) {
                if (System.currentTimeMillis() > nextReport) {
                    nextReport += 60_000;
                    System.out.printf("10. loading: %,d of %,d leads in state after %d s%n", loaded, leads,
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
        long loadMillis = System.currentTimeMillis() - loadStart;
        System.out.printf("10. %,d leads in state in %d s%s%n", leads, loadMillis / 1000, loadMillis > refreshInterval.toMillis()
                ? " (longer than the refresh interval: refreshes fell due during the load and slowed it)" : "");
        // The leads' refreshes fall due one interval after each was loaded: leads / load time wanted, 50/s allowed.
        // New leads are sent once the first have fallen due (the timers are spread over a tenth either side).
        long firstDue = loadStart + refreshInterval.toMillis() + refreshInterval.toMillis() / 10;
        settings.set("sela.max-requests-per-second", Integer.toString(RATE_LIMIT)).set("checkpoint.interval", "1s");
        Configuration restore = new Configuration();
        restore.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        long before = rig.sela.apiRequests();
        long started = System.nanoTime();
        LatencyProbe.Result result = LatencyProbe.run(rig, settings, newPerSecond, measured, restore, firstDue);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.println("10. Sela requests per second: " + rig.sela.requestsPerSecond().values());
        System.out.printf("10. after the restore: %,d Sela requests in %.0f s (%.1f/s; the limit is %d/s)%n",
                rig.sela.apiRequests() - before, seconds, (rig.sela.apiRequests() - before) / seconds, RATE_LIMIT);
        return result;
    }
}
