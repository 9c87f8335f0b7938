package io.leadquality.ingest;

import io.leadquality.model.DeadLetterCode;
import io.leadquality.model.LeadEvent;
import io.leadquality.model.LookupOutcome;
import io.leadquality.model.RawRecord;
import io.leadquality.testkit.TestConfigs;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Records of the webhook topic as the job reads them: Sela snapshots, and calls by Sela id and call_count. */
class WebhookRecordParserTest {
    private static final long RECEIVED = Instant.parse("2026-12-01T10:00:00Z").toEpochMilli();
    private final LeadParser parser = new LeadParser(TestConfigs.with());

    @Test
    void theWebhookDocsSampleIsASnapshotOfItsLead() throws Exception {
        LeadEvent event = parser.parse(record("CALL_COMPLETE", "{\"id\":28013,\"external_id\":\"id_in_your_crm_123\","
                + "\"phone_number\":\"+18042221111\",\"status\":\"OPEN\",\"call_dnc\":null,\"call_count\":5,"
                + "\"modified_time\":\"2026-01-05T11:30:20.764434-08:00\",\"last_chat\":{}}"));
        assertThat(event.pushed).isTrue();
        assertThat(event.key).isEqualTo("id_in_your_crm_123");
        assertThat(event.selaId).isEqualTo(28013L);
        assertThat(event.lookup.outcome).isEqualTo(LookupOutcome.FOUND);
        assertThat(event.lookup.query).isEqualTo("webhook CALL_COMPLETE");
        assertThat(event.lookup.lead.modifiedMicros).isNotNull();
        assertThat(event.callId).isEqualTo("28013#5");
        assertThat(event.callAt).isEqualTo(RECEIVED);
    }

    @Test
    void onlyCallTriggersRecordACallAndALeadWithoutExternalIdIsKeyedBySelaId() throws Exception {
        LeadEvent event = parser.parse(record("LEAD_UPDATED", "{\"id\":7,\"call_count\":2}"));
        assertThat(event.callId).isNull();
        assertThat(event.key).isEqualTo("sela:7");
    }

    @Test
    void aBodyWithoutLeadIdIsDeadLettered() {
        assertThatThrownBy(() -> parser.parse(record("CALL_DNC", "{\"external_id\":\"x\"}")))
                .isInstanceOfSatisfying(InvalidLeadException.class,
                        e -> assertThat(e.code()).isEqualTo(DeadLetterCode.MISSING_IDENTITY))
                .hasMessageContaining("no Sela lead id");
    }

    private static RawRecord record(String trigger, String body) {
        RawRecord record = new RawRecord("sela.webhooks", 0, 3, RECEIVED + 5, body.getBytes(StandardCharsets.UTF_8));
        record.selaTrigger = trigger;
        record.receivedAt = RECEIVED;
        return record;
    }
}
