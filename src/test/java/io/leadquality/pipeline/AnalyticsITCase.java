package io.leadquality.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadquality.app.LeadQualityJob;
import io.leadquality.config.JobConfig;
import io.leadquality.sim.SelaSimulator;
import io.leadquality.sql.OutputTables;
import io.leadquality.testkit.EmbeddedKafka;
import io.leadquality.testkit.JobSettings;
import io.leadquality.testkit.KafkaTestClient;
import io.leadquality.testkit.SelaLeads;
import io.leadquality.testkit.WebhookSender;
import io.leadquality.webhooks.WebhookReceiver;
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
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC section 11 end to end: leads of two sources in one hour of event time; the input goes quiet, the
 * window closes by the clock and is written to the compacted topic; a late lead revises it; Sela's
 * webhooks move one lead NEW -> OPEN -> CLOSED. Then conf/sql's tables and example queries, on Flink
 * SQL, answer from the job's real output topics.
 */
class AnalyticsITCase {
    private static final String TOKEN = "quality-token-7v";
    private static final String SECRET = "quality-secret-3p";
    private static final Path SQL_DIR = Path.of("conf", "sql");
    private static final String TEN = "2026-12-01T10:00:00.000Z";

    @RegisterExtension
    static final MiniClusterExtension FLINK = JobSettings.miniCluster();

    @Test
    void aQuietHourIsWrittenPerSourceALateLeadRevisesItAndSqlAnswersFromTheOutputTopics(@TempDir Path tmp)
            throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(); SelaSimulator sela = new SelaSimulator(0, TOKEN).start()) {
            sela.upsert(SelaLeads.lead(901, "q-1").set("lead_source", "SunLeads").set("lead_type", 12).build());
            sela.upsert(SelaLeads.lead(902, "q-2").set("lead_source", "SunLeads").set("lead_type", 12)
                    .set("call_dnc", true).build());
            sela.upsert(SelaLeads.lead(903, "q-3").set("lead_source", "RefiQuotes").set("lead_type", 34)
                    .set("status", "NEW").set("modified_time", "2026-12-01T10:00:00Z").build());
            JobSettings.createTopics(kafka, "q-", 2);
            KafkaTestClient client = new KafkaTestClient(kafka.bootstrapServers());
            JobConfig config = JobSettings.of("q-", kafka, sela, tmp, TOKEN).config();
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(JobSettings.flinkConfig());
            LeadQualityJob.build(env, config);
            JobClient job = env.executeAsync("source quality");
            try (WebhookReceiver receiver = new WebhookReceiver(config.with(Map.of("webhooks.port", "0")), SECRET).start()) {
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

                // Sela moves q-3 on: OPEN half an hour after NEW, CLOSED an hour and a half after that.
                WebhookSender webhooks = new WebhookSender(receiver, SECRET);
                assertThat(webhooks.send("LEAD_UPDATED", SelaLeads.lead(903, "q-3").set("lead_source", "RefiQuotes")
                        .set("status", "OPEN").set("modified_time", "2026-12-01T10:30:00Z").build().toString())).isEqualTo(200);
                assertThat(webhooks.send("LEAD_CLOSED", SelaLeads.lead(903, "q-3").set("lead_source", "RefiQuotes")
                        .set("status", "CLOSED").set("modified_time", "2026-12-01T12:00:00Z").build().toString())).isEqualTo(200);
                client.readUntil("q-status", Duration.ofSeconds(5), Duration.ofSeconds(60), r -> KafkaTestClient.json(r).stream()
                        .anyMatch(c -> c.get("to").asText().equals("CLOSED")));
            } finally {
                JobSettings.cancelAndWait(job); // its two slots are the SQL jobs' now
            }
            List<JsonNode> alerts = KafkaTestClient.json(client.readAll("q-alerts", Duration.ofSeconds(1)));
            sqlAnswersFromTheOutputTopics(config, alerts);
        }
    }

    private static void sqlAnswersFromTheOutputTopics(JobConfig config, List<JsonNode> alerts) throws Exception {
        OutputTables sql = OutputTables.snapshot(config, SQL_DIR);
        assertThat(OutputTables.exampleQueries(SQL_DIR)).containsExactly("alerts-per-flag", "flag-rate-per-source", "source-quality",
                "status-funnel");

        // lead_source, day, leads, call_dnc, out_of_territory, bad_number, not_in_sela, flagged, flagged_pct;
        // SunLeads: q-2 do-not-call, q-9 and the late q-4 unknown to Sela
        assertThat(rowsOf(sql, "flag-rate-per-source")).containsExactly(
                "RefiQuotes|2026-12-01|1|0|0|0|0|0|0.0",
                "SunLeads|2026-12-01|4|1|0|0|2|3|75.0");

        // final_status, leads, were_new, were_open, avg and max s NEW -> OPEN, avg and max s OPEN -> final;
        // q-3 by Sela's modified_time through the webhooks, q-1 and q-2 OPEN when first seen
        assertThat(rowsOf(sql, "status-funnel")).containsExactly(
                "CLOSED|1|1|1|1800|1800|5400|5400",
                "not final yet|2|0|2|null|null|null|null");

        // flag, severity, raised, cleared, leads: as counted here from the alerts topic itself
        Map<String, Long> raised = new TreeMap<>();
        alerts.stream().filter(a -> a.get("state").asText().equals("RAISED"))
                .forEach(a -> raised.merge(a.get("flag").asText() + "|" + a.get("severity").asText(), 1L, Long::sum));
        assertThat(raised).containsEntry("CALL_DNC|CRITICAL", 1L).containsEntry("NOT_IN_SELA|INFO", 2L);
        assertThat(rowsOf(sql, "alerts-per-flag")).containsExactlyInAnyOrderElementsOf(raised.entrySet().stream()
                .map(e -> e.getKey() + "|" + e.getValue() + "|0|" + e.getValue()).toList());

        // lead_source, lead_type, window_start, events, leads, duplicates, not_in_sela, lookups_failed,
        // call_dnc, out_of_territory, revision: the newest revision of each window
        assertThat(rowsOf(sql, "source-quality")).containsExactly(
                "RefiQuotes|34|" + Instant.parse(TEN) + "|1|1|0|0|0|0|0|0",
                "SunLeads|12|" + Instant.parse(TEN) + "|5|4|1|2|0|1|0|1");
    }

    /** The answer's rows, each as its fields joined by |. */
    private static List<String> rowsOf(OutputTables sql, String query) throws Exception {
        return sql.rows(OutputTables.query(SQL_DIR, query)).stream().map(row -> {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.getArity(); i++) {
                line.append(i == 0 ? "" : "|").append(row.getField(i));
            }
            return line.toString();
        }).toList();
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
