package io.leadquality.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadquality.app.LeadQualityJob;
import io.leadquality.config.JobConfig;
import io.leadquality.sim.SelaSimulator;
import io.leadquality.testkit.EmbeddedKafka;
import io.leadquality.testkit.KafkaTestClient;
import io.leadquality.testkit.JobSettings;
import io.leadquality.testkit.SelaLeads;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole job on a MiniCluster at parallelism 2, against a real Kafka broker and the Sela
 * simulator: every input format and broken records in, all four topics read back read_committed.
 */
class LeadQualityPipelineITCase {
    private static final String TOKEN = "it-token-6f1c";
    private static final String LEADS = "it-leads";
    private static final String CRM = "it-crm";

    @RegisterExtension
    static final MiniClusterExtension FLINK = JobSettings.miniCluster();

    private static EmbeddedKafka kafka;
    private static SelaSimulator sela;

    @BeforeAll
    static void startServices() throws Exception {
        kafka = EmbeddedKafka.start();
        sela = new SelaSimulator(0, TOKEN).start();
    }

    @AfterAll
    static void stopServices() throws Exception {
        sela.close();
        kafka.close();
    }

    @Test
    void everyInputComesOutOnceWithTheRightFlagsAlertsAndStatusChanges(@TempDir Path tmp) throws Exception {
        JobSettings.createTopics(kafka, "it-", 2);
        kafka.createTopics(2, LEADS);
        kafka.createTopics(1, CRM);
        sela.upsert(SelaLeads.lead(101, "crm-ok").build());
        sela.upsert(SelaLeads.lead(102, "crm-dnc").set("call_dnc", true).build());
        sela.upsert(SelaLeads.lead(103, "crm-tcpa").set("status_detail", "tcpa_litigator").build());
        sela.upsert(SelaLeads.lead(104, "crm-far").set("us_state", "TX").set("phone_number", "+15125550142").build());
        sela.upsert(SelaLeads.lead(105, "dup-1").set("modified_time", "2025-03-01T10:00:00.000000Z").build());
        sela.upsert(SelaLeads.lead(106, "dup-1").set("modified_time", "2025-03-02T10:00:00.000000Z").build());
        sela.upsert(SelaLeads.lead(107, "crm-byphone").set("phone_number", "+14152223333").set("us_state", "CA").build());
        sela.upsert(SelaLeads.lead(108, "crm-late").set("next_call_time", "2025-06-02T02:30:00Z").build());
        sela.upsert(SelaLeads.lead(109, "019e18e2-6487-73d2-a3b2-643e2207f444").set("sms_dnc", true).build());

        List<String> leadInputs = List.of(
                Files.readString(Path.of("src/test/resources/api-examples/sela-retrieve-lead.json")),
                selaPayload("crm-ok"), selaPayload("crm-dnc"), selaPayload("crm-tcpa"), selaPayload("crm-far"),
                selaPayload("dup-1"), selaPayload("crm-late"),
                Files.readString(Path.of("src/test/resources/api-examples/instantly-lead.json")),
                Files.readString(Path.of("src/test/resources/api-examples/pollybot-lead.json")),
                "{not json", "[1,2]", "{\"foo\":\"bar\"}", "{\"phone_number\":null}",
                "{\"phone_number\":\"8042221111\",\"email\":{\"a\":1}}",
                "{\"phone_number\":\"8042221111\",\"external_id\":\"big\",\"pad\":\"" + "x".repeat(20_000) + "\"}");
        List<String> crmInputs = List.of(
                "{\"crm\":{\"id\":\"crm-ok\"},\"contact\":{\"phone\":\"(804) 222-1111\",\"state\":\"Virginia\"},\"deal\":42}",
                "{\"contact\":{\"phone\":\"415-222-3333\",\"email\":\" Someone@Example.COM \"},\"note\":\"no crm id\"}");
        KafkaTestClient client = new KafkaTestClient(kafka.bootstrapServers());
        client.produceText(LEADS, leadInputs);
        client.produce(LEADS, List.of(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}));
        client.produceText(CRM, crmInputs);
        int inputs = leadInputs.size() + 1 + crmInputs.size();

        JobConfig config = JobSettings.of("it-", kafka, sela, tmp, TOKEN)
                .set("kafka.input-topics", LEADS + ":auto," + CRM + ":mapped")
                .set("kafka.bounded", "true")
                .set("format.mapped.external_id", "/crm/id")
                .set("format.mapped.phone_number", "/contact/phone")
                .set("format.mapped.email", "/contact/email")
                .set("format.mapped.us_state", "/contact/state")
                .set("sela.timeout", "2s")
                .set("sela.max-retries", "2")
                .set("sela.max-requests-per-second", "500")
                .set("territory.7", "CA,VA")
                .set("source.max-record-bytes", "10000")
                .config();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(JobSettings.flinkConfig());
        LeadQualityJob.build(env, config);
        env.execute("lead-quality-it");

        Duration quiet = Duration.ofSeconds(3);
        List<ConsumerRecord<byte[], byte[]>> enrichedRecords = client.readAll("it-enriched", quiet);
        List<JsonNode> enriched = KafkaTestClient.json(enrichedRecords);
        List<JsonNode> deadLetters = KafkaTestClient.json(client.readAll("it-dlq", quiet));
        List<JsonNode> alerts = KafkaTestClient.json(client.readAll("it-alerts", quiet));
        List<JsonNode> changes = KafkaTestClient.json(client.readAll("it-status", quiet));

        // Nothing lost, nothing duplicated: every input position comes out exactly once.
        List<String> positions = new ArrayList<>();
        enriched.forEach(e -> positions.add(position(e.get("source"))));
        deadLetters.forEach(d -> positions.add(position(d.get("source"))));
        assertThat(positions).doesNotHaveDuplicates().hasSize(inputs);
        assertThat(enriched).hasSize(11);

        assertThat(deadLetters).extracting(d -> d.get("error_code").asText()).containsExactlyInAnyOrder(
                "MALFORMED_JSON", "MALFORMED_JSON", "MALFORMED_JSON", "UNKNOWN_FORMAT", "MISSING_IDENTITY",
                "INVALID_FIELD", "TOO_LARGE");
        JsonNode badUtf8 = deadLetters.stream().filter(d -> d.has("raw_encoding")).findFirst().orElseThrow();
        assertThat(badUtf8.get("raw_encoding").asText()).isEqualTo("base64");
        assertThat(java.util.Base64.getDecoder().decode(badUtf8.get("raw").asText())).hasSize(10);
        JsonNode invalidEmail = deadLetters.stream().filter(d -> d.get("error_code").asText().equals("INVALID_FIELD"))
                .findFirst().orElseThrow();
        assertThat(invalidEmail.get("error").asText()).contains("email");
        assertThat(invalidEmail.get("source").get("topic").asText()).isEqualTo(LEADS);
        assertThat(invalidEmail.get("received_at").asText()).isNotBlank();

        Map<String, List<JsonNode>> byKey = enriched.stream().collect(Collectors.groupingBy(e -> e.get("external_id").asText()));
        assertThat(flags(byKey, "crm-ok")).containsExactly(List.of(), List.of());
        assertThat(flags(byKey, "crm-dnc")).containsExactly(List.of("CALL_DNC"));
        assertThat(flags(byKey, "crm-tcpa")).containsExactly(List.of("TCPA_LITIGATOR"));
        assertThat(flags(byKey, "crm-far")).containsExactly(List.of("OUT_OF_TERRITORY"));
        assertThat(flags(byKey, "dup-1")).containsExactly(List.of("DUPLICATE_IN_SELA"));
        assertThat(flags(byKey, "crm-late")).containsExactly(List.of("OUTSIDE_CALLING_WINDOW"));
        assertThat(flags(byKey, "crm-byphone")).containsExactly(List.of());
        assertThat(flags(byKey, "id_in_your_crm_123")).containsExactly(List.of("NOT_IN_SELA"));
        assertThat(flags(byKey, "019e18e2-6487-73d2-a3b2-643e2207f444")).containsExactly(List.of("BAD_NUMBER", "SMS_DNC"));
        assertThat(flags(byKey, "lead_1234567890abcdef")).containsExactly(List.of("BAD_NUMBER", "NOT_IN_SELA"));

        JsonNode dup = byKey.get("dup-1").get(0);
        assertThat(dup.get("lookup").asText()).isEqualTo("FOUND");
        assertThat(dup.get("sela").get("id").asLong()).isEqualTo(106);
        JsonNode byPhone = byKey.get("crm-byphone").get(0);
        assertThat(byPhone.get("source").get("format").asText()).isEqualTo("mapped");
        assertThat(byPhone.get("lead").get("email").asText()).isEqualTo("someone@example.com");
        assertThat(byPhone.get("lead").get("phone_number").asText()).isEqualTo("+14152223333");
        assertThat(byPhone.get("lead").get("metadata").get("note").asText()).isEqualTo("no crm id");
        JsonNode polly = byKey.get("lead_1234567890abcdef").get(0);
        assertThat(polly.get("source").get("format").asText()).isEqualTo("pollybot");
        assertThat(polly.get("lookup").asText()).isEqualTo("NOT_FOUND");
        assertThat(polly.get("sela").isNull()).isTrue();
        assertThat(polly.get("lead").get("first_name").asText()).isEqualTo("John");
        assertThat(polly.get("lead").get("lead_source").asText()).isEqualTo("website");
        assertThat(polly.get("event_time").asText()).isEqualTo("2024-01-16T14:30:00.000Z");
        JsonNode mappedOk = byKey.get("crm-ok").stream()
                .filter(e -> e.get("source").get("topic").asText().equals(CRM)).findFirst().orElseThrow();
        assertThat(mappedOk.get("lead").get("us_state").asText()).isEqualTo("VA");
        assertThat(mappedOk.get("lead").get("metadata").get("deal").asInt()).isEqualTo(42);
        assertThat(mappedOk.get("sela").get("id").asLong()).isEqualTo(101);
        for (ConsumerRecord<byte[], byte[]> record : enrichedRecords) {
            JsonNode value = KafkaTestClient.json(List.of(record)).get(0);
            assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(value.get("external_id").asText());
        }

        // Alerts: raised once per flag and key, never repeated, none cleared.
        assertThat(alerts).extracting(a -> a.get("alert_id").asText()).doesNotHaveDuplicates();
        assertThat(alerts).allSatisfy(a -> assertThat(a.get("state").asText()).isEqualTo("RAISED"));
        Set<String> raised = alerts.stream().map(a -> a.get("external_id").asText() + ":" + a.get("flag").asText())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(raised).containsExactlyInAnyOrder(
                "crm-dnc:CALL_DNC", "crm-tcpa:TCPA_LITIGATOR", "crm-far:OUT_OF_TERRITORY", "dup-1:DUPLICATE_IN_SELA",
                "crm-late:OUTSIDE_CALLING_WINDOW", "id_in_your_crm_123:NOT_IN_SELA",
                "019e18e2-6487-73d2-a3b2-643e2207f444:BAD_NUMBER", "019e18e2-6487-73d2-a3b2-643e2207f444:SMS_DNC",
                "lead_1234567890abcdef:BAD_NUMBER", "lead_1234567890abcdef:NOT_IN_SELA");
        JsonNode dncAlert = alerts.stream().filter(a -> a.get("flag").asText().equals("CALL_DNC")).findFirst().orElseThrow();
        assertThat(dncAlert.get("severity").asText()).isEqualTo("CRITICAL");
        assertThat(dncAlert.get("sela_id").asLong()).isEqualTo(102);
        assertThat(dncAlert.get("reason").asText()).isEqualTo("Sela marks the lead do-not-call (call_dnc=true)");
        assertThat(dncAlert.get("lead").get("us_state").asText()).isEqualTo("VA");
        assertThat(dncAlert.get("lead").get("lead_type").asText()).isEqualTo("7");
        assertThat(dncAlert.get("lead").get("phone_number").asText()).isEqualTo("+18042221111");

        // Status changes: each found key's first snapshot reported once, false included.
        Map<String, Set<String>> changedFields = new HashMap<>();
        changes.forEach(c -> changedFields.computeIfAbsent(c.get("external_id").asText(), k -> new HashSet<>())
                .add(c.get("field").asText() + "=" + c.get("to")));
        assertThat(changes).hasSize(changedFields.values().stream().mapToInt(Set::size).sum());
        assertThat(changedFields.get("crm-ok")).containsExactlyInAnyOrder("status=\"OPEN\"", "call_dnc=false", "sms_dnc=false");
        assertThat(changedFields.get("crm-tcpa")).contains("status_detail=\"tcpa_litigator\"");
        assertThat(changedFields).doesNotContainKeys("id_in_your_crm_123", "lead_1234567890abcdef");
        JsonNode firstChange = changes.get(0);
        assertThat(firstChange.get("from").isNull()).isTrue();
        assertThat(firstChange.get("seconds_in_previous").isNull()).isTrue();
        assertThat(firstChange.get("changed_at").asText()).isNotBlank();
        assertThat(firstChange.get("observed_at").asText()).isNotBlank();
    }

    private static List<List<String>> flags(Map<String, List<JsonNode>> byKey, String key) {
        assertThat(byKey).containsKey(key);
        List<List<String>> out = new ArrayList<>();
        for (JsonNode e : byKey.get(key)) {
            List<String> flags = new ArrayList<>();
            e.get("flags").forEach(f -> flags.add(f.asText()));
            out.add(flags);
        }
        return out;
    }

    private static String position(JsonNode source) {
        return source.get("topic").asText() + "/" + source.get("partition").asInt() + "/" + source.get("offset").asLong();
    }

    private static String selaPayload(String externalId) {
        return "{\"external_id\":\"" + externalId + "\",\"phone_number\":\"(804) 222-1111\",\"email\":\""
                + externalId + "@example.com\",\"metadata\":{\"first_name\":\"Ada\"},\"utm\":\"spring\"}";
    }
}
