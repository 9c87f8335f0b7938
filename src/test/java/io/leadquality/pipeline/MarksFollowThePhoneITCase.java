package io.leadquality.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadquality.app.LeadQualityJob;
import io.leadquality.config.JobConfig;
import io.leadquality.sim.SelaSimulator;
import io.leadquality.testkit.EmbeddedKafka;
import io.leadquality.testkit.JobSettings;
import io.leadquality.testkit.KafkaTestClient;
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

/** SPEC section 9 end to end: two providers send one phone under two ids; Sela marks one lead; both are flagged. */
class MarksFollowThePhoneITCase {
    private static final String TOKEN = "phone-token-8q";
    private static final String PHONE = "+18045550123";
    /** Instantly names its leads by UUID. */
    private static final String INSTANTLY_ID = "7c0a8e7e-3b1f-4f7a-9d64-2f1f0b9a6c99";

    @RegisterExtension
    static final MiniClusterExtension FLINK = JobSettings.miniCluster();

    @Test
    void aSelaMarkOnOneLeadFlagsEveryLeadWithItsPhoneAndNoOther(@TempDir Path tmp) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(); SelaSimulator sela = new SelaSimulator(0, TOKEN).start()) {
            sela.upsert(SelaLeads.lead(801, "crm-77").set("phone_number", PHONE).build());
            sela.upsert(SelaLeads.lead(802, INSTANTLY_ID).set("phone_number", PHONE).build());
            sela.upsert(SelaLeads.lead(803, "crm-other").build()); // a phone of its own
            JobSettings.createTopics(kafka, "p-", 2);
            KafkaTestClient client = new KafkaTestClient(kafka.bootstrapServers());
            JobConfig config = JobSettings.of("p-", kafka, sela, tmp, TOKEN).set("sela.refresh-interval", "2s").config();
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(JobSettings.flinkConfig());
            LeadQualityJob.build(env, config);
            JobClient job = env.executeAsync("marks-follow-the-phone");
            try {
                // A CRM and a provider (Instantly, a format of its own) send the same person under two ids.
                client.produceText("p-in", List.of(
                        "{\"external_id\":\"crm-77\",\"phone_number\":\"(804) 555-0123\"}",
                        "{\"external_id\":\"crm-other\",\"phone_number\":\"(804) 222-0803\"}"));
                client.produceText("p-in", List.of("{\"id\":\"" + INSTANTLY_ID + "\",\"timestamp_created\":\"2026-11-21T14:30:00.000Z\","
                        + "\"status\":1,\"email\":\"hana.ito@example.com\",\"phone\":\"+1 804 555 0123\"}"));
                client.readUntil("p-enriched", Duration.ofSeconds(30), Duration.ofSeconds(60), r -> r.size() >= 3);
                assertThat(KafkaTestClient.json(client.readAll("p-alerts", Duration.ofSeconds(1)))).isEmpty();

                // Sela marks crm-77 do-not-call; the refresh finds it, and the Instantly lead, with the same phone, is flagged too.
                sela.upsert(SelaLeads.lead(801, "crm-77").set("phone_number", PHONE).set("call_dnc", true)
                        .set("modified_time", "2026-03-01T10:00:00Z").build());
                List<JsonNode> alerts = KafkaTestClient.json(client.readUntil("p-alerts", Duration.ofSeconds(5),
                        Duration.ofSeconds(60), r -> r.size() >= 2));
                assertThat(alerts).extracting(a -> a.get("external_id").asText() + ":" + a.get("flag").asText() + ":"
                        + a.get("state").asText()).containsExactlyInAnyOrder("crm-77:CALL_DNC:RAISED", INSTANTLY_ID + ":CALL_DNC:RAISED");
                assertThat(alerts).filteredOn(a -> a.get("external_id").asText().equals(INSTANTLY_ID)).singleElement()
                        .satisfies(a -> assertThat(a.get("reason").asText()).isEqualTo("another lead with its phone "
                                + "(phone_number " + PHONE + ") is marked do-not-call by Sela: external_id crm-77 (Sela lead 801), "
                                + "call_dnc=true"));

                // A lead that arrives later with the phone is flagged on its first enriched record.
                sela.upsert(SelaLeads.lead(804, "late-9").set("phone_number", PHONE).build());
                client.produceText("p-in", List.of("{\"external_id\":\"late-9\",\"phone_number\":\"804.555.0123\"}"));
                List<JsonNode> enriched = KafkaTestClient.json(client.readUntil("p-enriched", Duration.ofSeconds(5),
                        Duration.ofSeconds(60), r -> r.size() >= 4));
                assertThat(enriched).filteredOn(e -> e.get("external_id").asText().equals("late-9")).singleElement()
                        .satisfies(e -> {
                            assertThat(e.get("flags").toString()).isEqualTo("[\"CALL_DNC\"]");
                            assertThat(e.get("evidence").get("CALL_DNC").asText()).contains("external_id crm-77 (Sela lead 801)");
                        });
                assertThat(KafkaTestClient.json(client.readAll("p-alerts", Duration.ofSeconds(2))))
                        .extracting(a -> a.get("external_id").asText() + ":" + a.get("flag").asText())
                        .as("crm-other, with a phone of its own, is not flagged")
                        .containsExactlyInAnyOrder("crm-77:CALL_DNC", INSTANTLY_ID + ":CALL_DNC", "late-9:CALL_DNC");
            } finally {
                JobSettings.cancelAndWait(job);
            }
        }
    }
}
