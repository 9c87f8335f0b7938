package io.leadquality.join;

import io.leadquality.model.AlertState;
import io.leadquality.model.ComplianceAlert;
import io.leadquality.model.EnrichedLead;
import io.leadquality.model.Flag;
import io.leadquality.model.LeadEvent;
import io.leadquality.model.LookupOutcome;
import io.leadquality.model.SelaLead;
import io.leadquality.model.SelaLookup;
import io.leadquality.model.StatusChange;
import io.leadquality.model.SuppressionAction;
import io.leadquality.model.SuppressionUpdate;
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
import static io.leadquality.testkit.LeadEvents.event;
import static io.leadquality.testkit.LeadEvents.found;
import static io.leadquality.testkit.LeadEvents.sela;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC sections 2 and 3: answers for one key arrive in any order, and a do-not-call or litigator
 * mark is cleared only by evidence. Each test is a way today's join could emit a wrong flag.
 */
class AnswerOrderAndEvidenceJoinTest {
    private static final long MINUTE_MICROS = 60_000_000L;

    private KeyedOneInputStreamOperatorTestHarness<String, LeadEvent, EnrichedLead> harness;
    private int offset;

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
    void anOlderNotFoundArrivingAfterANewerFoundClearsNothing() throws Exception {
        answer(2, found(dnc(sela(1, "a"))));
        clearOutputs();
        answer(1, SelaLookup.notFound("external_id=a", 1)); // asked first, answered last

        assertThat(alerts()).as("no CLEARED, no NOT_IN_SELA").isEmpty();
        assertThat(enriched()).singleElement().satisfies(e -> {
            assertThat(e.lookup).isEqualTo(LookupOutcome.FOUND);
            assertThat(e.sela.id).isEqualTo(1L);
            assertThat(e.flags).containsExactly("CALL_DNC");
        });
    }

    @Test
    void anOlderFailedAnswerAfterANewerFoundRaisesNothing() throws Exception {
        answer(2, found(dnc(sela(1, "a"))));
        clearOutputs();
        answer(1, SelaLookup.failed("external_id=a", "HTTP 503", 4));
        assertThat(alerts()).isEmpty();
        assertThat(enriched()).singleElement().satisfies(e -> assertThat(e.flags).containsExactly("CALL_DNC"));
    }

    @Test
    void anOlderAnswerWithAnUnreadableModifiedTimeDoesNotRollTheSnapshotBack() throws Exception {
        answer(2, found(dnc(sela(1, "a"))));
        clearOutputs();
        SelaLead undated = sela(1, "a");
        undated.modifiedMicros = null;
        answer(1, found(undated));
        assertThat(alerts()).isEmpty();
        assertThat(changes()).isEmpty();
        assertThat(enriched()).singleElement().satisfies(e -> assertThat(e.sela.callDnc).isTrue());
    }

    @Test
    void aNewerAnswerWithAnUnreadableModifiedTimeDoesNotReplaceADatedSnapshotEither() throws Exception {
        answer(1, found(dnc(sela(1, "a"))));
        clearOutputs();
        SelaLead undated = sela(1, "a");
        undated.modifiedMicros = null; // call_dnc=false, but nothing shows this snapshot is the newer
        answer(2, found(undated));
        assertThat(alerts()).isEmpty();
        assertThat(enriched()).singleElement().satisfies(e -> assertThat(e.flags).containsExactly("CALL_DNC"));
    }

    @Test
    void aRefreshAnswerOlderThanAnEventsAnswerClearsNothing() throws Exception {
        LeadEvent refresh = refreshOf("a");
        refresh.seq = 1; // the refresh passed the cache before the event did ...
        refresh.lookupSeq = 1;
        answer(2, found(dnc(sela(1, "a"))));
        clearOutputs();
        refresh.lookup = SelaLookup.notFound("id=1", 1); // ... and its answer, from before Sela had the lead, comes last
        harness.processElement(refresh, T0);
        assertThat(alerts()).isEmpty();
        assertThat(changes()).isEmpty();
    }

    @Test
    void anOlderEventDoesNotOverwriteTheRememberedPhone() throws Exception {
        String newPhone = "+12025550123";
        LeadEvent newer = event("a");
        newer.phoneNumber = newPhone;
        newer.seq = 2;
        newer.lookupSeq = 2;
        SelaLead lead = sela(1, "a");
        lead.phoneNumber = newPhone;
        newer.lookup = found(lead);
        harness.processElement(newer, T0);
        answer(1, SelaLookup.failed("external_id=a", "HTTP 503", 4)); // the old event, with the old phone, answered late
        clearOutputs();

        // A listed old phone no longer names the lead; the new one does.
        harness.processElement(contactUpdate("a", listedVerdict("phone_number:+18042221111", 1, "DNC request", 1)), T0);
        assertThat(alerts()).isEmpty();
        harness.processElement(contactUpdate("a", listedVerdict("phone_number:" + newPhone, 2, "DNC request", 2)), T0);
        assertThat(alerts()).extracting(a -> a.flag + ":" + a.phoneNumber).containsExactly("CALL_DNC:" + newPhone);
    }

    @Test
    void aLeadThatSelaNoLongerFindsKeepsItsDoNotCallAndLitigatorMarks() throws Exception {
        SelaLead marked = dnc(sela(1, "a"));
        marked.statusDetail = "tcpa_litigator";
        answer(1, found(marked));
        clearOutputs();

        answer(2, SelaLookup.notFound("external_id=a", 1)); // deleted in Sela, or an empty page
        assertThat(alerts()).extracting(a -> a.flag + ":" + a.state).containsExactly("NOT_IN_SELA:RAISED");
        assertThat(enriched()).singleElement().satisfies(e -> {
            assertThat(e.lookup).isEqualTo(LookupOutcome.NOT_FOUND);
            assertThat(e.sela).isNull();
            assertThat(e.flags).containsExactly("CALL_DNC", "NOT_IN_SELA", "TCPA_LITIGATOR");
            assertThat(e.evidence[0]).contains("call_dnc=true").contains("Sela lead 1 modified")
                    .contains("kept although the newest lookup (external_id=a) found no lead");
        });

        clearOutputs();
        LeadEvent cached = event("a"); // served from the cache: the same verdict
        cached.seq = 3;
        cached.lookupSeq = 2;
        harness.processElement(cached, T0);
        assertThat(alerts()).isEmpty();
        assertThat(enriched()).singleElement().satisfies(e -> assertThat(e.flags).contains("CALL_DNC", "TCPA_LITIGATOR"));

        clearOutputs();
        SelaLead unmarked = sela(1, "a");
        unmarked.modifiedMicros += MINUTE_MICROS;
        answer(4, found(unmarked)); // evidence: a snapshot without the marks
        assertThat(alerts()).extracting(a -> a.flag + ":" + a.state).containsExactlyInAnyOrder(
                "CALL_DNC:CLEARED", "TCPA_LITIGATOR:CLEARED", "NOT_IN_SELA:CLEARED");
        assertThat(alerts()).filteredOn(a -> a.flag == Flag.CALL_DNC).singleElement()
                .satisfies(a -> assertThat(a.reason).contains("Sela lead 1 modified").contains("carries no do-not-call mark"));
    }

    @Test
    void aFailedLookupsMarksNameTheSnapshotTheyComeFrom() throws Exception {
        answer(1, found(sela(1, "a")));
        clearOutputs();
        SelaLead dnc = dnc(sela(1, "a"));
        dnc.modifiedMicros += MINUTE_MICROS;
        answer(2, found(dnc));
        answer(3, SelaLookup.failed("external_id=a", "HTTP 503", 4));
        assertThat(enriched()).last().satisfies(e -> assertThat(e.evidence[0])
                .contains("in its last known snapshot (Sela lead 1 modified").contains("the newest lookup failed"));
    }

    @Test
    void anEventMatchedByPhoneIsJudgedWithTheKnownLeadsStateAndChangesNothingOfIt() throws Exception {
        answer(1, found(dnc(sela(1, "a"))));
        clearOutputs();
        LeadEvent stranger = event("a");
        stranger.externalId = null;
        stranger.matchedBy = "phone_number";
        stranger.seq = 2;
        stranger.lookupSeq = 2;
        stranger.lookup = SelaLookup.notFound("phone_number=+18042221111", 1);
        harness.processElement(stranger, T0);
        assertThat(enriched()).singleElement().satisfies(e -> {
            assertThat(e.externalId).isEqualTo("a");
            assertThat(e.lookup).isEqualTo(LookupOutcome.FOUND);
            assertThat(e.flags).containsExactly("CALL_DNC");
        });
        assertThat(alerts()).isEmpty();

        clearOutputs();
        LeadEvent cached = event("a");
        cached.seq = 3;
        cached.lookupSeq = 1;
        harness.processElement(cached, T0);
        assertThat(enriched()).singleElement().satisfies(e -> assertThat(e.lookup).isEqualTo(LookupOutcome.FOUND));
    }

    @Test
    void aPushedSnapshotActsLikeALookupWithoutAnEnrichedRecordAndCountsEachCallOnce() throws Exception {
        answer(1, found(sela(1, "a")));
        clearOutputs();
        SelaLead marked = dnc(sela(1, "a"));
        marked.modifiedMicros += MINUTE_MICROS;
        harness.processElement(pushed(2, marked, "1#4"), T0);
        harness.processElement(pushed(3, marked, "1#4"), T0); // the same call's CALL_ENDED, or a redelivery
        assertThat(enriched()).as("a push is no input event").isEmpty();
        assertThat(alerts()).extracting(a -> a.flag + ":" + a.state).containsExactly("CALL_DNC:RAISED");
        assertThat(changes()).extracting(c -> c.field + ":" + c.to).containsExactly("call_dnc:true");
        LeadState state = harness.getOperator().getKeyedStateBackend().getPartitionedState(
                org.apache.flink.runtime.state.VoidNamespace.INSTANCE,
                org.apache.flink.runtime.state.VoidNamespaceSerializer.INSTANCE, leadDescriptor()).value();
        assertThat(state.callIds).containsExactly("1#4");
    }

    @Test
    void aLeadHeardFromWithinTheRefreshIntervalIsNotRefreshed() throws Exception {
        answer(1, found(sela(1, "a"))); // arms the refresh, due within 0.9-1.1 intervals
        long later = T0 + JoinHarnesses.REFRESH.toMillis() / 2;
        harness.setProcessingTime(later);
        harness.processElement(pushed(2, sela(1, "a"), null), later);
        harness.setProcessingTime(T0 + JoinHarnesses.REFRESH.toMillis() * 11 / 10);
        assertThat(sideOutput(harness, LeadStateJoin.REFRESH_REQUESTS)).as("pushed half an interval ago").isEmpty();
        harness.setProcessingTime(later + JoinHarnesses.REFRESH.toMillis());
        assertThat(sideOutput(harness, LeadStateJoin.REFRESH_REQUESTS)).hasSize(1);
    }

    private LeadEvent pushed(long seq, SelaLead lead, String callId) {
        LeadEvent push = new LeadEvent();
        push.pushed = true;
        push.externalId = lead.externalId;
        push.key = lead.externalId;
        push.selaId = lead.id;
        push.topic = "sela.webhooks";
        push.offset = offset++;
        push.seq = seq;
        push.lookupSeq = seq;
        push.lookup = SelaLookup.found("webhook CALL_COMPLETE", lead, 1, 0);
        push.callId = callId;
        push.callAt = T0;
        return push;
    }

    private static org.apache.flink.api.common.state.ValueStateDescriptor<LeadState> leadDescriptor() {
        return new org.apache.flink.api.common.state.ValueStateDescriptor<>("lead", LeadState.class);
    }

    private static SelaLead dnc(SelaLead lead) {
        lead.callDnc = true;
        return lead;
    }

    /** An input event of lead "a" whose lookup was stamped {@code seq}, with its answer. */
    private void answer(long seq, SelaLookup lookup) throws Exception {
        LeadEvent event = event("a");
        event.offset = offset++;
        event.seq = seq;
        event.lookupSeq = seq;
        event.lookup = lookup;
        harness.processElement(event, T0);
    }

    private static LeadEvent refreshOf(String key) {
        LeadEvent refresh = new LeadEvent();
        refresh.refresh = true;
        refresh.externalId = key;
        refresh.key = key;
        refresh.selaId = 1L;
        refresh.topic = "leads.refresh-requests";
        return refresh;
    }

    private List<EnrichedLead> enriched() {
        return harness.extractOutputValues();
    }

    private List<ComplianceAlert> alerts() {
        return sideOutput(harness, LeadStateJoin.ALERTS);
    }

    private List<StatusChange> changes() {
        return sideOutput(harness, LeadStateJoin.STATUS_CHANGES);
    }

    private void clearOutputs() {
        JoinHarnesses.clearOutputs(harness);
    }
}
