package io.leadquality.analytics;

import io.leadquality.model.Flag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a lead's window firing sends on: only what changed since it last fired. */
class LeadWindowChangeTest {
    @Test
    void theFirstFiringSendsTheLeadWithAllItsFlags() {
        QualityChange change = LeadWindowChange.changeSince(null, lead(2, bit(Flag.CALL_DNC) | bit(Flag.NOT_IN_SELA), 1));
        assertThat(change.sourceKey()).isEqualTo("SunLeads|12");
        assertThat(change.events).isEqualTo(2);
        assertThat(change.leads).isEqualTo(1);
        assertThat(change.newFlags).isEqualTo(bit(Flag.CALL_DNC) | bit(Flag.NOT_IN_SELA));
        assertThat(change.lookupsFailed).isEqualTo(1);
    }

    @Test
    void aLateFiringSendsTheNewEventsAndOnlyTheFlagsNotSentBefore() {
        QualityChange change = LeadWindowChange.changeSince(lead(2, bit(Flag.CALL_DNC), 0),
                lead(3, bit(Flag.CALL_DNC) | bit(Flag.BAD_NUMBER), 0));
        assertThat(change.events).isEqualTo(1);
        assertThat(change.leads).as("the lead is counted once").isZero();
        assertThat(change.newFlags).isEqualTo(bit(Flag.BAD_NUMBER));
    }

    @Test
    void nothingNewSendsNothing() {
        assertThat(LeadWindowChange.changeSince(lead(2, bit(Flag.CALL_DNC), 0), lead(2, bit(Flag.CALL_DNC), 0))).isNull();
    }

    @Test
    void changesSumToTheWindowsCounts() {
        SourceQualityCounts counts = new SourceQualityCounts();
        counts.add(LeadWindowChange.changeSince(null, lead(2, bit(Flag.CALL_DNC), 0)));
        counts.add(LeadWindowChange.changeSince(null, lead(1, bit(Flag.CALL_DNC) | bit(Flag.SELA_STATE_UNKNOWN), 1)));
        counts.add(LeadWindowChange.changeSince(lead(2, bit(Flag.CALL_DNC), 0), lead(3, bit(Flag.CALL_DNC), 0)));
        assertThat(counts.events).isEqualTo(4);
        assertThat(counts.leads).isEqualTo(2);
        assertThat(counts.leadsFlagged(Flag.CALL_DNC)).isEqualTo(2);
        assertThat(counts.leadsFlagged(Flag.SELA_STATE_UNKNOWN)).isEqualTo(1);
        assertThat(counts.leadsFlagged(Flag.BAD_NUMBER)).isZero();
        assertThat(counts.lookupsFailed).isEqualTo(1);
    }

    private static LeadInWindow lead(long events, int flags, long lookupsFailed) {
        LeadInWindow lead = new LeadInWindow();
        lead.leadSource = "SunLeads";
        lead.leadType = "12";
        lead.events = events;
        lead.flags = flags;
        lead.lookupsFailed = lookupsFailed;
        return lead;
    }

    private static int bit(Flag flag) {
        return 1 << flag.ordinal();
    }
}
