package io.leadquality.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadquality.app.LeadQualityJob;
import io.leadquality.sim.SelaSimulator;
import io.leadquality.testkit.EmbeddedKafka;
import io.leadquality.testkit.KafkaTestClient;
import io.leadquality.testkit.JobSettings;
import io.leadquality.testkit.SelaLeads;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** SPEC section 7: with no new lead events, a change in Sela surfaces by the refresh alone (how soon is jobs/bench's business, not a test's). */
class RefreshITCase {
    private static final String TOKEN = "refresh-token-8d";
    private static final Duration INTERVAL = Duration.ofSeconds(2);

    @RegisterExtension
    static final MiniClusterExtension FLINK = JobSettings.miniCluster();

    @Test
    void aSelaChangeRaisesItsAlertAndStatusChangeWithoutANewEvent(@TempDir Path tmp) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(); SelaSimulator sela = new SelaSimulator(0, TOKEN).start()) {
            sela.upsert(SelaLeads.lead(501, "r-1").build());
            sela.upsert(SelaLeads.lead(502, "r-2").build());
            sela.upsert(SelaLeads.lead(503, "r-3").build()); // r-3 is in Sela twice
            sela.upsert(SelaLeads.lead(504, "r-3").set("modified_time", "2026-01-01T00:00:00Z").build());
            JobSettings.createTopics(kafka, "r-", 2);
            KafkaTestClient client = new KafkaTestClient(kafka.bootstrapServers());
            client.produceText("r-in", List.of("{\"external_id\":\"r-1\",\"phone_number\":\"8042221111\"}",
                    "{\"external_id\":\"r-2\",\"phone_number\":\"8042221111\"}",
                    "{\"external_id\":\"r-3\",\"phone_number\":\"8042221111\"}"));

            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(JobSettings.flinkConfig());
            LeadQualityJob.build(env, JobSettings.of("r-", kafka, sela, tmp, TOKEN)
                    .set("sela.refresh-interval", INTERVAL.toMillis() + "ms").set("sela.cache-ttl", "500ms").config());
            JobClient job = env.executeAsync("refresh");
            try {
                client.readUntil("r-enriched", Duration.ofSeconds(30), Duration.ofSeconds(60), r -> r.size() >= 3);

                sela.upsert(SelaLeads.lead(501, "r-1").set("call_dnc", true).build()); // Sela marks r-1 do-not-call
                sela.upsert(SelaLeads.lead(502, "r-2").set("status", "CLOSED").build()); // r-2 is done
                List<JsonNode> alerts = KafkaTestClient.json(client.readUntil("r-alerts", Duration.ofSeconds(20),
                        Duration.ofSeconds(20), r -> r.size() >= 2));
                assertThat(alerts).extracting(a -> a.get("external_id").asText() + ":" + a.get("flag").asText() + ":"
                        + a.get("state").asText()).containsExactlyInAnyOrder("r-3:DUPLICATE_IN_SELA:RAISED", "r-1:CALL_DNC:RAISED");

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
                JobSettings.cancelAndWait(job);
            }
        }
    }

    private static long count(List<String> uris, String query) {
        return uris.stream().filter(u -> u.contains(query)).count();
    }
}
