package io.leadquality.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadquality.model.DeadLetterCode;
import io.leadquality.model.LeadEvent;
import io.leadquality.model.LeadFormat;
import io.leadquality.model.RawRecord;
import io.leadquality.testkit.TestConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LeadParserTest {
    private static final long KAFKA_TIME = Instant.parse("2026-11-01T12:00:00Z").toEpochMilli();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final LeadParser parser = new LeadParser(TestConfigs.with(
            "kafka.input-topics", "auto:auto,crm:mapped,polly:pollybot",
            "format.mapped.external_id", "/crm/id",
            "format.mapped.phone_number", "contact.phone",
            "format.mapped.email", "/contact/email",
            "format.mapped.us_state", "/contact/state",
            "format.mapped.event_time", "/updated",
            "source.max-record-bytes", "4000"));

    @Test
    void selaDocsRetrieveExampleParses() throws Exception {
        LeadEvent event = parse("auto", example("sela-retrieve-lead.json"));
        assertThat(event.format).isEqualTo(LeadFormat.SELA);
        assertThat(event.externalId).isEqualTo("id_in_your_crm_123");
        assertThat(event.selaId).isEqualTo(28013L);
        assertThat(event.phoneNumber).isEqualTo("+18042221111");
        assertThat(event.email).isEqualTo("first_name@trysela.com");
        assertThat(event.usState).isEqualTo("CA");
        assertThat(event.leadType).isEqualTo("123");
        assertThat(event.leadSource).isEqualTo("USDALoans.com");
        assertThat(event.firstName).isEqualTo("First");
        assertThat(event.lastName).isEqualTo("Name");
        assertThat(event.eventTime).isEqualTo(Instant.parse("2025-02-28T23:09:03.139Z").toEpochMilli());
        JsonNode metadata = MAPPER.readTree(event.metadataJson);
        assertThat(metadata.get("created_at").asText()).isEqualTo("02/28/2025 15:09");
        assertThat(metadata.has("next_call_time")).isFalse(); // a lead field, not metadata
    }

    @Test
    void selaUnknownKeysGoToMetadataAsSelaDoes() throws Exception {
        LeadEvent event = parse("auto", "{\"external_id\":\"x1\",\"phone_number\":\"804-222-1111\",\"metadata\":{\"a\":1},"
                + "\"first_name\":\"Ada\",\"property_zip\":\"94101\",\"reengagement_count\":2}");
        JsonNode metadata = MAPPER.readTree(event.metadataJson);
        assertThat(metadata.get("a").asInt()).isEqualTo(1);
        assertThat(metadata.get("property_zip").asText()).isEqualTo("94101");
        assertThat(metadata.has("reengagement_count")).isFalse();
        assertThat(event.firstName).isEqualTo("Ada");
        assertThat(event.eventTime).isEqualTo(KAFKA_TIME); // no modified_time: the Kafka record time
    }

    @Test
    void instantlyDocsExampleParses() throws Exception {
        LeadEvent event = parse("auto", example("instantly-lead.json"));
        assertThat(event.format).isEqualTo(LeadFormat.INSTANTLY);
        assertThat(event.externalId).isEqualTo("019e18e2-6487-73d2-a3b2-643e2207f444");
        assertThat(event.email).isEqualTo("example@example.com");
        assertThat(event.phoneNumber).isEqualTo("+1234567890"); // kept as given: BAD_NUMBER will say why
        assertThat(event.firstName).isEqualTo("John");
        assertThat(event.lastName).isEqualTo("Doe");
        assertThat(event.leadType).isEqualTo("019e18e2-648a-71b0-899a-91e277fed22b");
        assertThat(event.eventTime).isEqualTo(Instant.parse("2026-05-11T21:12:30.602Z").toEpochMilli());
        JsonNode metadata = MAPPER.readTree(event.metadataJson);
        assertThat(metadata.get("companyName").asText()).isEqualTo("Acme Corp");
        assertThat(metadata.get("status").asInt()).isEqualTo(1); // numeric, as Instantly sends it
    }

    @Test
    void pollyBotDocsEnvelopeParses() throws Exception {
        LeadEvent event = parse("auto", example("pollybot-lead.json"));
        assertThat(event.format).isEqualTo(LeadFormat.POLLYBOT);
        assertThat(event.externalId).isEqualTo("lead_1234567890abcdef");
        assertThat(event.phoneNumber).isEqualTo("+15551234567");
        assertThat(event.firstName).isEqualTo("John");
        assertThat(event.lastName).isEqualTo("Doe");
        assertThat(event.leadSource).isEqualTo("website");
        assertThat(event.eventTime).isEqualTo(Instant.parse("2024-01-16T14:30:00Z").toEpochMilli());
        JsonNode metadata = MAPPER.readTree(event.metadataJson);
        assertThat(metadata.get("company").asText()).isEqualTo("Tech Corp");
        assertThat(metadata.get("status").asText()).isEqualTo("contacted");
        assertThat(metadata.get("workspaceId").asText()).isEqualTo("ws_your_workspace_id");
    }

    @Test
    void barePollyBotLeadIsRecognisedByItsLeadId() throws Exception {
        LeadEvent event = parse("auto", "{\"id\":\"lead_abc\",\"name\":\"Grace\",\"phone\":\"(415) 222-3333\"}");
        assertThat(event.format).isEqualTo(LeadFormat.POLLYBOT);
        assertThat(event.externalId).isEqualTo("lead_abc");
        assertThat(event.firstName).isEqualTo("Grace");
        assertThat(event.lastName).isNull();
    }

    @Test
    void pollyBotErrorBodyIsDeadLetteredWithItsError() {
        assertInvalid("auto", example("pollybot-not-found.json"), DeadLetterCode.MISSING_IDENTITY, "Lead not found");
    }

    @Test
    void mappedRecordsReadThroughConfiguredPaths() throws Exception {
        LeadEvent event = parse("crm", "{\"crm\":{\"id\":42},\"contact\":{\"phone\":\"+1 804 222 1111\","
                + "\"email\":\" A@B.COM \",\"state\":\"virginia\"},\"updated\":\"2025-01-02T03:04:05Z\",\"deal\":\"big\"}");
        assertThat(event.format).isEqualTo(LeadFormat.MAPPED);
        assertThat(event.externalId).isEqualTo("42");
        assertThat(event.phoneNumber).isEqualTo("+18042221111");
        assertThat(event.email).isEqualTo("a@b.com");
        assertThat(event.usState).isEqualTo("VA");
        assertThat(event.eventTime).isEqualTo(Instant.parse("2025-01-02T03:04:05Z").toEpochMilli());
        assertThat(MAPPER.readTree(event.metadataJson).fieldNames()).toIterable().containsExactly("deal");
    }

    @Test
    void topicFormatOverridesDetection() {
        // A Sela-shaped record on a pollybot topic is read as PollyBot: no lead_ id there, so no identity.
        assertInvalid("polly", "{\"phone_number\":\"8042221111\"}", DeadLetterCode.MISSING_IDENTITY, "pollybot");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{not json|MALFORMED_JSON|not valid JSON",
        "[1,2]|MALFORMED_JSON|an array",
        "\"text\"|MALFORMED_JSON|not an object",
        "{\"a\":1}{\"b\":2}|MALFORMED_JSON|not valid JSON",
        "{\"phone_number\":\"1\",\"phone_number\":\"2\"}|MALFORMED_JSON|Duplicate field",
        "{\"foo\":\"bar\"}|UNKNOWN_FORMAT|no known format",
        "{\"phone_number\":null}|MISSING_IDENTITY|no external_id, phone or email",
        "{\"phone_number\":\"8042221111\",\"email\":{\"a\":1}}|INVALID_FIELD|Field email must be a string, but is an object",
        "{\"phone_number\":true}|INVALID_FIELD|Field phone_number must be a string, but is a boolean",
        "{\"phone_number\":\"8042221111\",\"email\":\"nobody\"}|INVALID_FIELD|not an email address",
        "{\"phone_number\":\"8042221111\",\"us_state\":\"Narnia\"}|INVALID_FIELD|us_state 'Narnia'",
        "{\"phone_number\":\"8042221111\",\"metadata\":[1]}|INVALID_FIELD|metadata must be an object",
        "{\"phone_number\":\"8042221111\",\"id\":1.5}|INVALID_FIELD|id must be a whole number",
    })
    void badRecordsSayWhatIsWrong(String json, DeadLetterCode code, String message) {
        assertInvalid("auto", json, code, message);
    }

    @Test
    void deepNestingIsMalformedNotAStackOverflow() {
        String deep = "{\"phone_number\":\"8042221111\",\"m\":" + "[".repeat(500) + "]".repeat(500) + "}";
        assertInvalid("auto", deep, DeadLetterCode.MALFORMED_JSON, "nesting");
    }

    @Test
    void invalidUtf8IsMalformed() {
        byte[] bytes = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertThatThrownBy(() -> parser.parse(record("auto", bytes)))
                .isInstanceOfSatisfying(InvalidLeadException.class,
                        e -> assertThat(e.code()).isEqualTo(DeadLetterCode.MALFORMED_JSON));
    }

    @Test
    void tooLargeRecordsAreNotParsed() {
        byte[] big = ("{" + "x".repeat(5000)).getBytes(StandardCharsets.UTF_8); // not even JSON
        assertThatThrownBy(() -> parser.parse(record("auto", big)))
                .isInstanceOfSatisfying(InvalidLeadException.class, e -> {
                    assertThat(e.code()).isEqualTo(DeadLetterCode.TOO_LARGE);
                    assertThat(e.getMessage()).contains("source.max-record-bytes");
                });
    }

    @Test
    void emptyAndNullValuesAreMalformed() {
        assertInvalid("auto", "", DeadLetterCode.MALFORMED_JSON, "empty");
        assertThatThrownBy(() -> parser.parse(record("auto", null)))
                .isInstanceOfSatisfying(InvalidLeadException.class,
                        e -> assertThat(e.code()).isEqualTo(DeadLetterCode.MALFORMED_JSON));
    }

    @Test
    void externalIdOverSelasLimitIsInvalid() {
        assertInvalid("auto", "{\"phone_number\":\"8042221111\",\"external_id\":\"" + "x".repeat(256) + "\"}",
                DeadLetterCode.INVALID_FIELD, "external_id");
    }

    private LeadEvent parse(String topic, String json) throws InvalidLeadException {
        return parser.parse(record(topic, json.getBytes(StandardCharsets.UTF_8)));
    }

    private void assertInvalid(String topic, String json, DeadLetterCode code, String message) {
        assertThatThrownBy(() -> parse(topic, json))
                .isInstanceOfSatisfying(InvalidLeadException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.getMessage()).contains(message);
                });
    }

    private static RawRecord record(String topic, byte[] value) {
        return new RawRecord(topic, 0, 7, KAFKA_TIME, value);
    }

    static String example(String name) {
        try {
            return Files.readString(Path.of("src/test/resources/api-examples", name));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
