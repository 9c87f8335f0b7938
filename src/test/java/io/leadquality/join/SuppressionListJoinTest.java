package io.leadquality.join;

import io.leadquality.model.AlertState;
import io.leadquality.model.ComplianceAlert;
import io.leadquality.model.EnrichedLead;
import io.leadquality.model.Flag;
import io.leadquality.model.LeadEvent;
import io.leadquality.model.SelaLead;
import io.leadquality.model.SuppressionAction;
import io.leadquality.model.SuppressionUpdate;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.leadquality.join.JoinHarnesses.T0;
import static io.leadquality.join.JoinHarnesses.newHarness;
import static io.leadquality.join.JoinHarnesses.sideOutput;
import static io.leadquality.testkit.LeadEvents.event;
import static io.leadquality.testkit.LeadEvents.found;
import static io.leadquality.testkit.LeadEvents.sela;
import static org.assertj.core.api.Assertions.assertThat;

/** The suppression list on the join's broadcast side (SPEC section 7). */
class SuppressionListJoinTest {
    private static final String LISTED_PHONE = "+18042221111";
    private static final String OTHER_PHONE = "+14155550102";

    private KeyedBroadcastOperatorTestHarness<String, LeadEvent, SuppressionUpdate, EnrichedLead> harness;
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
    void eventsWaitUntilTheListIsReadToItsEndSoAListedLeadIsNeverEnrichedClean() throws Exception {
        harness.processElement(lookedUp("a", LISTED_PHONE, null), T0);
        assertThat(harness.extractOutputValues()).as("held while the list loads").isEmpty();

        harness.processBroadcastElement(update(SuppressionAction.ADD, "phone_number:" + LISTED_PHONE, "asked on a call", 0, 4), T0);
        harness.processBroadcastElement(SuppressionUpdate.loaded(), T0);
        harness.setProcessingTime(T0 + LeadStateJoin.LIST_POLL_MS);

        assertThat(harness.extractOutputValues()).singleElement()
                .satisfies(e -> assertThat(e.flags).containsExactly("CALL_DNC"));
        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.flag).isEqualTo(Flag.CALL_DNC);
            assertThat(a.state).isEqualTo(AlertState.RAISED);
            assertThat(a.reason).isEqualTo("on the suppression list: asked on a call (phone_number +18042221111)");
        });
        assertThat(harness.numProcessingTimeTimers()).as("the list timer is gone, the refresh timer stays").isEqualTo(1);
    }

    @Test
    void heldEventsKeepTheirOrderWhenALaterEventArrivesFirstAfterLoading() throws Exception {
        harness.processElement(lookedUp("a", OTHER_PHONE, null), T0);
        harness.processBroadcastElement(SuppressionUpdate.loaded(), T0);
        LeadEvent later = lookedUp("a", OTHER_PHONE, null);
        harness.processElement(later, T0 + 1); // before the held event's timer fires
        assertThat(harness.extractOutputValues()).extracting(e -> e.event.offset)
                .containsExactly(later.offset - 1, later.offset);
    }

    @Test
    void anAddRaisesCallDncAtOnceForEveryKnownLeadWithThatPhoneOrEmailAndARemoveClearsIt() throws Exception {
        loaded();
        harness.processElement(lookedUp("a", LISTED_PHONE, null), T0);
        harness.processElement(lookedUp("b", OTHER_PHONE, "jo@example.com"), T0);
        harness.processElement(lookedUp("c", OTHER_PHONE, null), T0);
        JoinHarnesses.clearOutputs(harness);

        harness.processBroadcastElement(update(SuppressionAction.ADD, "phone_number:" + LISTED_PHONE, "DNC request", 0, 10), T0);
        harness.processBroadcastElement(update(SuppressionAction.ADD, "email:jo@example.com", null, 1, 3), T0);
        assertThat(alerts()).extracting(a -> a.externalId + ":" + a.flag + ":" + a.state + ":" + a.reason)
                .containsExactlyInAnyOrder(
                        "a:CALL_DNC:RAISED:on the suppression list: DNC request (phone_number +18042221111)",
                        "b:CALL_DNC:RAISED:on the suppression list: no reason given (email jo@example.com)");
        assertThat(harness.extractOutputValues()).as("no input event, no enriched record").isEmpty();
        String firstId = alerts().get(0).alertId;

        JoinHarnesses.clearOutputs(harness);
        harness.processElement(lookedUp("a", LISTED_PHONE, null), T0);
        assertThat(alerts()).as("still listed: nothing new").isEmpty();
        assertThat(harness.extractOutputValues()).singleElement().satisfies(e -> assertThat(e.flags).containsExactly("CALL_DNC"));

        JoinHarnesses.clearOutputs(harness);
        harness.processBroadcastElement(update(SuppressionAction.REMOVE, "phone_number:" + LISTED_PHONE, "opted back in", 0, 11), T0);
        assertThat(alerts()).extracting(a -> a.externalId + ":" + a.flag + ":" + a.state)
                .containsExactly("a:CALL_DNC:CLEARED");
        assertThat(alerts().get(0).alertId).isNotEqualTo(firstId);
    }

    @Test
    void aRemoveDoesNotClearCallDncThatSelaHolds() throws Exception {
        loaded();
        harness.processBroadcastElement(update(SuppressionAction.ADD, "phone_number:" + LISTED_PHONE, "DNC request", 0, 1), T0);
        SelaLead dnc = sela(1, "a");
        dnc.callDnc = true;
        LeadEvent event = lookedUp("a", LISTED_PHONE, null);
        event.lookup = found(dnc);
        harness.processElement(event, T0);
        assertThat(alerts()).extracting(a -> a.reason).containsExactly("Sela marks the lead do-not-call (call_dnc=true)");

        JoinHarnesses.clearOutputs(harness);
        harness.processBroadcastElement(update(SuppressionAction.REMOVE, "phone_number:" + LISTED_PHONE, null, 0, 2), T0);
        assertThat(alerts()).isEmpty();
    }

    @Test
    void aReplayedOlderRecordNeverBringsAnEntryBack() throws Exception {
        loaded();
        harness.processElement(lookedUp("a", LISTED_PHONE, null), T0);
        SuppressionUpdate add = update(SuppressionAction.ADD, "phone_number:" + LISTED_PHONE, "DNC request", 0, 5);
        harness.processBroadcastElement(add, T0);
        harness.processBroadcastElement(update(SuppressionAction.REMOVE, "phone_number:" + LISTED_PHONE, null, 0, 6), T0);
        JoinHarnesses.clearOutputs(harness);

        harness.processBroadcastElement(add, T0); // the live reader and the loader overlap, or a replay after restore
        assertThat(alerts()).isEmpty();
        harness.processElement(lookedUp("a", LISTED_PHONE, null), T0);
        assertThat(harness.extractOutputValues()).singleElement().satisfies(e -> assertThat(e.flags).isEmpty());
    }

    @Test
    void theListAndItsLoadedMarkSurviveARestore() throws Exception {
        loaded();
        harness.processBroadcastElement(update(SuppressionAction.ADD, "phone_number:" + LISTED_PHONE, "DNC request", 0, 1), T0);
        OperatorSubtaskState snapshot = harness.snapshot(1, T0);
        harness.close();

        harness = newHarness();
        harness.initializeState(snapshot);
        harness.open();
        harness.processElement(lookedUp("z", LISTED_PHONE, null), T0);
        assertThat(harness.extractOutputValues()).as("judged at once: the list is known to be complete")
                .singleElement().satisfies(e -> assertThat(e.flags).containsExactly("CALL_DNC"));
    }

    private void loaded() throws Exception {
        harness.processBroadcastElement(SuppressionUpdate.loaded(), T0);
    }

    private List<ComplianceAlert> alerts() {
        return sideOutput(harness, LeadStateJoin.ALERTS);
    }

    /** An input event of lead {@code key} that carries its own (found) lookup. */
    private LeadEvent lookedUp(String key, String phone, String email) {
        LeadEvent event = event(key);
        event.phoneNumber = phone;
        event.email = email;
        event.offset = ++seq;
        event.seq = seq;
        event.lookupSeq = seq;
        SelaLead lead = sela(seq, key);
        lead.phoneNumber = phone;
        event.lookup = found(lead);
        return event;
    }

    private static SuppressionUpdate update(SuppressionAction action, String identity, String reason, int partition, long offset) {
        SuppressionUpdate update = new SuppressionUpdate();
        update.action = action;
        update.identity = identity;
        update.reason = reason;
        update.topic = "leads.suppressions";
        update.partition = partition;
        update.offset = offset;
        return update;
    }
}
