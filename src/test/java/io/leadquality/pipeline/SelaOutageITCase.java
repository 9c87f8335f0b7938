package io.leadquality.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadquality.app.LeadQualityJob;
import io.leadquality.config.JobConfig;
import io.leadquality.sela.SelaLookupFunction;
import io.leadquality.sim.SelaSimulator;
import io.leadquality.sim.SimulatorFaults;
import io.leadquality.testkit.EmbeddedKafka;
import io.leadquality.testkit.KafkaTestClient;
import io.leadquality.testkit.JobSettings;
import io.leadquality.testkit.SelaLeads;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** A misbehaving or absent Sela API degrades the outputs to flagged records; the job never restarts. */
class SelaOutageITCase {
    private static final String TOKEN = "outage-token-1b";
    private static final int MAX_RETRIES = 3;
    private static final int REQUESTS_PER_SECOND = 40;

    @RegisterExtension
    static final MiniClusterExtension FLINK = JobSettings.miniCluster();

    private static EmbeddedKafka kafka;
    private static SelaSimulator sela;

    @BeforeAll
    static void startServices() throws Exception {
        kafka = EmbeddedKafka.start();
        sela = new SelaSimulator(0, TOKEN).start();
        for (int i = 0; i < 400; i++) {
            sela.upsert(SelaLeads.lead(90_000 + i, "m-" + i).set("call_dnc", i % 4 == 0).build());
        }
    }

    @AfterAll
    static void stopServices() throws Exception {
        sela.close();
        kafka.close();
    }

    @Test
    void aMisbehavingApiSlowsNothingDownToACrashAndTheRateLimitHolds(@TempDir Path tmp) throws Exception {
        String prefix = "bad-";
        JobSettings.createTopics(kafka, prefix, 2);
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            inputs.add("{\"external_id\":\"m-" + i + "\",\"phone_number\":\"8042221111\"}");
        }
        new KafkaTestClient(kafka.bootstrapServers()).produceText(prefix + "in", inputs);

        SimulatorFaults misbehaving = new SimulatorFaults(5, 0.05, 0, 1, 0.01, 2_000, 0.01, false);
        SimulatorFaults throttling = new SimulatorFaults(5, 0, 1.0, 1, 0, 0, 0, false);
        sela.resetStats();
        sela.setFaults(misbehaving);
        ScheduledExecutorService bursts = Executors.newSingleThreadScheduledExecutor();
        bursts.scheduleAtFixedRate(() -> { // a burst of 429s for 300 ms out of every 3 s
            sela.setFaults(throttling);
            sleep(300);
            sela.setFaults(misbehaving);
        }, 1_000, 3_000, TimeUnit.MILLISECONDS);
        try {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(JobSettings.flinkConfigWithoutRestarts());
            LeadQualityJob.build(env, config(prefix, tmp, true));
            env.execute("misbehaving-sela"); // throws if the job fails: restarts are off
        } finally {
            bursts.shutdownNow();
            sela.setFaults(SimulatorFaults.NONE);
        }

        List<JsonNode> enriched = KafkaTestClient.json(new KafkaTestClient(kafka.bootstrapServers())
                .readAll(prefix + "enriched", Duration.ofSeconds(3)));
        assertThat(enriched).hasSize(inputs.size());
        Map<String, Long> byLookup = enriched.stream().collect(Collectors.groupingBy(e -> e.get("lookup").asText(), Collectors.counting()));
        // 7% of attempts fail and 3 retries follow: all but a handful must be found, rate-limit queueing included.
        assertThat(byLookup.getOrDefault("FAILED", 0L)).isLessThanOrEqualTo(inputs.size() / 50);
        enriched.stream().filter(e -> e.get("lookup").asText().equals("FAILED"))
                .forEach(e -> assertThat(e.get("flags").toString()).contains("SELA_STATE_UNKNOWN"));

        assertThat(sela.requestsWithStatus(503)).as("5xx injected").isPositive();
        assertThat(sela.requestsWithStatus(429)).as("429s injected").isPositive();
        assertThat(sela.apiRequests()).as("attempts per event bounded").isLessThanOrEqualTo((long) inputs.size() * (1 + MAX_RETRIES));
        long busiestSecond = sela.requestsPerSecond().values().stream().mapToLong(Long::longValue).max().orElseThrow();
        long busiestFiveSeconds = busiestWindow(sela.requestsPerSecond(), 5);
        List<JsonNode> alerts = KafkaTestClient.json(new KafkaTestClient(kafka.bootstrapServers())
                .readAll(prefix + "alerts", Duration.ofSeconds(2)));
        alerts.stream().filter(a -> a.get("flag").asText().equals("SELA_STATE_UNKNOWN"))
                .forEach(a -> System.out.println("  lookup failed: " + a.get("reason").asText()));
        System.out.printf("misbehaving Sela: %d events, lookups %s, %d API requests (503: %d, 429: %d, reset: %d), "
                + "busiest second %d, busiest 5 s %d (limit %d/s)%n", inputs.size(), byLookup, sela.apiRequests(),
                sela.requestsWithStatus(503), sela.requestsWithStatus(429), sela.requestsWithStatus(0), busiestSecond,
                busiestFiveSeconds, REQUESTS_PER_SECOND);
        // Evenly spaced requests fit limit x 5 + 1 per instance into 5 whole seconds, one more per instance
        // when a send lands just late; whole-second buckets alone mostly measure that edge effect.
        assertThat(busiestFiveSeconds).as("requests in the busiest 5 s, limit %s/s", REQUESTS_PER_SECOND)
                .isLessThanOrEqualTo(5L * REQUESTS_PER_SECOND + 2 * 2);
    }

    @Test
    void selaDownLongerThanEveryTimeoutThenBack(@TempDir Path tmp) throws Exception {
        String prefix = "down-";
        JobSettings.createTopics(kafka, prefix, 2);
        KafkaTestClient client = new KafkaTestClient(kafka.bootstrapServers());
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            batch.add("{\"external_id\":\"m-" + i + "\",\"phone_number\":\"8042221111\"}");
        }
        sela.setFaults(SimulatorFaults.NONE.withDown(true));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(JobSettings.flinkConfigWithoutRestarts());
        // Fewer lookups in flight keep Flink's own async timeout short; the outage outlasts it, and with
        // it every retry budget, so the job must ride out lookups that Flink itself gave up on.
        JobConfig config = config(prefix, tmp, false).with(Map.of("sela.max-in-flight", "10"));
        Duration outage = SelaLookupFunction.asyncTimeout(config).plusSeconds(2);
        LeadQualityJob.build(env, config);
        JobClient job = env.executeAsync("sela-down");
        long downSince = System.currentTimeMillis();
        client.produceText(prefix + "in", batch);
        List<JsonNode> during = KafkaTestClient.json(client.readUntil(prefix + "enriched", Duration.ofSeconds(50),
                Duration.ofSeconds(55), r -> r.size() >= batch.size()));
        assertThat(during).hasSize(batch.size()).allSatisfy(e -> {
            assertThat(e.get("lookup").asText()).isEqualTo("FAILED");
            assertThat(e.get("flags").toString()).contains("SELA_STATE_UNKNOWN");
        });
        Thread.sleep(Math.max(0, outage.toMillis() - (System.currentTimeMillis() - downSince)));
        assertThat(job.getJobStatus().get().isGloballyTerminalState())
                .as("still running after %s s without Sela", outage.toSeconds()).isFalse();

        sela.setFaults(SimulatorFaults.NONE);
        client.produceText(prefix + "in", batch);
        List<JsonNode> after = KafkaTestClient.json(client.readUntil(prefix + "enriched", Duration.ofSeconds(60),
                Duration.ofSeconds(90), r -> r.size() >= 2 * batch.size()));
        Thread.sleep(2_000);
        JobSettings.cancelAndWait(job);
        List<JsonNode> recovered = after.stream().filter(e -> e.get("lookup").asText().equals("FOUND")).toList();
        assertThat(recovered).hasSize(batch.size()).allSatisfy(e -> {
            int i = Integer.parseInt(e.get("external_id").asText().substring(2));
            assertThat(e.get("flags").toString()).doesNotContain("SELA_STATE_UNKNOWN");
            assertThat(e.get("flags").toString().contains("CALL_DNC")).isEqualTo(i % 4 == 0);
        });
        List<JsonNode> alerts = KafkaTestClient.json(client.readAll(prefix + "alerts", Duration.ofSeconds(2)));
        assertThat(alerts.stream().filter(a -> a.get("flag").asText().equals("SELA_STATE_UNKNOWN")
                && a.get("state").asText().equals("CLEARED")).count()).isEqualTo(batch.size());
    }

    private static long busiestWindow(Map<Long, Long> perSecond, int seconds) {
        long busiest = 0;
        for (long start : perSecond.keySet()) {
            long sum = 0;
            for (long t = start; t < start + seconds; t++) {
                sum += perSecond.getOrDefault(t, 0L);
            }
            busiest = Math.max(busiest, sum);
        }
        return busiest;
    }


    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static JobConfig config(String prefix, Path tmp, boolean bounded) {
        return JobSettings.of(prefix, kafka, sela, tmp, TOKEN)
                .set("kafka.bounded", Boolean.toString(bounded))
                .set("kafka.transaction-timeout", "2min")
                .set("sela.timeout", "500ms")
                .set("sela.max-retries", Integer.toString(MAX_RETRIES))
                .set("sela.retry-backoff", "100ms")
                .set("sela.retry-max-backoff", "1s")
                .set("sela.max-requests-per-second", Integer.toString(REQUESTS_PER_SECOND))
                .set("sela.cache-ttl", "5s")
                .config();
    }
}
