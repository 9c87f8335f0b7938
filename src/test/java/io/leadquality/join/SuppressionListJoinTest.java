package io.leadquality.join;

import io.leadquality.model.AlertState;
import io.leadquality.model.ComplianceAlert;
import io.leadquality.model.EnrichedLead;
import io.leadquality.model.Flag;
import io.leadquality.model.LeadEvent;
import io.leadquality.model.SelaLead;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.leadquality.join.JoinHarnesses.T0;
import static io.leadquality.join.JoinHarnesses.contactUpdate;
import static io.leadquality.join.JoinHarnesses.listedVerdict;
import static io.leadquality.join.JoinHarnesses.newHarness;
import static io.leadquality.join.JoinHarnesses.sideOutput;
import static io.leadquality.join.JoinHarnesses.verdict;
import static io.leadquality.testkit.LeadEvents.event;
import static io.leadquality.testkit.LeadEvents.found;
import static io.leadquality.testkit.LeadEvents.sela;
import static org.assertj.core.api.Assertions.assertThat;

/** The join judging by the suppression-list entries the contact stages find for a lead's phone and e-mail (SPEC sections 7, 9). */
class SuppressionListJoinTest {
    private static final String LISTED_PHONE = "phone_number:+18042221111";

    private KeyedOneInputStreamOperatorTestHarness<String, LeadEvent, EnrichedLead> harness;
    private long seq;

    @BeforeEach
    void open() throws Exception {
        harness = newHarness();
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void aLeadWhosePhoneIsListedIsFlaggedOnItsFirstRecord() throws Exception {
        LeadEvent event = lookedUp("a", "jo@example.com");
        event.phoneVerdict = listedVerdict(LISTED_PHONE, 1, "asked on a call", 4);
        harness.processElement(event, T0);

        assertThat(harness.extractOutputValues()).singleElement()
                .satisfies(e -> assertThat(e.flags).containsExactly("CALL_DNC"));
        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.flag).isEqualTo(Flag.CALL_DNC);
            assertThat(a.state).isEqualTo(AlertState.RAISED);
            assertThat(a.reason).isEqualTo("on the suppression list: asked on a call (phone_number +18042221111)");
        });
    }

    @Test
    void anEmailListedIsFlaggedToo() throws Exception {
        LeadEvent event = lookedUp("b", "jo@example.com");
        event.emailVerdict = listedVerdict("email:jo@example.com", 1, null, 3);
        harness.processElement(event, T0);
        assertThat(alerts()).extracting(a -> a.flag + ":" + a.reason)
                .containsExactly("CALL_DNC:on the suppression list: no reason given (email jo@example.com)");
    }

    @Test
    void anAddThenARemoveSentByThePhoneRaiseAndClearWithoutEnrichedRecords() throws Exception {
        harness.processElement(lookedUp("a", null), T0);
        JoinHarnesses.clearOutputs(harness);

        harness.processElement(contactUpdate("a", listedVerdict(LISTED_PHONE, 5, "DNC request", 10)), T0);
        assertThat(alerts()).extracting(a -> a.externalId + ":" + a.flag + ":" + a.state + ":" + a.reason)
                .containsExactly("a:CALL_DNC:RAISED:on the suppression list: DNC request (phone_number +18042221111)");
        assertThat(harness.extractOutputValues()).as("no input event, no enriched record").isEmpty();

        JoinHarnesses.clearOutputs(harness);
        LeadEvent again = lookedUp("a", null);
        again.phoneVerdict = listedVerdict(LISTED_PHONE, 6, "DNC request", 10);
        harness.processElement(again, T0);
        assertThat(alerts()).as("still listed: nothing new").isEmpty();
        assertThat(harness.extractOutputValues()).singleElement().satisfies(e -> assertThat(e.flags).containsExactly("CALL_DNC"));

        JoinHarnesses.clearOutputs(harness);
        harness.processElement(contactUpdate("a", verdict(LISTED_PHONE, 7, null)), T0);
        assertThat(alerts()).extracting(a -> a.externalId + ":" + a.flag + ":" + a.state).containsExactly("a:CALL_DNC:CLEARED");
    }

    @Test
    void aRemoveDoesNotClearCallDncThatSelaHolds() throws Exception {
        SelaLead dnc = sela(1, "a");
        dnc.callDnc = true;
        LeadEvent event = lookedUp("a", null);
        event.lookup = found(dnc);
        event.phoneVerdict = listedVerdict(LISTED_PHONE, 1, "DNC request", 1);
        harness.processElement(event, T0);
        assertThat(alerts()).extracting(a -> a.reason).containsExactly("Sela marks the lead do-not-call (call_dnc=true)");

        JoinHarnesses.clearOutputs(harness);
        harness.processElement(contactUpdate("a", verdict(LISTED_PHONE, 2, null)), T0);
        assertThat(alerts()).isEmpty();
    }

    @Test
    void aListingOfThePhoneOnlyHoldsWhileTheLeadHasThatPhone() throws Exception {
        LeadEvent event = lookedUp("a", null);
        event.phoneVerdict = listedVerdict(LISTED_PHONE, 1, "DNC request", 1);
        harness.processElement(event, T0);
        JoinHarnesses.clearOutputs(harness);

        LeadEvent moved = lookedUp("a", null); // Sela now has another phone for the lead
        moved.phoneNumber = "+14155550102";
        moved.lookup.lead.phoneNumber = "+14155550102";
        moved.lookup.lead.modifiedMicros += 1_000_000;
        moved.phoneVerdict = verdict("phone_number:+14155550102", 2, null);
        harness.processElement(moved, T0);
        assertThat(alerts()).extracting(a -> a.flag + ":" + a.state).containsExactly("CALL_DNC:CLEARED");
    }

    private List<ComplianceAlert> alerts() {
        return sideOutput(harness, LeadStateJoin.ALERTS);
    }

    /** An input event of lead {@code key} that carries its own (found) lookup, with the listed phone. */
    private LeadEvent lookedUp(String key, String email) {
        LeadEvent event = event(key);
        event.phoneNumber = LISTED_PHONE.substring("phone_number:".length());
        event.email = email;
        event.offset = ++seq;
        event.seq = seq;
        event.lookupSeq = seq;
        SelaLead lead = sela(seq, key);
        lead.phoneNumber = event.phoneNumber;
        lead.email = email;
        event.lookup = found(lead);
        return event;
    }
}
