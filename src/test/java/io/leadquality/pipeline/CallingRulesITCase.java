package io.leadquality.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadquality.app.LeadQualityJob;
import io.leadquality.config.JobConfig;
import io.leadquality.sim.SelaSimulator;
import io.leadquality.testkit.EmbeddedKafka;
import io.leadquality.testkit.JobSettings;
import io.leadquality.testkit.KafkaTestClient;
import io.leadquality.testkit.SelaLeads;
import io.leadquality.testkit.WebhookSender;
import io.leadquality.webhooks.WebhookReceiver;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC section 10 once through the pipeline, on the shipped rules file: a Sunday morning call in
 * Texas, Christmas in Alabama, and a Florida phone called three times through Sela's webhooks.
 */
class CallingRulesITCase {
    private static final String TOKEN = "rules-token-3q";
    private static final String SECRET = "rules-secret-8w";

    @RegisterExtension
    static final MiniClusterExtension FLINK = JobSettings.miniCluster();

    /**
     * An hour from now, moved into 09:00-19:00 in Miami so the call itself is legal whenever the test
     * runs (a CI run at 01:00 Eastern once flagged it); at most 15 hours ahead, inside the cap's 24.
     */
    static Instant floridaCallingHourSoon(Instant now) {
        ZonedDateTime at = now.plus(Duration.ofHours(1)).atZone(ZoneId.of("America/New_York"));
        if (at.getHour() < 9) {
            at = at.withHour(9).truncatedTo(ChronoUnit.HOURS);
        } else if (at.getHour() >= 19) {
            at = at.plusDays(1).withHour(9).truncatedTo(ChronoUnit.HOURS);
        }
        return at.toInstant();
    }

    @Test
    void floridasCallIsInItsWindowAndInsideTheCapsDayAtAnyHourTheTestRuns() {
        for (int minutes = 0; minutes < 24 * 60; minutes += 10) {
            Instant now = Instant.parse("2026-12-04T00:00:00Z").plus(Duration.ofMinutes(minutes));
            Instant call = floridaCallingHourSoon(now);
            int hour = call.atZone(ZoneId.of("America/New_York")).getHour();
            assertThat(hour).as("at %s", now).isBetween(9, 18);
            assertThat(call).as("at %s", now).isAfter(now).isBefore(now.plus(Duration.ofHours(20)));
        }
    }

    @Test
    void sundaysHolidaysAndCapsReachTheOutputsWithTheNextAllowedCallAndTheRulesVersion(@TempDir Path tmp) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(); SelaSimulator sela = new SelaSimulator(0, TOKEN).start()) {
            sela.upsert(SelaLeads.lead(801, "r-tx").set("us_state", "TX").set("phone_number", "+15125550142")
                    .set("next_call_time", "2026-12-06T10:00:00-06:00").build()); // a Sunday, 10:00 in Austin
            sela.upsert(SelaLeads.lead(802, "r-al").set("us_state", "AL").set("phone_number", "+12055550100")
                    .set("next_call_time", "2026-12-25T10:00:00-06:00").build()); // Christmas, a Friday
            String nextCall = floridaCallingHourSoon(Instant.now()).toString();
            sela.upsert(SelaLeads.lead(803, "r-fl").set("us_state", "FL").set("phone_number", "+13055550100")
                    .set("next_call_time", nextCall).build());
            JobSettings.createTopics(kafka, "r-", 2);
            KafkaTestClient client = new KafkaTestClient(kafka.bootstrapServers());
            JobConfig config = JobSettings.of("r-", kafka, sela, tmp, TOKEN).config();
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(JobSettings.flinkConfig());
            LeadQualityJob.build(env, config);
            JobClient job = env.executeAsync("calling rules");
            try (WebhookReceiver receiver = new WebhookReceiver(config.with(Map.of("webhooks.port", "0")), SECRET).start()) {
                client.produceText("r-in", List.of("{\"external_id\":\"r-tx\",\"phone_number\":\"5125550142\"}",
                        "{\"external_id\":\"r-al\",\"phone_number\":\"2055550100\"}",
                        "{\"external_id\":\"r-fl\",\"phone_number\":\"3055550100\"}"));
                List<JsonNode> enriched = KafkaTestClient.json(client.readUntil("r-enriched", Duration.ofSeconds(30),
                        Duration.ofSeconds(90), r -> r.size() >= 3));
                assertThat(enriched).extracting(e -> e.get("external_id").asText() + " " + e.get("next_allowed_call_at").asText())
                        .contains("r-tx 2026-12-06T18:00:00.000Z", "r-al 2026-12-26T14:00:00.000Z");

                WebhookSender webhooks = new WebhookSender(receiver, SECRET);
                for (int calls = 1; calls <= 3; calls++) {
                    String body = SelaLeads.lead(803, "r-fl").set("us_state", "FL").set("phone_number", "+13055550100")
                            .set("next_call_time", nextCall).set("call_count", calls)
                            .set("modified_time", Instant.now().toString()).build().toString();
                    assertThat(webhooks.send("CALL_COMPLETE", body)).isEqualTo(200);
                    if (calls == 2) { // the same call delivered twice counts once
                        assertThat(webhooks.send("CALL_COMPLETE", body)).isEqualTo(200);
                    }
                }
                List<JsonNode> alerts = KafkaTestClient.json(client.readUntil("r-alerts", Duration.ofSeconds(10),
                        Duration.ofSeconds(90), r -> r.stream().anyMatch(a -> a.toString().contains("CALL_FREQUENCY_CAP"))));
                assertThat(alerts).allSatisfy(a -> assertThat(a.get("rules_version").asText()).isEqualTo("2026-12-03.1"));
                assertThat(alerts).filteredOn(a -> a.get("flag").asText().equals("OUTSIDE_CALLING_WINDOW"))
                        .extracting(a -> a.get("external_id").asText() + " " + a.get("next_allowed_call_at").asText())
                        .containsExactlyInAnyOrder("r-tx 2026-12-06T18:00:00.000Z", "r-al 2026-12-26T14:00:00.000Z");
                assertThat(alerts).filteredOn(a -> a.get("external_id").asText().equals("r-al"))
                        .singleElement().satisfies(a -> assertThat(a.get("reason").asText()).contains("Christmas Day"));
                JsonNode cap = alerts.stream().filter(a -> a.get("flag").asText().equals("CALL_FREQUENCY_CAP")).findFirst()
                        .orElseThrow();
                assertThat(cap.get("external_id").asText()).isEqualTo("r-fl");
                assertThat(cap.get("state").asText()).isEqualTo("RAISED");
                assertThat(cap.get("reason").asText()).contains("has had 3 call(s) within 24h");
                assertThat(Instant.parse(cap.get("next_allowed_call_at").asText()))
                        .as("not before the first call leaves the 24 hours").isAfter(Instant.now().plus(Duration.ofHours(23)));
            } finally {
                JobSettings.cancelAndWait(job);
            }
        }
    }
}
