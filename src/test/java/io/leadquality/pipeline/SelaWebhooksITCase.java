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
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** SPEC section 8 end to end: a webhook through the receiver and Kafka to an alert, with no Sela API call. */
class SelaWebhooksITCase {
    private static final String TOKEN = "webhooks-token-5k";
    private static final String SECRET = "webhooks-secret-2m";

    @RegisterExtension
    static final MiniClusterExtension FLINK = JobSettings.miniCluster();

    @Test
    void aPushedSnapshotRaisesItsAlertAndStatusChangeWithoutALookup(@TempDir Path tmp) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(); SelaSimulator sela = new SelaSimulator(0, TOKEN).start()) {
            sela.upsert(SelaLeads.lead(700, "w-1").build());
            JobSettings.createTopics(kafka, "w-", 2);
            KafkaTestClient client = new KafkaTestClient(kafka.bootstrapServers());
            JobConfig config = JobSettings.of("w-", kafka, sela, tmp, TOKEN).config();
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(JobSettings.flinkConfig());
            LeadQualityJob.build(env, config);
            JobClient job = env.executeAsync("webhooks");
            try (WebhookReceiver receiver = new WebhookReceiver(config.with(Map.of("webhooks.port", "0")), SECRET).start()) {
                client.produceText("w-in", List.of("{\"external_id\":\"w-1\",\"phone_number\":\"8042221111\"}"));
                client.readUntil("w-enriched", Duration.ofSeconds(30), Duration.ofSeconds(60), r -> r.size() >= 1);
                client.readUntil("w-status", Duration.ofSeconds(5), Duration.ofSeconds(30), r -> r.size() >= 3);
                long lookups = sela.apiRequests();

                WebhookSender webhooks = new WebhookSender(receiver, SECRET);
                assertThat(webhooks.send("CALL_DNC", SelaLeads.lead(700, "w-1").set("call_dnc", true)
                        .set("modified_time", "2026-03-01T10:00:00Z").set("call_count", 3).build().toString())).isEqualTo(200);
                assertThat(webhooks.send("LEAD_UPDATED", SelaLeads.lead(701, "w-new")
                        .set("phone_number", "+18042229999") // a phone of its own: its mark is not w-1's
                        .set("status_detail", "tcpa_litigator").build().toString())).isEqualTo(200);
                assertThat(webhooks.send("LEAD_UPDATED", "this is no lead")).isEqualTo(200);
                assertThat(webhooks.send("LEAD_UPDATED", SelaLeads.lead(700, "w-1") // older: changes nothing
                        .set("modified_time", "2025-01-01T00:00:00Z").build().toString())).isEqualTo(200);

                List<JsonNode> alerts = KafkaTestClient.json(client.readUntil("w-alerts", Duration.ofSeconds(10),
                        Duration.ofSeconds(60), r -> r.size() >= 2));
                assertThat(alerts).extracting(a -> a.get("external_id").asText() + ":" + a.get("flag").asText() + ":"
                        + a.get("state").asText()).containsExactlyInAnyOrder("w-1:CALL_DNC:RAISED", "w-new:TCPA_LITIGATOR:RAISED");
                List<JsonNode> changes = KafkaTestClient.json(client.readAll("w-status", Duration.ofSeconds(2)));
                assertThat(changes).filteredOn(c -> c.get("external_id").asText().equals("w-1") && !c.get("from").isNull())
                        .extracting(c -> c.get("field").asText() + ":" + c.get("to")).containsExactly("call_dnc:true");
                List<JsonNode> deadLetters = KafkaTestClient.json(client.readAll("w-dlq", Duration.ofSeconds(1)));
                assertThat(deadLetters).singleElement().satisfies(d -> {
                    assertThat(d.get("error_code").asText()).isEqualTo("MALFORMED_JSON");
                    assertThat(d.get("source").get("topic").asText()).isEqualTo("w-webhooks");
                });
                assertThat(client.readAll("w-enriched", Duration.ofSeconds(1))).as("a push is no input event").hasSize(1);
                assertThat(sela.apiRequests()).as("no Sela API call for pushed snapshots").isEqualTo(lookups);
            } finally {
                JobSettings.cancelAndWait(job);
            }
        }
    }
}
