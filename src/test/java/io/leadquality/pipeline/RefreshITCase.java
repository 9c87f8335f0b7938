package io.leadquality.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadquality.app.LeadQualityJob;
import io.leadquality.config.JobConfig;
import io.leadquality.sim.SelaSimulator;
import io.leadquality.testkit.EmbeddedKafka;
import io.leadquality.testkit.KafkaTestClient;
import io.leadquality.testkit.SelaLeads;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** SPEC section 7: with no new lead events, a change in Sela surfaces within a couple of refresh intervals. */
class RefreshITCase {
    private static final String TOKEN = "refresh-token-8d";
    private static final Duration INTERVAL = Duration.ofSeconds(2);

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @Test
    void aSelaChangeRaisesItsAlertAndStatusChangeWithoutANewEvent(@TempDir Path tmp) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(); SelaSimulator sela = new SelaSimulator(0, TOKEN).start()) {
            sela.upsert(SelaLeads.lead(501, "r-1").build());
            sela.upsert(SelaLeads.lead(502, "r-2").build());
            sela.upsert(SelaLeads.lead(503, "r-3").build()); // r-3 is in Sela twice
            sela.upsert(SelaLeads.lead(504, "r-3").set("modified_time", "2026-01-01T00:00:00Z").build());
            kafka.createTopics(2, "r-in", "r-enriched", "r-alerts", "r-status", "r-dlq", "r-refresh");
            KafkaTestClient client = new KafkaTestClient(kafka.bootstrapServers());
            client.produceText("r-in", List.of("{\"external_id\":\"r-1\",\"phone_number\":\"8042221111\"}",
                    "{\"external_id\":\"r-2\",\"phone_number\":\"8042221111\"}",
                    "{\"external_id\":\"r-3\",\"phone_number\":\"8042221111\"}"));

            Configuration flink = new Configuration();
            flink.set(PipelineOptions.GENERIC_TYPES, false);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
            LeadQualityJob.build(env, config(kafka, sela, Files.writeString(tmp.resolve("token"), TOKEN)));
            JobClient job = env.executeAsync("refresh");
            try {
                client.readUntil("r-enriched", Duration.ofSeconds(30), Duration.ofSeconds(60), r -> r.size() >= 3);

                sela.upsert(SelaLeads.lead(501, "r-1").set("call_dnc", true).build()); // Sela marks r-1 do-not-call
                sela.upsert(SelaLeads.lead(502, "r-2").set("status", "CLOSED").build()); // r-2 is done
                long changedAt = System.currentTimeMillis();
                List<JsonNode> alerts = KafkaTestClient.json(client.readUntil("r-alerts", Duration.ofSeconds(20),
                        Duration.ofSeconds(20), r -> r.size() >= 2));
                long seenAfter = System.currentTimeMillis() - changedAt;
                assertThat(alerts).extracting(a -> a.get("external_id").asText() + ":" + a.get("flag").asText() + ":"
                        + a.get("state").asText()).containsExactlyInAnyOrder("r-3:DUPLICATE_IN_SELA:RAISED", "r-1:CALL_DNC:RAISED");
                // The refresh is due within 1.1 intervals, then one lookup and one checkpoint (500 ms) later it is committed.
                assertThat(seenAfter).isLessThan(3 * INTERVAL.toMillis() + 2_000);

                List<JsonNode> changes = KafkaTestClient.json(client.readUntil("r-status", Duration.ofSeconds(5),
                        Duration.ofSeconds(20), r -> r.size() >= 8));
                assertThat(changes).filteredOn(c -> c.get("from") != null && !c.get("from").isNull())
                        .extracting(c -> c.get("external_id").asText() + ":" + c.get("field").asText() + ":" + c.get("to"))
                        .containsExactlyInAnyOrder("r-1:call_dnc:true", "r-2:status:\"CLOSED\"");

                // r-2 is final now: it is not fetched again. r-1 still is, and r-3 stays a duplicate.
                long r2Before = count(sela.recentRequestUris(), "external_id=r-2&");
                long r1Before = count(sela.recentRequestUris(), "external_id=r-1&");
                Thread.sleep(3 * INTERVAL.toMillis());
                assertThat(count(sela.recentRequestUris(), "external_id=r-2&")).isEqualTo(r2Before);
                assertThat(count(sela.recentRequestUris(), "external_id=r-1&")).isGreaterThan(r1Before);
                assertThat(KafkaTestClient.json(client.readAll("r-alerts", Duration.ofSeconds(2))))
                        .as("a refresh sees duplicates as the events do: nothing cleared").hasSize(2);
                assertThat(client.readAll("r-enriched", Duration.ofSeconds(2))).as("refreshes are no input events").hasSize(3);
            } finally {
                job.cancel().get();
            }
        }
    }

    private static long count(List<String> uris, String query) {
        return uris.stream().filter(u -> u.contains(query)).count();
    }

    private static JobConfig config(EmbeddedKafka kafka, SelaSimulator sela, Path tokenFile) {
        Map<String, String> s = new HashMap<>();
        s.put("kafka.bootstrap-servers", kafka.bootstrapServers());
        s.put("kafka.group-id", "refresh");
        s.put("kafka.input-topics", "r-in:auto");
        s.put("kafka.topics.enriched", "r-enriched");
        s.put("kafka.topics.alerts", "r-alerts");
        s.put("kafka.topics.status-changes", "r-status");
        s.put("kafka.topics.dead-letter", "r-dlq");
        s.put("kafka.topics.refresh-requests", "r-refresh");
        s.put("kafka.transaction-timeout", "1min");
        s.put("sela.base-url", sela.baseUrl());
        s.put("sela.token-file", tokenFile.toString());
        s.put("sela.refresh-interval", INTERVAL.toMillis() + "ms");
        s.put("sela.cache-ttl", "500ms");
        s.put("checkpoint.interval", "500ms");
        s.put("parallelism", "2");
        return JobConfig.from(s);
    }
}
