package io.leadquality.analytics;

import io.leadquality.model.EnrichedLead;
import io.leadquality.model.Flag;
import io.leadquality.model.LookupOutcome;
import io.leadquality.testkit.LeadEvents;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QualityObservationTest {
    @Test
    void selasSourceAndTypeComeFirstThenTheEventsThenUnknown() {
        EnrichedLead lead = enriched();
        lead.sela = LeadEvents.sela(5, "crm-1");
        lead.sela.leadSource = "SunLeads";
        lead.event.leadSource = "sent-as";
        lead.event.leadType = "99";
        QualityObservation seen = QualityObservation.of(lead);
        assertThat(seen.sourceKey()).isEqualTo("SunLeads|7");

        lead.sela = null;
        assertThat(QualityObservation.of(lead).sourceKey()).isEqualTo("sent-as|99");
        lead.event.leadSource = " ";
        lead.event.leadType = null;
        assertThat(QualityObservation.of(lead).sourceKey()).isEqualTo("unknown|unknown");
    }

    @Test
    void flagsBecomeBitsAndAFailedLookupIsNoted() {
        EnrichedLead lead = enriched();
        lead.flags = new String[] {"CALL_DNC", "SELA_STATE_UNKNOWN"};
        lead.lookup = LookupOutcome.FAILED;
        QualityObservation seen = QualityObservation.of(lead);
        assertThat(seen.flags).isEqualTo((1 << Flag.CALL_DNC.ordinal()) | (1 << Flag.SELA_STATE_UNKNOWN.ordinal()));
        assertThat(seen.lookupFailed).isTrue();
        assertThat(seen.eventTime).isEqualTo(lead.event.eventTime);
        assertThat(seen.externalId).isEqualTo("crm-1");
    }

    private static EnrichedLead enriched() {
        EnrichedLead lead = new EnrichedLead();
        lead.externalId = "crm-1";
        lead.event = LeadEvents.event("crm-1");
        lead.flags = new String[0];
        lead.lookup = LookupOutcome.FOUND;
        return lead;
    }
}
