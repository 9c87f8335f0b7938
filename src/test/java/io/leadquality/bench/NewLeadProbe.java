package io.leadquality.bench;

import io.leadquality.config.JobConfig;
import io.leadquality.testkit.JobSettings;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;

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
        StateLoad.Loaded load = StateLoad.run(rig, loading, leads, "10");
        long loadStart = load.loadStartMillis();
        String savepoint = load.savepoint();
        long loadMillis = load.loadMillis();
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
