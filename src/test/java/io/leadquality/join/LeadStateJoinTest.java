package io.leadquality.join;

import io.leadquality.model.AlertState;
import io.leadquality.model.ComplianceAlert;
import io.leadquality.model.EnrichedLead;
import io.leadquality.model.Flag;
import io.leadquality.model.LeadEvent;
import io.leadquality.model.LookupOutcome;
import io.leadquality.model.RefreshRequest;
import io.leadquality.model.SelaLead;
import io.leadquality.model.SelaLookup;
import io.leadquality.model.StatusChange;
import io.leadquality.model.SuppressionUpdate;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.leadquality.join.JoinHarnesses.MAX_WAIT;
import static io.leadquality.join.JoinHarnesses.REFRESH;
import static io.leadquality.join.JoinHarnesses.STATE_TTL;
import static io.leadquality.join.JoinHarnesses.T0;
import static io.leadquality.join.JoinHarnesses.newHarness;
import static io.leadquality.join.JoinHarnesses.sideOutput;
import static io.leadquality.testkit.LeadEvents.event;
import static io.leadquality.testkit.LeadEvents.found;
import static io.leadquality.testkit.LeadEvents.sela;
import static org.assertj.core.api.Assertions.assertThat;

class LeadStateJoinTest {
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
    void firstSnapshotReportsEveryNonNullFieldOnceFalseIncluded() throws Exception {
        lookedUp("a", sela(1, "a"), 1);
        assertThat(changes()).extracting(c -> c.field + ":" + c.from + "->" + c.to)
                .containsExactlyInAnyOrder("status:null->OPEN", "call_dnc:null->false", "sms_dnc:null->false");
        assertThat(changes()).allSatisfy(c -> assertThat(c.secondsInPrevious).isNull());
        assertThat(alerts()).isEmpty();
        assertThat(harness.extractOutputValues()).singleElement()
                .satisfies(e -> assertThat(e.lookup).isEqualTo(LookupOutcome.FOUND));
    }

    @Test
    void aChangeIsReportedWithTimeInThePreviousValueAndRaisesItsAlertOnce() throws Exception {
        SelaLead before = sela(1, "a");
        lookedUp("a", before, 1);
        clearOutputs();

        SelaLead dnc = sela(1, "a");
        dnc.callDnc = true;
        dnc.modifiedMicros = before.modifiedMicros + 5 * MINUTE_MICROS;
        lookedUp("a", dnc, 2);
        assertThat(changes()).singleElement().satisfies(c -> {
            assertThat(c.field).isEqualTo("call_dnc");
            assertThat(c.from).isEqualTo("false");
            assertThat(c.to).isEqualTo("true");
            assertThat(c.secondsInPrevious).isEqualTo(300L);
            assertThat(c.changedAtMicros).isEqualTo(dnc.modifiedMicros);
        });
        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.flag).isEqualTo(Flag.CALL_DNC);
            assertThat(a.state).isEqualTo(AlertState.RAISED);
            assertThat(a.selaId).isEqualTo(1L);
        });
        clearOutputs();

        lookedUp("a", dnc, 3); // the same state again: no change, no new alert
        assertThat(changes()).isEmpty();
        assertThat(alerts()).isEmpty();
        assertThat(harness.extractOutputValues()).singleElement()
                .satisfies(e -> assertThat(e.flags).containsExactly("CALL_DNC"));

        SelaLead cleared = sela(1, "a");
        cleared.modifiedMicros = dnc.modifiedMicros + MINUTE_MICROS;
        clearOutputs();
        lookedUp("a", cleared, 4);
        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.flag).isEqualTo(Flag.CALL_DNC);
            assertThat(a.state).isEqualTo(AlertState.CLEARED);
        });
    }

    @Test
    void aStaleResponseNeverRollsTheStateBack() throws Exception {
        SelaLead newer = sela(1, "a");
        newer.callDnc = true;
        newer.modifiedMicros = 2_000_000_000_000_000L;
        lookedUp("a", newer, 2);
        clearOutputs();

        SelaLead older = sela(1, "a");
        older.modifiedMicros = 1_000_000_000_000_000L;
        lookedUp("a", older, 3);
        assertThat(changes()).isEmpty();
        assertThat(alerts()).isEmpty();
        assertThat(harness.extractOutputValues()).singleElement().satisfies(e -> {
            assertThat(e.sela.callDnc).isTrue();
            assertThat(e.flags).containsExactly("CALL_DNC");
        });
    }

    @Test
    void cachedEventsWaitForTheLookupTheyRideOn() throws Exception {
        LeadEvent rider = event("a");
        rider.offset = 99;
        rider.lookupSeq = 7;
        harness.processElement(rider, T0);
        assertThat(harness.extractOutputValues()).isEmpty();

        SelaLead dnc = sela(1, "a");
        dnc.callDnc = true;
        lookedUp("a", dnc, 7);
        List<EnrichedLead> out = harness.extractOutputValues();
        assertThat(out).hasSize(2);
        assertThat(out).allSatisfy(e -> assertThat(e.flags).containsExactly("CALL_DNC"));
        assertThat(out).extracting(e -> e.event.offset).contains(99L);
        assertThat(alerts()).hasSize(1);
        assertThat(harness.numProcessingTimeTimers()).as("the release timer is gone, the refresh timer stays").isEqualTo(1);

        clearOutputs();
        LeadEvent later = event("a");
        later.lookupSeq = 7; // answered at once from the snapshot
        harness.processElement(later, T0);
        assertThat(harness.extractOutputValues()).singleElement().satisfies(e -> {
            assertThat(e.lookup).isEqualTo(LookupOutcome.FOUND);
            assertThat(e.sela.id).isEqualTo(1L);
        });
    }

    @Test
    void aLeadSelaStillWorksOnIsRefreshedAndTheAnswerRaisesItsAlertWithoutAnInputEvent() throws Exception {
        lookedUp("a", sela(1, "a"), 1);
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);
        clearOutputs();

        long due = T0 + REFRESH.toMillis() + REFRESH.toMillis() / 10;
        harness.setProcessingTime(due); // the timer lies within +-10% of the interval
        assertThat(refreshRequests()).singleElement().satisfies(r -> {
            assertThat(r.externalId).isEqualTo("a");
            assertThat(r.selaId).isEqualTo(1L);
        });
        assertThat(harness.numProcessingTimeTimers()).isZero(); // the answer arms the next

        SelaLead dnc = sela(1, "a");
        dnc.callDnc = true;
        dnc.modifiedMicros += MINUTE_MICROS;
        LeadEvent answer = new LeadEvent();
        answer.refresh = true;
        answer.externalId = "a";
        answer.key = "a";
        answer.selaId = 1L;
        answer.topic = "leads.refresh-requests";
        answer.lookupSeq = due;
        answer.lookup = found(dnc);
        harness.processElement(answer, due);
        assertThat(harness.extractOutputValues()).as("a refresh is no input event").isEmpty();
        assertThat(changes()).extracting(c -> c.field + ":" + c.to).containsExactly("call_dnc:true");
        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.flag).isEqualTo(Flag.CALL_DNC);
            assertThat(a.phoneNumber).isEqualTo("+18042221111"); // remembered from the input event
            assertThat(a.usState).isEqualTo("VA");
        });
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);
    }

    @Test
    void refreshesDueWhileTheJobWasDownAreSpreadNotFiredAtOnce() throws Exception {
        for (String key : List.of("a", "b", "c", "d")) {
            LeadEvent event = event(key);
            event.seq = 1;
            event.lookupSeq = 1;
            event.lookup = found(sela(key.charAt(0), key));
            harness.processElement(new StreamRecord<>(event, T0));
        }
        OperatorSubtaskState savepoint = harness.snapshot(1, T0);
        harness.close();
        long back = T0 + 3 * REFRESH.toMillis(); // the job was down for two intervals
        harness = newHarness();
        harness.setProcessingTime(back);
        harness.initializeState(savepoint);
        harness.open();
        harness.setProcessingTime(back + 1); // the restored timers fire
        assertThat(refreshRequests()).as("respread, not fired at once").isEmpty();
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(4);
        harness.setProcessingTime(back + 1 + REFRESH.toMillis() / 5);
        assertThat(refreshRequests()).hasSize(4);
    }

    @Test
    void aRefreshOnlyLateBecauseTheInstanceIsBusyAsksAtOnce() throws Exception {
        lookedUp("a", sela(1, "a"), 1);
        // Due within the interval's last fifth; the timer fires a whole interval late, without a restore.
        harness.setProcessingTime(T0 + 3 * REFRESH.toMillis());
        assertThat(refreshRequests()).as("not re-spread: that would feed the lag").hasSize(1);
    }

    @Test
    void moreRefreshesDueThanTheLimitAllowsAreKeptBackNotSentRound() throws Exception {
        for (int i = 0; i < 80; i++) { // the harness's instance may send 50 refreshes a second
            lookedUp("k" + i, sela(100 + i, "k" + i), 1);
        }
        long due = T0 + 2 * REFRESH.toMillis(); // all due in one instant
        harness.setProcessingTime(due);
        assertThat(refreshRequests()).as("a second's worth of the limit").hasSize(50);
        assertThat(harness.numProcessingTimeTimers()).as("the other 30 wait here").isEqualTo(30);
        clearOutputs();
        harness.setProcessingTime(due + 3 * RefreshPacer.MIN_PAUSE_MS / 2);
        assertThat(refreshRequests()).as("asked again once the limit has room").hasSize(30);
    }

    @Test
    void aRefreshTheRateLimitHadNoRoomForAsksAgainWithinSeconds() throws Exception {
        lookedUp("a", sela(1, "a"), 1);
        long due = T0 + REFRESH.toMillis() + REFRESH.toMillis() / 10;
        harness.setProcessingTime(due);
        assertThat(refreshRequests()).hasSize(1);
        clearOutputs();
        LeadEvent deferred = event("a");
        deferred.refresh = true;
        deferred.refreshDeferred = true;
        harness.processElement(deferred, due);
        assertThat(changes()).isEmpty();
        assertThat(alerts()).isEmpty();
        harness.setProcessingTime(due + RefreshPacer.MIN_PAUSE_MS + 1); // within one pause
        assertThat(refreshRequests()).as("asked again").hasSize(1);
    }

    @Test
    void finalLeadsAreNotRefreshed() throws Exception {
        SelaLead closed = sela(1, "a");
        closed.status = "CLOSED";
        lookedUp("a", closed, 1);
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void refreshStopsWhenNoInputCameForTheStateTtl() throws Exception {
        lookedUp("a", sela(1, "a"), 1);
        long late = T0 + STATE_TTL.toMillis() + 1;
        harness.setProcessingTime(late);
        harness.setStateTtlProcessingTime(T0); // keep the state readable: the rule under test is the refresh's own
        assertThat(refreshRequests()).as("no input for state.ttl: the overdue refresh is dropped").isEmpty();
        LeadEvent answer = event("a");
        answer.refresh = true;
        answer.lookupSeq = late;
        answer.lookup = found(sela(1, "a"));
        harness.processElement(answer, late);
        assertThat(harness.numProcessingTimeTimers()).as("no input for state.ttl: no next refresh").isZero();
    }

    @Test
    void aWaitingEventIsAnsweredWhenItsLookupNeverArrives() throws Exception {
        LeadEvent rider = event("a");
        rider.lookupSeq = 7;
        harness.processElement(rider, T0);
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);
        harness.setProcessingTime(T0 + MAX_WAIT.toMillis());
        assertThat(harness.extractOutputValues()).singleElement().satisfies(e -> {
            assertThat(e.lookup).isEqualTo(LookupOutcome.FAILED);
            assertThat(e.flags).contains("SELA_STATE_UNKNOWN");
        });
    }

    @Test
    void aFailedLookupKeepsTheLastKnownSnapshotAndFlagsIt() throws Exception {
        SelaLead dnc = sela(1, "a");
        dnc.callDnc = true;
        lookedUp("a", dnc, 1);
        clearOutputs();
        LeadEvent failed = event("a");
        failed.lookupSeq = 2;
        failed.lookup = SelaLookup.failed("external_id=a", "HTTP 503", 4);
        harness.processElement(failed, T0);
        assertThat(harness.extractOutputValues()).singleElement().satisfies(e -> {
            assertThat(e.sela.id).isEqualTo(1L);
            assertThat(e.flags).containsExactly("CALL_DNC", "SELA_STATE_UNKNOWN");
        });
        assertThat(alerts()).extracting(a -> a.flag + ":" + a.state).containsExactly("SELA_STATE_UNKNOWN:RAISED");
    }

    @Test
    void alertIdsAreTheSameWhenTheSameInputIsReplayed() {
        LeadEvent event = event("a");
        assertThat(LeadStateJoin.alertId(event, Flag.CALL_DNC, AlertState.RAISED))
                .isEqualTo(LeadStateJoin.alertId(event("a"), Flag.CALL_DNC, AlertState.RAISED))
                .isNotEqualTo(LeadStateJoin.alertId(event, Flag.CALL_DNC, AlertState.CLEARED));
    }

    @Test
    void stateIsClearedByTtl() throws Exception {
        lookedUp("a", sela(1, "a"), 1);
        assertThat(((HeapKeyedStateBackend<?>) harness.getOperator().getKeyedStateBackend()).numKeyValueStateEntries())
                .isPositive();
        harness.setStateTtlProcessingTime(T0 + STATE_TTL.toMillis() + 1);
        clearOutputs();
        // Expired state reads as empty: the lead is new again, so its first snapshot is reported again.
        lookedUp("a", sela(1, "a"), 2);
        assertThat(changes()).hasSize(3);
    }

    private void lookedUp(String key, SelaLead lead, long seq) throws Exception {
        LeadEvent event = event(key);
        event.offset = offset++;
        event.seq = seq;
        event.lookupSeq = seq;
        event.lookup = found(lead);
        harness.processElement(new StreamRecord<>(event, T0));
    }

    private List<StatusChange> changes() {
        return sideOutput(harness, LeadStateJoin.STATUS_CHANGES);
    }

    private List<ComplianceAlert> alerts() {
        return sideOutput(harness, LeadStateJoin.ALERTS);
    }

    private List<RefreshRequest> refreshRequests() {
        return sideOutput(harness, LeadStateJoin.REFRESH_REQUESTS);
    }

    private void clearOutputs() {
        JoinHarnesses.clearOutputs(harness);
    }
}
