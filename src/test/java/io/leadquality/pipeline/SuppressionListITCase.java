package io.leadquality.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadquality.app.LeadQualityJob;
import io.leadquality.config.JobConfig;
import io.leadquality.sim.SelaSimulator;
import io.leadquality.testkit.EmbeddedKafka;
import io.leadquality.testkit.JobSettings;
import io.leadquality.testkit.KafkaTestClient;
import io.leadquality.testkit.SelaLeads;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC section 7's suppression list end to end: the list on the topic before the job starts is
 * read whole before any lead is judged; with no new lead events, an ADD raises CALL_DNC and a
 * REMOVE clears it; the list survives a stop with savepoint and a restart.
 */
class SuppressionListITCase {
    private static final String TOKEN = "suppression-token-3f";
    private static final String PREFIX = "sup-";
    private static final String LISTED = "+18042221111";
    private static final String ADDED_LATER = "+18042223333";
    private static final String ADDED_THEN_REMOVED = "+18042224444";

    @RegisterExtension
    static final MiniClusterExtension FLINK = JobSettings.miniCluster();

    @Test
    void theListIsLoadedBeforeLeadsAreJudgedAndLiveUpdatesRaiseAndClearAlertsWithoutLeadEvents(@TempDir Path tmp)
            throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(); SelaSimulator sela = new SelaSimulator(0, TOKEN).start()) {
            for (int i = 1; i <= 4; i++) {
                sela.upsert(SelaLeads.lead(600 + i, "s-" + i).set("phone_number", phone(i)).build());
            }
            JobSettings.createTopics(kafka, PREFIX, 2);
            KafkaTestClient client = new KafkaTestClient(kafka.bootstrapServers());
            String suppressions = PREFIX + "suppressions";
            client.produceKeyed(suppressions, List.of(
                    Map.entry(LISTED, "{\"phone_number\":\"(804) 222-1111\",\"action\":\"ADD\",\"reason\":\"asked on a call\"}"),
                    Map.entry(ADDED_THEN_REMOVED, "{\"phone_number\":\"804-222-4444\",\"action\":\"ADD\"}"),
                    Map.entry(ADDED_THEN_REMOVED, "{\"phone_number\":\"804-222-4444\",\"action\":\"REMOVE\"}"),
                    Map.entry("junk", "{\"action\":\"ADD\"}")));
            client.produceText(PREFIX + "in", List.of(lead(1), lead(2), lead(3), lead(4)));

            JobConfig config = JobSettings.of(PREFIX, kafka, sela, tmp, TOKEN).config();
            JobClient job = start(config, null);
            String savepoint;
            try {
                List<JsonNode> enriched = KafkaTestClient.json(client.readUntil(PREFIX + "enriched",
                        Duration.ofSeconds(30), Duration.ofSeconds(60), r -> r.size() >= 4));
                assertThat(enriched).extracting(e -> e.get("external_id").asText() + ":" + e.get("flags"))
                        .as("s-1 is listed before the job starts: its first record already carries CALL_DNC")
                        .containsExactlyInAnyOrder("s-1:[\"CALL_DNC\"]", "s-2:[]", "s-3:[]", "s-4:[]");
                assertThat(KafkaTestClient.json(client.readAll(PREFIX + "dlq", Duration.ofSeconds(1))))
                        .singleElement().satisfies(d -> {
                            assertThat(d.get("error_code").asText()).isEqualTo("MISSING_IDENTITY");
                            assertThat(d.at("/source/topic").asText()).isEqualTo(suppressions);
                        });

                // No lead events from here on: the list alone changes what is flagged.
                client.produceKeyed(suppressions, List.of(
                        Map.entry(ADDED_LATER, "{\"phone_number\":\"+1 804 222 3333\",\"action\":\"ADD\",\"reason\":\"litigation risk\"}"),
                        Map.entry("s-4@example.com", "{\"email\":\"S-4@Example.com\",\"action\":\"ADD\",\"reason\":\"unsubscribed\"}"),
                        new AbstractMap.SimpleEntry<>(LISTED, null))); // a tombstone: s-1 comes off the list
                List<JsonNode> alerts = KafkaTestClient.json(client.readUntil(PREFIX + "alerts",
                        Duration.ofSeconds(10), Duration.ofSeconds(30), r -> r.size() >= 4));
                assertThat(alerts).extracting(a -> a.get("external_id").asText() + ":" + a.get("flag").asText() + ":"
                        + a.get("state").asText() + ":" + a.get("reason").asText())
                        .containsExactlyInAnyOrder(
                                "s-1:CALL_DNC:RAISED:on the suppression list: asked on a call (phone_number +18042221111)",
                                "s-3:CALL_DNC:RAISED:on the suppression list: litigation risk (phone_number +18042223333)",
                                "s-4:CALL_DNC:RAISED:on the suppression list: unsubscribed (email s-4@example.com)",
                                "s-1:CALL_DNC:CLEARED:No do-not-call evidence holds any more: Sela lead 601 modified "
                                        + "2025-02-28T23:09:03.139554Z carries no do-not-call mark, no suppression-list entry "
                                        + "names its phone or e-mail, and no other lead with its phone or e-mail carries one");
                assertThat(client.readAll(PREFIX + "enriched", Duration.ofSeconds(1))).as("no new input events").hasSize(4);
                savepoint = job.stopWithSavepoint(false, tmp.resolve("savepoints").toUri().toString(),
                        SavepointFormatType.CANONICAL).get();
            } catch (Exception | AssertionError e) {
                JobSettings.cancelAndWait(job);
                throw e;
            }

            // Restored, the job trusts the list it kept: a new lead with a listed phone is flagged at once.
            client.produceText(PREFIX + "in", List.of("{\"external_id\":\"s-5\",\"phone_number\":\"8042223333\"}"));
            JobClient resumed = start(config, savepoint);
            try {
                List<JsonNode> enriched = KafkaTestClient.json(client.readUntil(PREFIX + "enriched",
                        Duration.ofSeconds(30), Duration.ofSeconds(60), r -> r.size() >= 5));
                assertThat(enriched.get(enriched.size() - 1).get("external_id").asText()).isEqualTo("s-5");
                assertThat(enriched.get(enriched.size() - 1).get("flags").toString()).contains("CALL_DNC");
                Thread.sleep(1_500); // the alerts of that checkpoint
                List<JsonNode> alerts = KafkaTestClient.json(client.readAll(PREFIX + "alerts", Duration.ofSeconds(2)));
                assertThat(alerts).extracting(a -> a.get("alert_id").asText()).doesNotHaveDuplicates();
                assertThat(alerts).extracting(a -> a.get("external_id").asText() + ":" + a.get("flag").asText())
                        .as("nothing raised twice after the restart; only the new lead's alerts are new")
                        .containsExactlyInAnyOrder("s-1:CALL_DNC", "s-1:CALL_DNC", "s-3:CALL_DNC", "s-4:CALL_DNC",
                                "s-5:CALL_DNC", "s-5:NOT_IN_SELA");
            } finally {
                JobSettings.cancelAndWait(resumed);
            }
        }
    }

    private static JobClient start(JobConfig config, String savepoint) throws Exception {
        Configuration flink = JobSettings.flinkConfig();
        if (savepoint != null) {
            flink.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        LeadQualityJob.build(env, config);
        return env.executeAsync("suppression-list");
    }

    private static String phone(int i) {
        return new String[] {LISTED, "+18042222222", ADDED_LATER, ADDED_THEN_REMOVED}[i - 1];
    }

    private static String lead(int i) {
        return "{\"external_id\":\"s-" + i + "\",\"phone_number\":\"" + phone(i) + "\"}";
    }
}
