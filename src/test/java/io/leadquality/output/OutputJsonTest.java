package io.leadquality.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadquality.analytics.SourceQuality;
import io.leadquality.model.AlertState;
import io.leadquality.model.ComplianceAlert;
import io.leadquality.model.DeadLetter;
import io.leadquality.model.DeadLetterCode;
import io.leadquality.model.EnrichedLead;
import io.leadquality.model.Flag;
import io.leadquality.model.LookupOutcome;
import io.leadquality.model.RawRecord;
import io.leadquality.model.StatusChange;
import io.leadquality.testkit.LeadEvents;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class OutputJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void enrichedHasTheSpecFields() throws Exception {
        EnrichedLead lead = new EnrichedLead();
        lead.externalId = "crm-1";
        lead.event = LeadEvents.event("crm-1");
        lead.event.metadataJson = "{\"a\":[1,2]}";
        lead.sela = LeadEvents.sela(5, "crm-1");
        lead.lookup = LookupOutcome.FOUND;
        lead.flags = new String[] {"CALL_DNC", "SMS_DNC"};
        lead.evidence = new String[] {"Sela marks the lead do-not-call (call_dnc=true)", "Sela marks the lead do-not-text"};
        lead.processedAt = 0;
        lead.nextAllowedCallAt = 1_800_000_000_000L;
        JsonNode json = MAPPER.readTree(OutputJson.enriched(lead));
        assertThat(json.fieldNames()).toIterable().containsExactly("external_id", "source", "event_time", "lead", "sela",
                "lookup", "flags", "evidence", "next_allowed_call_at", "processed_at");
        assertThat(json.get("next_allowed_call_at").asText()).isEqualTo("2027-01-15T08:00:00.000Z");
        assertThat(json.get("evidence").get("CALL_DNC").asText()).isEqualTo("Sela marks the lead do-not-call (call_dnc=true)");
        assertThat(json.get("source").fieldNames()).toIterable().containsExactly("topic", "partition", "offset", "format");
        assertThat(json.get("lead").fieldNames()).toIterable().containsExactly("phone_number", "email", "us_state",
                "lead_type", "lead_source", "first_name", "last_name", "metadata");
        assertThat(json.get("lead").get("metadata").get("a").get(1).asInt()).isEqualTo(2);
        assertThat(json.get("sela").get("id").asInt()).isEqualTo(5);
        assertThat(json.get("flags").toString()).isEqualTo("[\"CALL_DNC\",\"SMS_DNC\"]");
        assertThat(json.get("processed_at").asText()).isEqualTo("1970-01-01T00:00:00.000Z");
    }

    @Test
    void oversizedMetadataIsReplacedByANote() throws Exception {
        EnrichedLead lead = new EnrichedLead();
        lead.externalId = "crm-1";
        lead.event = LeadEvents.event("crm-1");
        lead.event.metadataJson = "{\"pad\":\"" + "x".repeat(OutputJson.MAX_METADATA_CHARS) + "\"}";
        lead.flags = new String[0];
        JsonNode json = MAPPER.readTree(OutputJson.enriched(lead));
        assertThat(json.get("lead").get("metadata").get("_omitted").asText()).contains("over the output limit");
        assertThat(json.get("sela").isNull()).isTrue();
    }

    @Test
    void alertAndStatusChangeHaveTheSpecFields() throws Exception {
        ComplianceAlert alert = new ComplianceAlert();
        alert.alertId = "id-1";
        alert.externalId = "crm-1";
        alert.selaId = 5L;
        alert.flag = Flag.CALL_DNC;
        alert.state = AlertState.RAISED;
        alert.severity = Flag.CALL_DNC.severity();
        alert.reason = "why";
        alert.rulesVersion = "2026-12-03.1";
        alert.nextAllowedCallAt = 1_800_000_000_000L; // said only on the two flags of the calling rules
        JsonNode a = MAPPER.readTree(OutputJson.alert(alert));
        assertThat(a.fieldNames()).toIterable().containsExactly("alert_id", "external_id", "sela_id", "flag", "state",
                "severity", "reason", "at", "rules_version", "lead");
        assertThat(a.get("rules_version").asText()).isEqualTo("2026-12-03.1");
        assertThat(a.get("lead").fieldNames()).toIterable().containsExactly("phone_number", "us_state", "lead_type");
        alert.flag = Flag.CALL_FREQUENCY_CAP;
        JsonNode cap = MAPPER.readTree(OutputJson.alert(alert));
        assertThat(cap.get("next_allowed_call_at").asText()).isEqualTo("2027-01-15T08:00:00.000Z");
        alert.flag = Flag.OUTSIDE_CALLING_WINDOW;
        alert.nextAllowedCallAt = null;
        assertThat(MAPPER.readTree(OutputJson.alert(alert)).get("next_allowed_call_at").isNull()).isTrue();

        StatusChange change = new StatusChange();
        change.externalId = "crm-1";
        change.field = "call_dnc";
        change.from = "false";
        change.to = "true";
        change.changedAtMicros = 1740784143139554L;
        change.secondsInPrevious = 60L;
        JsonNode c = MAPPER.readTree(OutputJson.statusChange(change));
        assertThat(c.fieldNames()).toIterable().containsExactly("external_id", "sela_id", "field", "from", "to",
                "changed_at", "observed_at", "seconds_in_previous");
        assertThat(c.get("from").isBoolean()).isTrue();
        assertThat(c.get("to").booleanValue()).isTrue();
        assertThat(c.get("changed_at").asText()).isEqualTo("2025-02-28T23:09:03.139554Z");
        change.field = "status";
        change.from = null;
        change.to = "OPEN";
        JsonNode s = MAPPER.readTree(OutputJson.statusChange(change));
        assertThat(s.get("from").isNull()).isTrue();
        assertThat(s.get("to").asText()).isEqualTo("OPEN");
    }

    @Test
    void deadLettersKeepTheRawBytesAsTextOrBase64() throws Exception {
        RawRecord text = new RawRecord("in", 1, 9, 0, "{oops\u0001".getBytes(StandardCharsets.UTF_8));
        JsonNode t = MAPPER.readTree(OutputJson.deadLetter(DeadLetter.of(text, DeadLetterCode.MALFORMED_JSON, "bad", 0)));
        assertThat(t.fieldNames()).toIterable().containsExactly("error_code", "error", "source", "raw", "received_at");
        assertThat(t.get("raw").asText()).isEqualTo("{oops\u0001");
        assertThat(t.get("source").get("offset").asLong()).isEqualTo(9);

        byte[] binary = {(byte) 0xFF, 0x00, (byte) 0xC3};
        JsonNode b = MAPPER.readTree(OutputJson.deadLetter(DeadLetter.of(new RawRecord("in", 0, 1, 0, binary),
                DeadLetterCode.MALFORMED_JSON, "bad", 0)));
        assertThat(b.get("raw_encoding").asText()).isEqualTo("base64");
        assertThat(Base64.getDecoder().decode(b.get("raw").asText())).isEqualTo(binary);

        byte[] huge = "x".repeat(OutputJson.MAX_RAW_BYTES + 10).getBytes(StandardCharsets.UTF_8);
        JsonNode h = MAPPER.readTree(OutputJson.deadLetter(DeadLetter.of(new RawRecord("in", 0, 1, 0, huge),
                DeadLetterCode.TOO_LARGE, "big", 0)));
        assertThat(h.get("raw").asText()).hasSize(OutputJson.MAX_RAW_BYTES);
        assertThat(h.get("raw_truncated").asBoolean()).isTrue();
        assertThat(h.get("raw_bytes").asInt()).isEqualTo(OutputJson.MAX_RAW_BYTES + 10);
    }

    @Test
    void rawMetadataAndSelaJsonKeepNonAsciiText() throws Exception {
        EnrichedLead lead = new EnrichedLead();
        lead.externalId = "crm-ü";
        lead.event = LeadEvents.event("crm-ü");
        lead.event.metadataJson = "{\"name\":\"José 😀\"}";
        lead.sela = LeadEvents.sela(5, "crm-ü");
        lead.sela.json = "{\"id\":5,\"first_name\":\"Zoë\"}";
        lead.flags = new String[0];
        JsonNode json = new ObjectMapper().readTree(OutputJson.enriched(lead));
        assertThat(json.at("/lead/metadata/name").asText()).isEqualTo("José 😀");
        assertThat(json.at("/sela/first_name").asText()).isEqualTo("Zoë");
    }

    @Test
    void sourceQualityHasTheSpecFields() throws Exception {
        SourceQuality quality = new SourceQuality();
        quality.leadSource = "SunLeads";
        quality.leadType = "12";
        quality.windowStart = 1_800_000_000_000L;
        quality.windowEnd = 1_800_003_600_000L;
        quality.events = 5;
        quality.leads = 4;
        quality.flaggedNames = new String[] {"CALL_DNC", "NOT_IN_SELA"};
        quality.flaggedCounts = new long[] {2, 1};
        quality.notInSela = 1;
        quality.duplicates = 1;
        quality.revision = 2;
        JsonNode json = MAPPER.readTree(OutputJson.sourceQuality(quality));
        assertThat(json.fieldNames()).toIterable().containsExactly("lead_source", "lead_type", "window_start", "window_end",
                "events", "leads", "flagged", "not_in_sela", "duplicates", "lookups_failed", "revision");
        assertThat(json.get("window_start").asText()).isEqualTo("2027-01-15T08:00:00.000Z");
        assertThat(json.get("flagged").toString()).isEqualTo("{\"CALL_DNC\":2,\"NOT_IN_SELA\":1}");
        assertThat(json.get("revision").asInt()).isEqualTo(2);
        assertThat(quality.key()).isEqualTo("SunLeads|12|1800000000000");
    }
}
