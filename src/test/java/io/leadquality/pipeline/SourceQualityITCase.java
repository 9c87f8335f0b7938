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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC section 11 end to end: leads of two sources in one hour of event time; the input goes quiet, the
 * window closes by the clock and is written to the compacted topic; a late lead revises it.
 */
class SourceQualityITCase {
    private static final String TOKEN = "quality-token-7v";
    private static final String TEN = "2026-12-01T10:00:00.000Z";

    @RegisterExtension
    static final MiniClusterExtension FLINK = JobSettings.miniCluster();

    @Test
    void aQuietHourIsWrittenPerSourceAndALateLeadRevisesIt(@TempDir Path tmp) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(); SelaSimulator sela = new SelaSimulator(0, TOKEN).start()) {
            sela.upsert(SelaLeads.lead(901, "q-1").set("lead_source", "SunLeads").set("lead_type", 12).build());
            sela.upsert(SelaLeads.lead(902, "q-2").set("lead_source", "SunLeads").set("lead_type", 12)
                    .set("call_dnc", true).build());
            sela.upsert(SelaLeads.lead(903, "q-3").set("lead_source", "RefiQuotes").set("lead_type", 34).build());
            JobSettings.createTopics(kafka, "q-", 2);
            KafkaTestClient client = new KafkaTestClient(kafka.bootstrapServers());
            JobConfig config = JobSettings.of("q-", kafka, sela, tmp, TOKEN).config();
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(JobSettings.flinkConfig());
            LeadQualityJob.build(env, config);
            JobClient job = env.executeAsync("source quality");
            try {
                client.produceText("q-in", List.of(
                        event("q-1", "8042229001", "10:05"), event("q-2", "8042229002", "10:20"),
                        event("q-1", "8042229001", "10:30"), // sent again
                        event("q-3", "8042229003", "10:40"),
                        event("q-9", "8042229009", "10:45", "SunLeads", 12))); // not in Sela
                List<JsonNode> closed = KafkaTestClient.json(client.readUntil("q-quality", Duration.ofSeconds(90),
                        Duration.ofSeconds(150), r -> r.size() >= 2));
                JsonNode sun = closed.stream().filter(q -> q.get("lead_source").asText().equals("SunLeads")).findFirst()
                        .orElseThrow();
                assertThat(sun.get("window_start").asText()).isEqualTo(TEN);
                assertThat(sun.get("window_end").asText()).isEqualTo("2026-12-01T11:00:00.000Z");
                assertThat(sun.get("lead_type").asText()).isEqualTo("12");
                assertThat(sun.get("events").asLong()).isEqualTo(4);
                assertThat(sun.get("leads").asLong()).isEqualTo(3);
                assertThat(sun.get("duplicates").asLong()).isEqualTo(1);
                assertThat(sun.get("flagged").toString()).isEqualTo("{\"CALL_DNC\":1,\"NOT_IN_SELA\":1}");
                assertThat(sun.get("not_in_sela").asLong()).isEqualTo(1);
                assertThat(sun.get("revision").asInt()).isZero();
                assertThat(closed).extracting(q -> q.get("lead_source").asText() + "|" + q.get("events"))
                        .containsExactlyInAnyOrder("SunLeads|4", "RefiQuotes|1");

                client.produceText("q-in", List.of(event("q-4", "8042229004", "10:50", "SunLeads", 12)));
                List<ConsumerRecord<byte[], byte[]>> all = client.readUntil("q-quality", Duration.ofSeconds(30),
                        Duration.ofSeconds(60), r -> r.size() >= 3);
                ConsumerRecord<byte[], byte[]> revised = all.get(all.size() - 1);
                assertThat(new String(revised.key(), StandardCharsets.UTF_8))
                        .isEqualTo("SunLeads|12|" + Instant.parse(TEN).toEpochMilli());
                JsonNode revision = KafkaTestClient.json(List.of(revised)).get(0);
                assertThat(revision.get("revision").asInt()).isEqualTo(1);
                assertThat(revision.get("events").asLong()).isEqualTo(5);
                assertThat(revision.get("leads").asLong()).isEqualTo(4);
            } finally {
                JobSettings.cancelAndWait(job);
            }
        }
    }

    private static String event(String id, String phone, String time) {
        return "{\"external_id\":\"" + id + "\",\"phone_number\":\"" + phone + "\",\"modified_time\":\"2026-12-01T" + time
                + ":00Z\"}";
    }

    private static String event(String id, String phone, String time, String source, int type) {
        return "{\"external_id\":\"" + id + "\",\"phone_number\":\"" + phone + "\",\"lead_source\":\"" + source
                + "\",\"lead_type\":" + type + ",\"modified_time\":\"2026-12-01T" + time + ":00Z\"}";
    }
}
