package io.leadquality.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadquality.app.LeadQualityJob;
import io.leadquality.sim.SelaSimulator;
import io.leadquality.testkit.EmbeddedKafka;
import io.leadquality.testkit.HostileInputs;
import io.leadquality.testkit.HostileInputs.Input;
import io.leadquality.testkit.HostileInputs.Kind;
import io.leadquality.testkit.KafkaTestClient;
import io.leadquality.testkit.JobSettings;
import io.leadquality.testkit.SelaLeads;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ten thousand hostile inputs through the whole job, which must not restart once: every input
 * comes out enriched or dead-lettered with a sensible code, and ids built to break a URL reach
 * Sela exactly as sent.
 */
class HostileInputITCase {
    private static final String TOKEN = "hostile-token-c4";
    private static final List<String> URL_BREAKERS = List.of("a&b=c", "x#frag", "p/q", "../../etc/passwd", "100%",
            "with space", "ünïcödé-ид", "plus+sign", "semi;colon", "q?uery=1", "%2F%2E%2E");

    @RegisterExtension
    static final MiniClusterExtension FLINK = JobSettings.miniCluster();

    @Test
    void everyHostileInputIsEnrichedOrDeadLetteredAndTheJobNeverRestarts(@TempDir Path tmp) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(); SelaSimulator sela = new SelaSimulator(0, TOKEN).start()) {
            for (int i = 0; i < URL_BREAKERS.size(); i++) {
                sela.upsert(SelaLeads.lead(70_000 + i, URL_BREAKERS.get(i)).set("call_dnc", true).build());
            }
            kafka.createTopics(1, "hostile-in"); // one partition: offset i is corpus entry i
            kafka.createTopics(2, "hostile-enriched", "hostile-alerts", "hostile-status", "hostile-dlq", "hostile-webhooks");
            kafka.createCompactedTopic(1, "hostile-suppressions");
            kafka.createCompactedTopic(1, "hostile-quality");

            List<Input> corpus = new ArrayList<>(new HostileInputs(7L).corpus(10_000, 3));
            for (String id : URL_BREAKERS) {
                corpus.add(new Input(Kind.VALID, ("{\"external_id\":\"" + id + "\",\"phone_number\":\"8042221111\"}")
                        .getBytes(StandardCharsets.UTF_8)));
            }
            KafkaTestClient client = new KafkaTestClient(kafka.bootstrapServers());
            client.produce("hostile-in", corpus.stream().map(Input::bytes).toList());

            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                    JobSettings.flinkConfigWithoutRestarts()); // any failure fails the test
            LeadQualityJob.build(env, JobSettings.of("hostile-", kafka, sela, tmp, TOKEN)
                    .set("kafka.bounded", "true").set("sela.max-requests-per-second", "2000")
                    .set("checkpoint.interval", "1s").config());
            env.execute("hostile-input");

            Duration quiet = Duration.ofSeconds(3);
            List<JsonNode> enriched = KafkaTestClient.json(client.readAll("hostile-enriched", quiet));
            List<JsonNode> deadLetters = KafkaTestClient.json(client.readAll("hostile-dlq", quiet));
            assertThat(enriched.size() + deadLetters.size()).isEqualTo(corpus.size());

            Map<Kind, Map<String, Integer>> outcomes = new EnumMap<>(Kind.class);
            Set<Long> seen = new java.util.HashSet<>();
            for (JsonNode e : enriched) {
                long offset = e.get("source").get("offset").asLong();
                assertThat(seen.add(offset)).as("offset %s once", offset).isTrue();
                outcomes.computeIfAbsent(corpus.get((int) offset).kind(), k -> new TreeMap<>()).merge("ENRICHED", 1, Integer::sum);
            }
            for (JsonNode d : deadLetters) {
                long offset = d.get("source").get("offset").asLong();
                assertThat(seen.add(offset)).as("offset %s once", offset).isTrue();
                outcomes.computeIfAbsent(corpus.get((int) offset).kind(), k -> new TreeMap<>())
                        .merge(d.get("error_code").asText(), 1, Integer::sum);
                assertThat(d.get("error").asText()).isNotBlank();
            }
            assertThat(outcomes.get(Kind.VALID)).containsOnlyKeys("ENRICHED");
            assertThat(outcomes.get(Kind.OVERSIZE)).containsExactly(Map.entry("TOO_LARGE", 3));
            assertThat(outcomes.get(Kind.INVALID_UTF8)).containsOnlyKeys("MALFORMED_JSON");
            assertThat(outcomes.get(Kind.DUPLICATE_KEY)).containsOnlyKeys("MALFORMED_JSON");
            assertThat(outcomes.get(Kind.TRUNCATED)).containsOnlyKeys("MALFORMED_JSON");
            assertThat(outcomes.get(Kind.RANDOM_BYTES)).containsOnlyKeys("MALFORMED_JSON");
            assertThat(outcomes.get(Kind.WRONG_TYPE)).containsKeys("ENRICHED", "INVALID_FIELD");

            Map<String, JsonNode> byKey = new HashMap<>();
            enriched.forEach(e -> byKey.put(e.get("external_id").asText(), e));
            for (String id : URL_BREAKERS) {
                assertThat(byKey).containsKey(id);
                assertThat(byKey.get(id).get("lookup").asText()).as("lookup of %s", id).isEqualTo("FOUND");
                assertThat(byKey.get(id).get("flags").toString()).contains("CALL_DNC");
            }
            assertThat(sela.recentRequestUris()).anySatisfy(uri -> assertThat(uri).contains("external_id=a%26b%3Dc"));
        }
    }
}
