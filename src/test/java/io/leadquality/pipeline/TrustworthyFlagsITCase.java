package io.leadquality.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadquality.app.LeadQualityJob;
import io.leadquality.testkit.EmbeddedKafka;
import io.leadquality.testkit.JobSettings;
import io.leadquality.testkit.KafkaTestClient;
import io.leadquality.testkit.ScriptedSelaServer;
import io.leadquality.testkit.ScriptedSelaServer.Reply;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.leadquality.testkit.ScriptedSelaServer.page;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pipeline's part of the trust issue, end to end: a lead fetched by a Sela id that belongs to
 * another lead is looked up by its external_id; an event without external_id that Sela cannot match
 * is judged as the known lead with its phone; one slow lookup holds no other answer back; outputs
 * carry the time they were produced, not their input's.
 */
class TrustworthyFlagsITCase {
    private static final String TOKEN = "trust-token-41";
    private static final long YEAR_2020 = Instant.parse("2020-01-01T00:00:00Z").toEpochMilli();

    @RegisterExtension
    static final MiniClusterExtension FLINK = JobSettings.miniCluster();

    @Test
    void everyEventIsJudgedWithTheStateThatIsReallyItsOwn(@TempDir Path tmp) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(); ScriptedSelaServer sela = new ScriptedSelaServer()) {
            sela.script("t-known", Reply.ok(page(lead(71, "t-known", "\"call_dnc\":true"))));
            sela.script("t-known-2", Reply.ok(page(lead(72, "t-known-2", "\"status_detail\":\"tcpa_litigator\""))));
            sela.script("/api/leads/900/", Reply.ok(lead(900, "someone-else", "\"call_dnc\":false")));
            sela.script("t-moved", Reply.ok(page(lead(901, "t-moved", "\"call_dnc\":true"))));
            sela.script("t-slow", new Reply(200, page(lead(73, "t-slow", "\"call_dnc\":false")), Map.of(), 6_000));
            sela.script("+18045550188", Reply.status(503)); // Sela is down for this phone's lookup
            JobSettings.createTopics(kafka, "t-", 2);
            KafkaTestClient client = new KafkaTestClient(kafka.bootstrapServers());
            long started = System.currentTimeMillis();

            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(JobSettings.flinkConfig());
            LeadQualityJob.build(env, JobSettings.of("t-", kafka, sela.baseUrl(), tmp, TOKEN)
                    .set("sela.max-retries", "1").set("sela.retry-backoff", "100ms").config());
            JobClient job = env.executeAsync("trust");
            try {
                // Replayed old leads: their Kafka timestamps are from 2020.
                client.produceTextAt("t-in", YEAR_2020, List.of(
                        "{\"external_id\":\"t-known\",\"phone_number\":\"804-555-0199\"}",
                        "{\"external_id\":\"t-known-2\",\"phone_number\":\"804-555-0188\"}",
                        "{\"id\":900,\"external_id\":\"t-moved\",\"phone_number\":\"804-555-0177\"}"));
                client.readUntil("t-enriched", Duration.ofSeconds(30), Duration.ofSeconds(60), r -> r.size() >= 3);

                // Both partitions move on, then, a second later, the fast leads: a source that emits
                // watermarks puts one between the slow lead and them.
                client.produceTextTo("t-in", 0, List.of("{\"external_id\":\"t-slow\",\"phone_number\":\"804-555-0166\"}"));
                client.produceTextTo("t-in", 1, List.of("{\"external_id\":\"t-fill\",\"phone_number\":\"804-555-0155\"}"));
                Thread.sleep(1_000);
                for (int i = 1; i <= 8; i++) {
                    client.produceTextTo("t-in", i % 2,
                            List.of("{\"external_id\":\"t-fast-" + i + "\",\"phone_number\":\"804-555-010" + i + "\"}"));
                }
                client.produceText("t-in", List.of(
                        "{\"phone_number\":\"(804) 555-0199\",\"first_name\":\"Pat\"}", // Sela finds no lead by this phone
                        "{\"phone_number\":\"(804) 555-0188\",\"first_name\":\"Sam\"}")); // Sela fails for this one

                List<ConsumerRecord<byte[], byte[]>> records = client.readUntil("t-enriched", Duration.ofSeconds(30),
                        Duration.ofSeconds(90), r -> r.size() >= 15);
                List<JsonNode> enriched = KafkaTestClient.json(records);
                assertThat(enriched).hasSize(15);
                Map<String, JsonNode> byName = enriched.stream().collect(Collectors.toMap(
                        e -> e.get("lead").get("first_name").isNull() ? e.get("external_id").asText()
                                : e.get("lead").get("first_name").asText(), Function.identity()));

                // Sela id 900 is someone else's lead: the event is looked up by its external_id instead.
                assertThat(byName.get("t-moved").get("sela").get("id").asLong()).isEqualTo(901);
                assertThat(byName.get("t-moved").get("flags").toString()).contains("CALL_DNC");

                // Unmatched by Sela, matched by phone to the lead the job knows, and judged with its marks.
                JsonNode pat = byName.get("Pat");
                assertThat(pat.get("external_id").asText()).isEqualTo("t-known");
                assertThat(pat.get("matched_by").asText()).isEqualTo("phone_number");
                assertThat(pat.get("flags").toString()).contains("CALL_DNC");
                JsonNode sam = byName.get("Sam");
                assertThat(sam.get("external_id").asText()).isEqualTo("t-known-2");
                assertThat(sam.get("flags").toString()).contains("TCPA_LITIGATOR");

                // The slow lookup held no other answer back: every later lead was judged before it.
                Instant slowAt = Instant.parse(byName.get("t-slow").get("processed_at").asText());
                assertThat(IntStream.rangeClosed(1, 8).mapToObj(i -> Instant.parse(
                        byName.get("t-fast-" + i).get("processed_at").asText()))).allSatisfy(at -> assertThat(at).isBefore(slowAt));

                // Every output record carries the time it was produced, not its input's 2020 timestamp.
                List<ConsumerRecord<byte[], byte[]>> outputs = new ArrayList<>(records);
                outputs.addAll(client.readAll("t-alerts", Duration.ofSeconds(2)));
                outputs.addAll(client.readAll("t-status", Duration.ofSeconds(2)));
                assertThat(outputs).allSatisfy(r -> assertThat(r.timestamp()).isGreaterThanOrEqualTo(started));
            } finally {
                JobSettings.cancelAndWait(job);
            }
        }
    }

    private static String lead(long id, String externalId, String marks) {
        return "{\"id\":" + id + ",\"external_id\":\"" + externalId + "\",\"phone_number\":\"+18042221111\","
                + "\"status\":\"OPEN\",\"us_state\":\"VA\",\"modified_time\":\"2025-02-28T15:09:03.139554-08:00\"," + marks + "}";
    }
}
