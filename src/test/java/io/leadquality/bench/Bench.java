package io.leadquality.bench;

import io.leadquality.analytics.SourceQuality;
import io.leadquality.config.JobConfig;
import io.leadquality.model.EnrichedLead;
import io.leadquality.testkit.JobSettings;
import io.leadquality.testkit.TestConfigs;
import io.leadquality.workflow.LeadQualityWorkflow;
import io.leadquality.workflow.WorkflowStages;
import org.apache.flink.util.Collector;
import org.apache.flink.util.TimeUtils;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code jobs/bench [--quick] [--latency 20ms] [--out DIR]}: the job against its alternatives, in one
 * run, on this machine: the in-process Kafka broker, the Sela simulator at a set latency, a local
 * Flink at parallelism 2, exactly-once outputs. Prints each figure as it is measured, writes a
 * report table and a throughput plot to the output folder, and ends with one {@code bench:} line.
 */
public final class Bench {
    /** Commits (and so end-to-end latency) follow checkpoints; the latency figure uses this interval. */
    private static final Duration LATENCY_CHECKPOINT = Duration.ofSeconds(1);
    /** In-flight lookups per instance for figure 8: room for ~2,000 events/s at a mean lookup time of ~0.5 s. */
    private static final int SLOW_IN_FLIGHT = 1_000;
    private static final int WEBHOOK_SENDERS = 32;
    private static final int CORES = Runtime.getRuntime().availableProcessors();
    private final Sizes sizes;
    private final String only;
    private final Duration latency;
    private final Path out;
    private final Map<String, String> line = new LinkedHashMap<>();
    private final List<String[]> table = new ArrayList<>();
    private final List<String> missed = new ArrayList<>();

    private Bench(Sizes sizes, String only, Duration latency, Path out) {
        this.sizes = sizes;
        this.only = only;
        this.latency = latency;
        this.out = out;
    }

    /** How much each measurement reads: quick took 326 s of measuring on 2 cores (2026-12-04). */
    record Sizes(String name, int warmup, int unique, int sync, int repeatedKeys, int cachedKeys, int cachedEvents,
                 int latencyRate, int latencySeconds, int peerUnique, int stateKeys, String stateCheckpointInterval,
                 int slowUnique, int webhooks, int newLeadState, int fanoutLeads, int fanoutEntries, int fanoutAdds,
                 int[] sweepInFlight, long[] sweepLatencies, int costRounds) {
        static Sizes quick(long latencyMillis) {
            // State is measured after two more checkpoints; quick mode takes them closer together. Its
            // plot has figure 1's point only: the sweep is the full run's.
            return new Sizes("quick", 10_000, 10_000, 300, 1_000, 500, 100_000, 200, 8, 3_000, 20_000, "2s", 10_000, 20_000, 20_000,
                    20_000, 20_000, 100, new int[] {}, new long[] {latencyMillis}, 1);
        }

        static Sizes full(long latencyMillis) {
            return new Sizes("full", 100_000, 40_000, 1_500, 4_000, 2_000, 200_000, 200, 60, 20_000, 1_000_000, "10s", 40_000, 100_000, 1_000_000,
                    1_000_000, 1_000_000, 600, new int[] {10, 25, 50, 100, 200}, new long[] {10, latencyMillis == 10 ? 20 : latencyMillis, 50},
                    3);
        }
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        String only = null;
        Duration latency = Duration.ofMillis(20);
        Path out = Path.of("target/bench");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--full" -> quick = false;
                case "--latency" -> latency = TimeUtils.parseDuration(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--only" -> only = args[++i]; // one measurement (1-14, sweep), for profiling
                default -> {
                    System.err.println("usage: jobs/bench [--quick|--full] [--latency 20ms] [--out DIR] [--only 1-14|sweep]");
                    System.exit(2);
                }
            }
        }
        Files.createDirectories(out);
        Sizes sizes = quick ? Sizes.quick(latency.toMillis()) : Sizes.full(latency.toMillis());
        new Bench(sizes, only, latency, out).run();
        System.exit(0); // Kafka's and Flink's non-daemon threads must not keep the JVM
    }

    private void run() throws Exception {
        long started = System.currentTimeMillis();
        say("lead-quality benchmark (" + sizes.name() + "), " + Instant.now());
        say("machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
                + ManagementFactory.getOperatingSystemMXBean().getName() + " " + ManagementFactory.getOperatingSystemMXBean().getArch()
                + ", Java " + System.getProperty("java.version") + ", max heap "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB");
        say("setup: in-process Kafka broker, Sela simulator at " + latency.toMillis() + " ms, local Flink at parallelism "
                + BenchRig.PARALLELISM + ", exactly-once outputs, checkpoints every " + BenchRig.SHIPPED_CHECKPOINT_INTERVAL
                + " (the shipped setting; " + LATENCY_CHECKPOINT.toMillis() + " ms for the latency figure)");
        Path work = Files.createTempDirectory("lead-quality-bench");
        try (BenchRig rig = new BenchRig(work)) {
            rig.apiLatency(latency.toMillis());
            // The JIT needs a few hundred thousand calls through client, simulator, broker and job before
            // figures settle; without this the first measurement reads a third of the warm rate.
            List<String> warmup = new ArrayList<>(uniqueLeads("w", sizes.warmup()));
            warmup.addAll(repeatedLeads("w", sizes.warmup() / 10));
            ours(rig, "warmup", warmup, LeadQualityWorkflow::asyncSelaLookup);

            BenchRig.Run async = wanted("1", "2", "6") ? ceilingFraction(rig) : null;
            if (wanted("2")) {
                asyncVsSync(rig, async);
            }
            BenchRig.Run repeated = wanted("3", "6") ? callsPerEvent(rig) : null;
            if (wanted("4")) {
                versusPassThrough(rig);
            }
            if (wanted("5")) {
                latency(rig);
            }
            if (wanted("6")) {
                versusPeer(rig, async, repeated);
            }
            if (wanted("7")) {
                stateSize(rig);
            }
            if (wanted("8")) {
                slowLookups(rig);
            }
            if (wanted("9")) {
                webhooks(rig);
            }
            if (wanted("10")) {
                newLeadsUnderRefreshDemand(rig);
            }
            if (wanted("11")) {
                contactStagesCost(rig);
            }
            if (wanted("12")) {
                fanout(rig);
            }
            if (wanted("13")) {
                sourceQualityCost(rig);
            }
            if (wanted("14")) {
                hopCost();
            }
            if (wanted("sweep")) {
                sweep(rig);
            }
        }
        Files.writeString(out.resolve("report.md"), report());
        say(String.format(Locale.ROOT, "done in %d s; report %s, plot %s", (System.currentTimeMillis() - started) / 1000,
                out.resolve("report.md"), out.resolve("throughput.png")));
        StringBuilder last = new StringBuilder("bench:");
        line.forEach((k, v) -> last.append(' ').append(k).append('=').append(v));
        last.append(" missed=").append(missed.isEmpty() ? "none" : String.join(",", missed));
        System.out.println(last);
    }

    private boolean wanted(String... measurements) {
        return only == null || List.of(measurements).contains(only);
    }

    /** 1. Unique keys, every event a lookup, against parallelism x in-flight / latency. */
    private final List<ThroughputPlot.Point> sweepPoints = new ArrayList<>();

    private BenchRig.Run ceilingFraction(BenchRig rig) throws Exception {
        BenchRig.Run run = ours(rig, "unique", uniqueLeads("u", sizes.unique()), LeadQualityWorkflow::asyncSelaLookup);
        int inFlight = TestConfigs.with().selaMaxInFlight;
        double ceiling = ceiling(inFlight, latency.toMillis());
        double fraction = run.rate().perSecond() / ceiling;
        sweepPoints.add(new ThroughputPlot.Point(latency.toMillis(), inFlight, run.rate().perSecond(), ceiling));
        // The broker and the simulator share the job's two cores: what the CPU allows is cores over the
        // CPU-seconds each lookup costs all three, and a run that keeps the cores busy has reached it.
        long events = run.rate().events();
        CpuMeter.Cpu cpu = run.cpu();
        double budget = CORES * 1e6 / run.cpuMicrosPerEvent();
        double ofBudget = run.coresBusy(CORES);
        say(String.format(Locale.ROOT, "1. unique keys, every event a Sela lookup: %,.0f events/s; ceiling %,.0f "
                + "(%d x %d in flight / %d ms); fraction %.2f", run.rate().perSecond(), ceiling, BenchRig.PARALLELISM,
                inFlight, latency.toMillis(), fraction));
        say(String.format(Locale.ROOT, "1. CPU per lookup: %.0f us (job %.0f, simulator %.0f, broker %.0f); %d cores allow "
                        + "%,.0f lookups/s at that cost; the run kept %.2f of them busy from submission to end",
                run.cpuMicrosPerEvent(), cpu.jobNanos() / 1e3 / events, cpu.simulatorNanos() / 1e3 / events,
                cpu.brokerNanos() / 1e3 / events, CORES, budget, ofBudget));
        figure("ceiling_fraction", fraction, 2, "Unique keys: events/s over the Little's-law ceiling ("
                + fmt(run.rate().perSecond(), 0) + " of " + fmt(ceiling, 0) + ")", ">= 0.8, or cpu_budget_fraction >= 0.8",
                fraction >= 0.8 || ofBudget >= 0.8);
        figure("cpu_us_per_lookup", run.cpuMicrosPerEvent(), 0, "Unique keys: CPU-us per lookup, job / simulator / broker ("
                + fmt(cpu.jobNanos() / 1e3 / events, 0) + " / " + fmt(cpu.simulatorNanos() / 1e3 / events, 0) + " / "
                + fmt(cpu.brokerNanos() / 1e3 / events, 0) + "): " + CORES + " cores allow " + fmt(budget, 0) + " lookups/s", "", null);
        figure("cpu_budget_fraction", ofBudget, 2, "Unique keys: share of that CPU budget reached (cores busy, submission to end)",
                ">= 0.8", ofBudget >= 0.8);
        return run;
    }

    /** 2. The same load through a map function that blocks on the same client. */
    private void asyncVsSync(BenchRig rig, BenchRig.Run async) throws Exception {
        BenchRig.Run sync = ours(rig, "sync", uniqueLeads("s", sizes.sync()), BlockingSelaLookup::stage);
        double ratio = async.rate().perSecond() / sync.rate().perSecond();
        say(String.format(Locale.ROOT, "2. blocking lookups: %,.0f events/s; async / sync = %.1f", sync.rate().perSecond(), ratio));
        figure("async_vs_sync", ratio, 1, "Async over blocking lookups (" + fmt(sync.rate().perSecond(), 0)
                + " events/s blocking)", ">= 20", ratio >= 20);
    }

    /** 3. Each key ten times within the cache TTL, interleaved with others. */
    private BenchRig.Run callsPerEvent(BenchRig rig) throws Exception {
        BenchRig.Run run = ours(rig, "repeated", repeatedLeads("r", sizes.repeatedKeys()), LeadQualityWorkflow::asyncSelaLookup);
        double ideal = 1.0 / 10;
        double calls = run.callsPerEvent();
        say(String.format(Locale.ROOT, "3. each key 10 times: %d Sela calls for %d events = %.3f per event (ideal %.3f); "
                + "%,.0f events/s", run.selaRequests(), run.rate().events(), calls, ideal, run.rate().perSecond()));
        figure("calls_per_event", calls, 3, "Repeated keys: Sela calls per event", "<= 1.05 x ideal", calls <= 1.05 * ideal);
        line.put("ideal_calls_per_event", fmt(ideal, 3));
        table.add(new String[] {"Repeated keys: ideal calls per event (distinct keys / events)", fmt(ideal, 3), "", ""});
        return run;
    }

    /** 4. Lookups served from state, against a job that copies the same records to Kafka unchanged. */
    private void versusPassThrough(BenchRig rig) throws Exception {
        List<String> inputs = new ArrayList<>(uniqueLeads("c", sizes.cachedKeys()));
        for (int i = 0; i < sizes.cachedEvents(); i++) {
            inputs.add(BenchRig.lead("c" + (i % sizes.cachedKeys())));
        }
        JobSettings settings = defaults(rig);
        JobConfig config = settings.config();
        rig.produce(BenchRig.topic(config), inputs);
        BenchRig.Run cached = rig.runOurs(settings.set("sela.cache-ttl", "1h"), LeadQualityWorkflow::asyncSelaLookup);
        BenchRig.Rate fromState = cached.rate(); // the first lookups fall in the tenth the steady rate leaves out

        JobSettings copy = defaults(rig);
        rig.produce(BenchRig.topic(copy.config()), inputs);
        BenchRig.Run passThrough = PassThroughJob.run(rig, copy.set("kafka.bounded", "true").config());
        double ratio = fromState.perSecond() / passThrough.rate().perSecond();
        double cpuRatio = passThrough.cpuMicrosPerEvent() / cached.cpuMicrosPerEvent();
        say(String.format(Locale.ROOT, "4. served from state (%d calls for %d events): %,.0f events/s, %.1f us CPU per event "
                + "(job %.1f); pass-through %,.0f events/s, %.1f us (job %.1f); ratio %.2f, by CPU %.2f", cached.selaRequests(),
                inputs.size(), fromState.perSecond(), cached.cpuMicrosPerEvent(), jobMicros(cached),
                passThrough.rate().perSecond(), passThrough.cpuMicrosPerEvent(), jobMicros(passThrough), ratio, cpuRatio));
        figure("vs_passthrough", ratio, 2, "Served from state over a pass-through job (" + fmt(fromState.perSecond(), 0)
                + " vs " + fmt(passThrough.rate().perSecond(), 0) + " events/s)", ">= 0.5", ratio >= 0.5);
        figure("cpu_us_per_event", cached.cpuMicrosPerEvent(), 1, "Served from state: CPU-us per event, all of this process (job "
                + fmt(jobMicros(cached), 1) + "; pass-through " + fmt(passThrough.cpuMicrosPerEvent(), 1) + ", job "
                + fmt(jobMicros(passThrough), 1) + ")", "", null);
    }

    private static double jobMicros(BenchRig.Run run) {
        return run.cpu().jobNanos() / 1e3 / run.rate().events();
    }

    /**
     * 11. What the contact stages cost: figure 4's events served from state, with the stages and
     * without them (the two shuffles, by phone and by e-mail, and their state).
     */
    private void contactStagesCost(BenchRig rig) throws Exception {
        List<String> inputs = new ArrayList<>(uniqueLeads("cs", sizes.cachedKeys()));
        for (int i = 0; i < sizes.cachedEvents(); i++) {
            inputs.add(BenchRig.lead("cs" + (i % sizes.cachedKeys())));
        }
        // Alternated, best of several each (one each in a quick run): a single pair of runs of this size
        // differs by more than the stages cost.
        double withStages = 0;
        double withoutStages = 0;
        for (int round = 0; round < sizes.costRounds(); round++) {
            JobSettings without = defaults(rig);
            rig.produce(BenchRig.topic(without.config()), inputs);
            withoutStages = Math.max(withoutStages, rig.runOurs(without.set("sela.cache-ttl", "1h"),
                    WorkflowStages.JOB.withContacts((events, list, updates, config) -> events)).rate().perSecond());
            JobSettings with = defaults(rig);
            rig.produce(BenchRig.topic(with.config()), inputs);
            withStages = Math.max(withStages, rig.runOurs(with.set("sela.cache-ttl", "1h"),
                    LeadQualityWorkflow::asyncSelaLookup).rate().perSecond());
        }
        double ratio = withStages / withoutStages;
        say(String.format(Locale.ROOT, "11. served from state with the contact stages (by phone, by e-mail): %,.0f events/s; "
                + "without them: %,.0f events/s; ratio %.2f (best of %d runs each)", withStages, withoutStages, ratio,
                sizes.costRounds()));
        line.put("contact_stages_ratio", fmt(ratio, 2)); // a cost to know, not a goal
        table.add(new String[] {"Served from state, with the contact stages over without (" + fmt(withStages, 0)
                + " vs " + fmt(withoutStages, 0) + " events/s)", fmt(ratio, 2), "", ""});
    }

    /**
     * 13. What the analytics feed costs: figure 4's events served from state, with the source-quality
     * windows and without them (a feed that writes nothing, chained to the join), on the heap and on
     * RocksDB. Events/s, and the CPU of this process per event over each whole run (the broker and the
     * simulator included; the Sela answers all come from state here).
     */
    private void sourceQualityCost(BenchRig rig) throws Exception {
        List<String> inputs = new ArrayList<>(uniqueLeads("sq", sizes.cachedKeys()));
        for (int i = 0; i < sizes.cachedEvents(); i++) {
            inputs.add(BenchRig.lead("sq" + (i % sizes.cachedKeys())));
        }
        WorkflowStages withoutFeed = WorkflowStages.JOB.withSourceQuality((enriched, config) -> enriched
                .flatMap((EnrichedLead lead, Collector<SourceQuality> none) -> { }).returns(SourceQuality.class)
                .name("No source quality"));
        for (String backend : List.of("hashmap", "rocksdb")) {
            double[] best = {0, 0}; // events/s: with, without
            double[] leastCpu = {Double.MAX_VALUE, Double.MAX_VALUE}; // CPU-us per event: with, without
            // Alternated: one pair of runs differs by more than the feed costs.
            for (int round = 0; round < sizes.costRounds(); round++) {
                for (int variant = 0; variant < 2; variant++) {
                    JobSettings settings = defaults(rig);
                    rig.produce(BenchRig.topic(settings.config()), inputs);
                    long cpuBefore = CpuMeter.processCpuNanos();
                    BenchRig.Run run = rig.runOurs(settings.set("sela.cache-ttl", "1h").set("state.backend", backend),
                            variant == 0 ? WorkflowStages.JOB : withoutFeed);
                    double cpuMicros = (CpuMeter.processCpuNanos() - cpuBefore) / 1e3 / inputs.size();
                    say(String.format(Locale.ROOT, "   13. %s, %s the feed, run %d: %,.0f events/s, %.1f us of CPU per event",
                            backend, variant == 0 ? "with" : "without", round + 1, run.rate().perSecond(), cpuMicros));
                    best[variant] = Math.max(best[variant], run.rate().perSecond());
                    leastCpu[variant] = Math.min(leastCpu[variant], cpuMicros);
                }
            }
            double ratio = best[0] / best[1];
            say(String.format(Locale.ROOT, "13. %s: served from state with the source-quality feed: %,.0f events/s, %.1f us of "
                            + "CPU per event; without it: %,.0f events/s, %.1f us; ratio %.2f (best of %d runs each)", backend,
                    best[0], leastCpu[0], best[1], leastCpu[1], ratio, sizes.costRounds()));
            // a cost to know, not a goal
            line.put(backend.equals("hashmap") ? "source_quality_ratio" : "source_quality_ratio_rocksdb", fmt(ratio, 2));
            table.add(new String[] {"Served from state (" + backend + "), with the source-quality feed over without ("
                    + fmt(best[0], 0) + " vs " + fmt(best[1], 0) + " events/s; " + fmt(leastCpu[0], 1) + " vs "
                    + fmt(leastCpu[1], 1) + " us CPU per event)", fmt(ratio, 2), "", ""});
        }
    }

    /** 12. From a list ADD to the alert on every lead it names, with many leads and list entries in state. */
    private void fanout(BenchRig rig) throws Exception {
        FanoutProbe.Result r = FanoutProbe.run(rig, defaults(rig), sizes.fanoutLeads(), sizes.fanoutEntries(),
                sizes.fanoutAdds(), 10);
        long bound = 2_000 + 1_000; // 2 s + the checkpoint interval of 1 s
        say(String.format(Locale.ROOT, "12. %d ADDs at 10/s with %,d leads and %,d list entries in state (RocksDB, loaded "
                        + "in %d s, restored and first ADD alerted in %d s): %d alerts; every lead named alerted for %d of them; p50 %d ms, p99 %d ms, max %d ms "
                        + "(target p99 <= %d ms)", r.adds(), sizes.fanoutLeads(), sizes.fanoutEntries(), r.loadSeconds(),
                r.readySeconds(), r.alerts(), r.adds() - r.incomplete(), r.p50(), r.p99(), r.max(), bound));
        figure("fanout_p99_ms", r.p99(), 0, "List ADD to the alert on every lead it names, p99 (ms), "
                + fmt(sizes.fanoutLeads(), 0) + " leads and " + fmt(sizes.fanoutEntries(), 0) + " entries, RocksDB",
                "<= " + bound, r.p99() <= bound && r.incomplete() == 0);
    }

    /** 5. Append-to-commit latency at a steady rate well below saturation. */
    private void latency(BenchRig rig) throws Exception {
        LatencyProbe.Result result = LatencyProbe.run(rig,
                defaults(rig).set("checkpoint.interval", LATENCY_CHECKPOINT.toMillis() + "ms"), sizes.latencyRate(),
                Duration.ofSeconds(sizes.latencySeconds()));
        long bound = LATENCY_CHECKPOINT.toMillis() + latency.toMillis() + 200;
        say(String.format(Locale.ROOT, "5. latency at %d events/s (%d events): p50 %d ms, p99 %d ms, max %d ms "
                + "(target p99 <= %d ms checkpoint + %d ms API + 200 ms = %d ms)", sizes.latencyRate(), result.events(),
                result.p50(), result.p99(), result.max(), LATENCY_CHECKPOINT.toMillis(), latency.toMillis(), bound));
        line.put("p50_ms", Long.toString(result.p50()));
        table.add(new String[] {"Latency append -> committed, p50 (ms)", Long.toString(result.p50()), "", ""});
        figure("p99_ms", result.p99(), 0, "Latency append -> committed, p99 (ms)", "<= " + bound, result.p99() <= bound);
    }

    /** 6. A Flink SQL lookup join through GetInData's HTTP connector, on loads 1 and 3. */
    private void versusPeer(BenchRig rig, BenchRig.Run ours, BenchRig.Run oursRepeated) throws Exception {
        Map<String, BenchRig.Run> peer = new LinkedHashMap<>();
        try {
            for (boolean tuned : new boolean[] {false, true}) {
                String mode = tuned ? "tuned" : "defaults";
                JobSettings unique = defaults(rig);
                rig.produce(BenchRig.topic(unique.config()), uniqueLeads("p" + mode, sizes.peerUnique()));
                peer.put("unique " + mode, PeerSqlJob.run(rig, unique.config(), rig.token, tuned));
                JobSettings repeated = defaults(rig);
                rig.produce(BenchRig.topic(repeated.config()), repeatedLeads("q" + mode, sizes.repeatedKeys()));
                peer.put("repeated " + mode, PeerSqlJob.run(rig, repeated.config(), rig.token, tuned));
            }
        } catch (Exception | LinkageError e) {
            say("6. the peer (Flink SQL + com.getindata:flink-http-connector) did not run here: " + e);
            unmeasured("vs_peer", "Over the Flink SQL HTTP lookup join: did not run (" + e.getClass().getSimpleName() + ")", ">= 1.5");
            unmeasured("vs_peer_repeated", "Over the same peer, repeated keys: did not run", ">= 1.5");
            return;
        }
        peer.forEach((name, run) -> say(String.format(Locale.ROOT, "6. peer, %s: %,.0f events/s, %.3f Sela calls per event",
                name, run.rate().perSecond(), run.callsPerEvent())));
        double tuned = ours.rate().perSecond() / peer.get("unique tuned").rate().perSecond();
        double defaults = ours.rate().perSecond() / peer.get("unique defaults").rate().perSecond();
        say(String.format(Locale.ROOT, "6. ours / peer, unique keys: %.2f tuned alike, %.2f at defaults; repeated keys: "
                        + "calls per event %.3f ours, %.3f peer (tuned), events/s %.2f x", tuned, defaults,
                oursRepeated.callsPerEvent(), peer.get("repeated tuned").callsPerEvent(),
                oursRepeated.rate().perSecond() / peer.get("repeated tuned").rate().perSecond()));
        figure("vs_peer", tuned, 2, "Over the Flink SQL HTTP lookup join, unique keys, both " + TestConfigs.with().selaMaxInFlight
                + " in flight per instance", ">= 1.5", tuned >= 1.5);
        double repeatedRatio = oursRepeated.rate().perSecond() / peer.get("repeated tuned").rate().perSecond();
        figure("vs_peer_repeated", repeatedRatio, 2, "Over the same peer, repeated keys, events/s, tuned alike ("
                + fmt(oursRepeated.rate().perSecond(), 0) + " vs " + fmt(peer.get("repeated tuned").rate().perSecond(), 0) + "; CPU-us per event "
                + fmt(oursRepeated.cpuMicrosPerEvent(), 0) + " vs " + fmt(peer.get("repeated tuned").cpuMicrosPerEvent(), 0) + ")",
                ">= 1.5", repeatedRatio >= 1.5);
        table.add(new String[] {"Over the same peer at its defaults (8 request threads), unique keys", fmt(defaults, 2), "", ""});
        table.add(new String[] {"Peer's Sela calls per event, repeated keys (tuned / defaults)",
                fmt(peer.get("repeated tuned").callsPerEvent(), 3) + " / " + fmt(peer.get("repeated defaults").callsPerEvent(), 3),
                "", ""});
    }

    /**
     * 7. State per key after many distinct keys, heap and RocksDB. The heap figure is a difference of
     * two heaps of gigabytes: where it comes out below what the same state takes in a compressed
     * checkpoint (or below zero), the leads' state was lost in the heap's noise at this size, and the
     * figure says it could not be measured rather than pass.
     */
    private void stateSize(BenchRig rig) throws Exception {
        rig.apiLatency(1); // the figure is about state, not about waiting for Sela
        // The job's own heap without any lead (clients, buffers, operators): not state, subtracted.
        long jobHeap = StateProbe.run(rig, stateSettings(rig), "hashmap", 0).heapBytes();
        for (String backend : new String[] {"hashmap", "rocksdb"}) {
            StateProbe.Result r = StateProbe.run(rig, stateSettings(rig), backend, sizes.stateKeys()).withoutHeap(jobHeap);
            say(String.format(Locale.ROOT, "7. %s, %,d keys: heap %s, local disk %s, checkpoint %.0f bytes per key", backend,
                    r.keys(), backend.equals("hashmap") ? fmt(r.heapPerKey(), 0) + " bytes per key" : "n/a (off heap)",
                    backend.equals("rocksdb") ? fmt(r.diskPerKey(), 0) + " bytes per key" : "n/a", r.checkpointPerKey()));
            String keys = fmt(r.keys(), 0) + " keys";
            if (backend.equals("hashmap")) {
                String what = "Heap per key, heap backend, " + keys + " (bytes)";
                if (r.heapPerKey() > 0 && r.heapPerKey() >= r.checkpointPerKey()) {
                    figure("bytes_per_key", r.heapPerKey(), 0, what, "< 1024", r.heapPerKey() < 1024);
                } else {
                    unmeasured("bytes_per_key", what + ": " + fmt(r.heapPerKey(), 0) + " is below the checkpoint's "
                            + fmt(r.checkpointPerKey(), 0) + ", lost in the heap's noise at this size", "< 1024");
                }
            } else {
                figure("rocksdb_disk_bytes_per_key", r.diskPerKey(), 0, "RocksDB local disk per key, " + keys + " (bytes)",
                        "< 1024", r.diskPerKey() > 0 && r.diskPerKey() < 1024);
            }
            table.add(new String[] {"Checkpoint per key, " + backend + " (bytes)", fmt(r.checkpointPerKey(), 0), "< 1024",
                    r.checkpointPerKey() > 0 && r.checkpointPerKey() < 1024 ? "met" : "missed"});
        }
        rig.apiLatency(latency.toMillis());
    }

    /**
     * 8. Unique keys with 5% of lookups slow (10 s, past sela.timeout, so they time out and retry),
     * against none. Little's law still holds: a slow tail needs in-flight room for rate x mean
     * lookup time, so both runs get {@link #SLOW_IN_FLIGHT}; what the figure shows is that a slow
     * lookup holds back nothing but its own event (with watermarks it held back every later one).
     */
    private void slowLookups(BenchRig rig) throws Exception {
        String inFlight = Integer.toString(SLOW_IN_FLIGHT);
        // None slow before and after, so a JIT still warming or a noisy neighbour weighs on both sides.
        BenchRig.Run before = ours(rig, "no-slow", uniqueLeads("sn", sizes.slowUnique()), inFlight);
        rig.slowLookups(0.05, 10_000);
        BenchRig.Run slow;
        try {
            slow = ours(rig, "slow", uniqueLeads("ss", sizes.slowUnique()), inFlight);
        } finally {
            rig.apiLatency(latency.toMillis());
        }
        BenchRig.Run after = ours(rig, "no-slow", uniqueLeads("sm", sizes.slowUnique()), inFlight);
        double none = (before.rate().perSecond() + after.rate().perSecond()) / 2;
        double ratio = slow.rate().perSecond() / none;
        say(String.format(Locale.ROOT, "8. 5%% of lookups slow (10 s), %d in flight per instance: %,.0f events/s; none slow: "
                + "%,.0f and %,.0f events/s; ratio %.2f", SLOW_IN_FLIGHT, slow.rate().perSecond(), before.rate().perSecond(),
                after.rate().perSecond(), ratio));
        figure("slow_lookups_ratio", ratio, 2, "Unique keys, 5% of lookups slow (10 s) over none slow (" + fmt(slow.rate().perSecond(), 0)
                + " vs " + fmt(none, 0) + " events/s, " + SLOW_IN_FLIGHT + " in flight)", ">= 0.8", ratio >= 0.8);
    }

    /** 9. The webhook receiver: requests/s with acks=all from 32 senders, and its latency. */
    private void webhooks(BenchRig rig) throws Exception {
        WebhookProbe.Result r = WebhookProbe.run(rig, defaults(rig), sizes.webhooks(), WEBHOOK_SENDERS);
        say(String.format(Locale.ROOT, "9. webhook receiver, %,d requests from %d senders, acks=all: %,.0f requests/s; "
                + "p50 %.1f ms, p99 %.1f ms; %d not answered 200; the receiver's own threads used %.0f us of CPU per "
                + "request (%,.0f requests/s on %d cores to itself)", r.requests(), WEBHOOK_SENDERS, r.perSecond(),
                r.p50Micros() / 1000.0, r.p99Micros() / 1000.0, r.failures(), r.receiverCpuMicros(),
                r.perSecondOnCores(CORES), CORES));
        table.add(new String[] {"Webhook receiver, CPU per request of its own threads (us)", fmt(r.receiverCpuMicros(), 0), "", ""});
        figure("webhook_rps", r.perSecond(), 0, "Webhook receiver, requests/s with acks=all (" + WEBHOOK_SENDERS + " senders)",
                ">= 2000", r.perSecond() >= 2000 && r.failures() == 0);
        figure("webhook_p99_ms", r.p99Micros() / 1000.0, 1, "Webhook receiver, p99 latency (ms)", "<= 50",
                r.p99Micros() <= 50_000);
    }

    /**
     * 10. New leads while refreshes want more than the rate limit gives: after a restore, every lead in
     * state falls due (demand leads / interval once steady, more in the first wave, against 50 lookups/s).
     */
    private void newLeadsUnderRefreshDemand(BenchRig rig) throws Exception {
        // Longer than loading the leads takes (20,000 in seconds, a million in minutes), so the load is
        // not slowed by its own refreshes and every one falls due after the restore.
        Duration interval = Duration.ofSeconds(sizes.name().equals("quick") ? 30 : 600);
        int perSecond = 5;
        LatencyProbe.Result r = NewLeadProbe.run(rig, defaults(rig), sizes.newLeadState(), interval, perSecond,
                Duration.ofSeconds(sizes.latencySeconds() * 3L));
        long bound = 2_000 + 1_000; // 2 s + the checkpoint interval of 1 s
        say(String.format(Locale.ROOT, "10. new leads at %d/s with %,d leads in state (RocksDB) wanting %,.0f refreshes/s "
                        + "against %d lookups/s: p50 %d ms, p99 %d ms, max %d ms (%d events; target p99 <= %d ms)", perSecond,
                sizes.newLeadState(), sizes.newLeadState() / (double) interval.toSeconds(), NewLeadProbe.RATE_LIMIT,
                r.p50(), r.p99(), r.max(), r.events(), bound));
        figure("new_lead_p99_ms", r.p99(), 0, "New lead append -> committed, p99, refresh demand above the budget (ms)",
                "<= " + bound, r.p99() <= bound);
    }

    /** Throughput against in-flight capacity and API latency, for the plot. */
    private void sweep(BenchRig rig) throws Exception {
        List<ThroughputPlot.Point> points = sweepPoints;
        for (long millis : sizes.sweepLatencies()) {
            rig.apiLatency(millis);
            for (int inFlight : sizes.sweepInFlight()) {
                if (points.stream().anyMatch(p -> p.latencyMillis() == millis && p.inFlight() == inFlight)) {
                    continue; // measured as figure 1
                }
                double ceiling = ceiling(inFlight, millis);
                int events = (int) Math.max(3_000, Math.min(40_000, 6 * Math.min(ceiling, 6_000)));
                JobSettings settings = defaults(rig).set("sela.max-in-flight", Integer.toString(inFlight));
                rig.produce(BenchRig.topic(settings.config()), uniqueLeads("sw" + millis + "-" + inFlight, events));
                double rate = rig.runOurs(settings, LeadQualityWorkflow::asyncSelaLookup).rate().perSecond();
                say(String.format(Locale.ROOT, "   sweep: %d ms, %d in flight: %,.0f events/s of %,.0f (%.2f)", millis, inFlight,
                        rate, ceiling, rate / ceiling));
                points.add(new ThroughputPlot.Point(millis, inFlight, rate, ceiling));
            }
        }
        rig.apiLatency(latency.toMillis());
        ThroughputPlot.write(points, "lead-quality: events/s against lookups in flight and Sela latency (2 cores)",
                out.resolve("throughput.png"));
    }

    private BenchRig.Run ours(BenchRig rig, String name, List<String> inputs, WorkflowStages.LookupStage stage)
            throws Exception {
        JobSettings settings = rig.newRun(name);
        rig.produce(BenchRig.topic(settings.config()), inputs);
        return rig.runOurs(settings, stage);
    }

    private BenchRig.Run ours(BenchRig rig, String name, List<String> inputs, String inFlight) throws Exception {
        JobSettings settings = rig.newRun(name).set("sela.max-in-flight", inFlight);
        rig.produce(BenchRig.topic(settings.config()), inputs);
        return rig.runOurs(settings, LeadQualityWorkflow::asyncSelaLookup);
    }

    private JobSettings stateSettings(BenchRig rig) throws Exception {
        return defaults(rig).set("checkpoint.interval", sizes.stateCheckpointInterval());
    }

    private static JobSettings defaults(BenchRig rig) throws Exception {
        return rig.newRun("run");
    }

    private static double ceiling(int inFlight, long latencyMillis) {
        return BenchRig.PARALLELISM * inFlight * 1000.0 / latencyMillis;
    }

    private static List<String> uniqueLeads(String prefix, int count) {
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(BenchRig.lead(prefix + i));
        }
        return out;
    }

    /** Each key ten times, interleaved: key k's repeats are {@code keys} events apart. */
    private static List<String> repeatedLeads(String prefix, int keys) {
        List<String> out = new ArrayList<>(keys * 10);
        for (int round = 0; round < 10; round++) {
            for (int k = 0; k < keys; k++) {
                out.add(BenchRig.lead(prefix + k));
            }
        }
        return out;
    }

    /** 14. Two per-event steps alone, on one thread: a hop between keyed stages, and a record's three times. */
    private void hopCost() throws Exception {
        HopCost.Result r = HopCost.measure(sizes.cachedEvents());
        say(String.format(Locale.ROOT, "14. one hop of an event served from state, written and read: POJO serializer %.0f ns, "
                + "LeadEventSerializer %.0f ns (%.2f); with its Sela lookup: %.0f ns, %.0f ns (%.2f); three output times: "
                + "formatter %.0f ns, formatMillis %.0f ns (%.2f)",
                r.pojoNanos(), r.ownNanos(), r.ownNanos() / r.pojoNanos(), r.pojoLookupNanos(), r.ownLookupNanos(),
                r.ownLookupNanos() / r.pojoLookupNanos(), r.formatterNanos(), r.formatMillisNanos(),
                r.formatMillisNanos() / r.formatterNanos()));
        figure("hop_cost_ratio", r.ownNanos() / r.pojoNanos(), 2, "One hop between keyed stages, written and read, CPU: "
                + "LeadEventSerializer over Flink's POJO serializer (" + fmt(r.ownNanos(), 0) + " vs " + fmt(r.pojoNanos(), 0)
                + " ns)", "", null);
        figure("hop_cost_ratio_lookup", r.ownLookupNanos() / r.pojoLookupNanos(), 2, "The same for an event carrying its "
                + "Sela lookup (" + fmt(r.ownLookupNanos(), 0) + " vs " + fmt(r.pojoLookupNanos(), 0) + " ns)", "", null);
        figure("times_cost_ratio", r.formatMillisNanos() / r.formatterNanos(), 2, "An output record's three times, CPU: "
                + "formatMillis over DateTimeFormatter (" + fmt(r.formatMillisNanos(), 0) + " vs " + fmt(r.formatterNanos(), 0)
                + " ns)", "", null);
    }

    /** A figure on the last line and in the table; {@code met} null for a figure with no target. */
    private void figure(String name, double value, int decimals, String what, String target, Boolean met) {
        line.put(name, fmt(value, decimals));
        table.add(new String[] {what, fmt(value, decimals), target, met == null ? "" : met ? "met" : "missed"});
        if (Boolean.FALSE.equals(met)) {
            missed.add(name);
        }
    }

    /** A figure that could not be measured: it fails, it never passes. */
    private void unmeasured(String name, String what, String target) {
        line.put(name, "not_measurable");
        table.add(new String[] {what, "not measurable", target, "missed"});
        missed.add(name);
    }

    private String report() {
        StringBuilder md = new StringBuilder("| figure | measured | target | |\n|---|---|---|---|\n");
        table.forEach(row -> md.append("| ").append(String.join(" | ", row)).append(" |\n"));
        return md.toString();
    }

    private static String fmt(double value, int decimals) {
        return decimals == 0 ? String.format(Locale.ROOT, "%,.0f", value).replace(",", "")
                : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static void say(String text) {
        System.out.println(text);
    }
}
