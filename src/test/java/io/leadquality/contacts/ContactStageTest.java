package io.leadquality.contacts;

import io.leadquality.model.CarriedMark;
import io.leadquality.model.LeadEvent;
import io.leadquality.model.SelaLead;
import io.leadquality.model.SelaLookup;
import io.leadquality.model.SuppressionAction;
import io.leadquality.model.SuppressionUpdate;
import io.leadquality.suppression.SuppressionList;
import io.leadquality.testkit.CapturedLogs;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.leadquality.testkit.LeadEvents.event;
import static io.leadquality.testkit.LeadEvents.found;
import static io.leadquality.testkit.LeadEvents.sela;
import static org.assertj.core.api.Assertions.assertThat;

/** The contact stages (SPEC section 9): marks and the suppression list per phone, and per e-mail. */
class ContactStageTest {
    private static final long T0 = 1_000_000L;
    private static final Duration RETENTION = Duration.ofDays(1825);
    private static final String PHONE = "+18042221111";
    private static final String OTHER_PHONE = "+14155550102";

    private KeyedTwoInputStreamOperatorTestHarness<String, LeadEvent, SuppressionUpdate, LeadEvent> harness;
    private long listOffset;

    @BeforeEach
    void open() throws Exception {
        harness = newHarness(ContactKind.PHONE);
        harness.open();
        loaded();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void aLaterLeadWithAMarkedPhoneLeavesWithTheMarkNamingTheLeadThatCarriesIt() throws Exception {
        process(lookedUp("crm-1", dnc(sela(1, "crm-1"))));
        assertThat(out()).singleElement().satisfies(e -> assertThat(e.phoneVerdict.isClear())
                .as("its own mark it carries itself").isTrue());
        harness.getOutput().clear();

        process(lookedUp("pb-7", sela(2, "pb-7")));
        assertThat(out()).singleElement().satisfies(e -> {
            assertThat(e.contactUpdate).isFalse();
            assertThat(e.phoneVerdict.identity).isEqualTo("phone_number:" + PHONE);
            CarriedMark by = e.phoneVerdict.doNotCallBy;
            assertThat(by.externalId).isEqualTo("crm-1");
            assertThat(by.selaId).isEqualTo(1L);
            assertThat(by.doNotCall).isEqualTo("call_dnc=true");
        });
    }

    @Test
    void aNewMarkReachesEveryLeadWithThePhoneAndNoOther() throws Exception {
        process(lookedUp("crm-1", sela(1, "crm-1")));
        process(lookedUp("pb-7", sela(2, "pb-7")));
        LeadEvent elsewhere = lookedUp("crm-9", withPhone(sela(9, "crm-9"), OTHER_PHONE));
        process(elsewhere);
        LeadEvent cached = event("in-3"); // no lookup of its own: keyed by its input phone
        process(cached);
        harness.getOutput().clear();

        process(lookedUp("crm-1", later(dnc(sela(1, "crm-1")))));
        List<LeadEvent> out = out();
        assertThat(out).filteredOn(e -> e.contactUpdate).extracting(e -> e.key).containsExactlyInAnyOrder("pb-7", "in-3");
        assertThat(out).filteredOn(e -> e.contactUpdate)
                .allSatisfy(e -> assertThat(e.phoneVerdict.doNotCallBy.externalId).isEqualTo("crm-1"));
        assertThat(out).filteredOn(e -> !e.contactUpdate).extracting(e -> e.key).containsExactly("crm-1");
    }

    @Test
    void onlyANewerSnapshotWithoutTheMarkClearsItAndFailedOrEmptyLookupsChangeNothing() throws Exception {
        process(lookedUp("crm-1", later(dnc(sela(1, "crm-1")))));
        process(lookedUp("pb-7", sela(2, "pb-7")));
        harness.getOutput().clear();

        process(lookedUp("crm-1", sela(1, "crm-1"))); // older than the marked one: a late answer
        LeadEvent notFound = event("crm-1");
        notFound.lookup = SelaLookup.notFound("external_id=crm-1", 1);
        process(notFound);
        LeadEvent failed = event("crm-1");
        failed.lookup = SelaLookup.failed("external_id=crm-1", "HTTP 503", 3);
        process(failed);
        assertThat(out()).noneMatch(e -> e.contactUpdate);
        harness.getOutput().clear();

        process(lookedUp("crm-1", later(later(sela(1, "crm-1")))));
        assertThat(out()).filteredOn(e -> e.contactUpdate).singleElement().satisfies(e -> {
            assertThat(e.key).isEqualTo("pb-7");
            assertThat(e.phoneVerdict.isClear()).isTrue();
        });
    }

    @Test
    void aMarkNotSeenForTheRetentionIsForgottenByATimer() throws Exception {
        process(lookedUp("crm-1", dnc(sela(1, "crm-1"))));
        process(lookedUp("pb-7", sela(2, "pb-7")));
        harness.setProcessingTime(T0 + Duration.ofDays(20).toMillis());
        process(lookedUp("pb-7", sela(2, "pb-7"))); // still an open lead of this phone
        process(lookedUp("crm-1", dnc(sela(1, "crm-1")))); // seen again: kept longer
        harness.getOutput().clear();

        harness.setProcessingTime(T0 + RETENTION.toMillis());
        assertThat(out()).as("retention counts from when it was last seen").isEmpty();
        harness.setProcessingTime(T0 + Duration.ofDays(20).toMillis() + RETENTION.toMillis());
        assertThat(out()).extracting(e -> e.key).containsExactlyInAnyOrder("crm-1", "pb-7");
        assertThat(out()).allSatisfy(e -> assertThat(e.phoneVerdict.isClear()).isTrue());
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void eventsWaitForTheListToLoadSoNoLeadIsPassedCleanAgainstHalfAList() throws Exception {
        harness.close();
        harness = newHarness(ContactKind.PHONE);
        harness.open();
        process(lookedUp("crm-1", sela(1, "crm-1")));
        process(lookedUp("crm-1", later(sela(1, "crm-1"))));
        process(lookedUp("crm-9", withPhone(sela(9, "crm-9"), OTHER_PHONE)));
        assertThat(out()).as("held while the list loads").isEmpty();
        assertThat(harness.numProcessingTimeTimers()).as("no timer per waiting key").isZero();

        list(SuppressionAction.ADD, "phone_number:" + PHONE);
        harness.setProcessingTime(T0 + Duration.ofMinutes(5).toMillis());
        assertThat(out()).as("not before the marker, however long it takes").isEmpty();
        loaded();
        process(lookedUp("crm-1", later(later(sela(1, "crm-1"))))); // before its key's turn: waits behind the others
        harness.setProcessingTime(T0 + Duration.ofMinutes(5).toMillis() + 1); // the release's turn of the mailbox
        assertThat(out()).as("released when it comes, each key's in their order").extracting(e -> e.key)
                .containsExactlyInAnyOrder("crm-1", "crm-1", "crm-1", "crm-9");
        assertThat(out()).filteredOn(e -> e.key.equals("crm-1")).extracting(e -> e.lookup.lead.modifiedMicros).isSorted();
        assertThat(out()).filteredOn(e -> e.key.equals("crm-1"))
                .allSatisfy(e -> assertThat(e.phoneVerdict.listed.reason).isEqualTo("DNC request"));
        harness.getOutput().clear();
        process(lookedUp("crm-9", withPhone(sela(9, "crm-9"), OTHER_PHONE)));
        assertThat(out()).as("nothing held any more").hasSize(1);
    }

    @Test
    void aListThatTakesOverAMinuteToLoadIsReportedOnceAMinuteWhileEventsWait() throws Exception {
        harness.close();
        try (CapturedLogs logs = new CapturedLogs()) {
            harness = newHarness(ContactKind.PHONE);
            harness.open();
            harness.setProcessingTime(T0 + ContactStage.LIST_SLOW_WARNING_MS);
            assertThat(logs.lines()).as("nothing waits: nothing to say").noneMatch(l -> l.contains("waited"));
            process(lookedUp("crm-1", sela(1, "crm-1")));
            harness.setProcessingTime(T0 + 2 * ContactStage.LIST_SLOW_WARNING_MS);
            harness.setProcessingTime(T0 + 3 * ContactStage.LIST_SLOW_WARNING_MS);
            assertThat(logs.lines()).filteredOn(l -> l.contains("waited")).satisfiesExactly(
                    l -> assertThat(l).contains("Lead events have waited 60 s for the suppression list to load"),
                    l -> assertThat(l).contains("Lead events have waited 120 s"));
            loaded();
            harness.setProcessingTime(T0 + 5 * ContactStage.LIST_SLOW_WARNING_MS);
            assertThat(logs.lines()).as("loaded: no more").filteredOn(l -> l.contains("waited")).hasSize(2);
        }
    }

    @Test
    void eventsStillHeldWhenACheckpointIsTakenAreReleasedAfterARestore() throws Exception {
        harness.close();
        harness = newHarness(ContactKind.PHONE);
        harness.open();
        process(lookedUp("crm-1", sela(1, "crm-1")));
        process(lookedUp("crm-9", withPhone(sela(9, "crm-9"), OTHER_PHONE)));
        loaded(); // the release waits for its turn of the mailbox: the snapshot comes first
        restart(ContactKind.PHONE);
        harness.setProcessingTime(T0 + 1);
        assertThat(out()).extracting(e -> e.key).containsExactlyInAnyOrder("crm-1", "crm-9");
    }

    @Test
    void anAddTellsEveryLeadWithThePhoneAndNoOtherAndARemoveTellsThemAgain() throws Exception {
        process(lookedUp("crm-1", sela(1, "crm-1")));
        process(lookedUp("pb-7", sela(2, "pb-7")));
        process(lookedUp("crm-9", withPhone(sela(9, "crm-9"), OTHER_PHONE)));
        harness.getOutput().clear();

        SuppressionUpdate add = list(SuppressionAction.ADD, "phone_number:" + PHONE);
        assertThat(out()).extracting(e -> e.key).containsExactlyInAnyOrder("crm-1", "pb-7");
        assertThat(out()).allSatisfy(e -> {
            assertThat(e.contactUpdate).isTrue();
            assertThat(e.phoneVerdict.listed.identity).isEqualTo("phone_number:" + PHONE);
            assertThat(e.offset).as("the record's position makes the alert ids").isEqualTo(add.offset);
        });
        harness.getOutput().clear();

        list(SuppressionAction.ADD, "phone_number:" + OTHER_PHONE);
        list(SuppressionAction.REMOVE, "phone_number:" + PHONE);
        assertThat(out()).extracting(e -> e.key + ":" + (e.phoneVerdict.listed != null))
                .containsExactlyInAnyOrder("crm-9:true", "crm-1:false", "pb-7:false");
    }

    @Test
    void aReplayedOlderRecordChangesNothingAlsoAfterARestore() throws Exception {
        process(lookedUp("crm-1", sela(1, "crm-1")));
        SuppressionUpdate add = list(SuppressionAction.ADD, "phone_number:" + PHONE);
        list(SuppressionAction.REMOVE, "phone_number:" + PHONE);
        restart(ContactKind.PHONE);
        harness.getOutput().clear();

        harness.processElement2(new StreamRecord<>(add, T0)); // the list read again: source and updates overlap
        assertThat(out()).isEmpty();
        process(lookedUp("crm-1", sela(1, "crm-1")));
        assertThat(out()).singleElement().satisfies(e -> assertThat(e.phoneVerdict.isClear()).isTrue());
    }

    @Test
    void theListAndItsLoadedMarkSurviveARestore() throws Exception {
        list(SuppressionAction.ADD, "phone_number:" + PHONE);
        restart(ContactKind.PHONE);
        process(lookedUp("crm-1", sela(1, "crm-1")));
        assertThat(out()).as("passed at once: the list is known to be complete").singleElement()
                .satisfies(e -> assertThat(e.phoneVerdict.listed.reason).isEqualTo("DNC request"));
    }

    @Test
    void doNotCallMarksAndTheListFollowTheEmailButLitigatorMarksOnlyThePhone() throws Exception {
        harness.close();
        harness = newHarness(ContactKind.EMAIL);
        harness.open();
        loaded();
        process(lookedUp("crm-1", withEmail(litigator(sela(1, "crm-1")), "jo@example.com")));
        process(lookedUp("pb-7", withEmail(sela(2, "pb-7"), "jo@example.com")));
        assertThat(out()).allSatisfy(e -> assertThat(e.emailVerdict.isClear()).isTrue());
        assertThat(out()).allSatisfy(e -> assertThat(e.phoneVerdict).isNull());
        harness.getOutput().clear();

        process(lookedUp("crm-1", later(dnc(withEmail(sela(1, "crm-1"), "jo@example.com")))));
        assertThat(out()).filteredOn(e -> e.contactUpdate).singleElement().satisfies(e -> {
            assertThat(e.key).isEqualTo("pb-7");
            assertThat(e.emailVerdict.identity).isEqualTo("email:jo@example.com");
            assertThat(e.emailVerdict.doNotCallBy.externalId).isEqualTo("crm-1");
        });
        harness.getOutput().clear();

        list(SuppressionAction.ADD, "email:jo@example.com");
        assertThat(out()).extracting(e -> e.key).containsExactlyInAnyOrder("crm-1", "pb-7");
    }

    @Test
    void aVerdictOnItsWayToTheJoinPassesTheNextStageUntouched() throws Exception {
        LeadEvent update = new LeadEvent();
        update.key = "pb-7";
        update.externalId = "pb-7";
        update.contactUpdate = true;
        update.phoneNumber = PHONE; // even with one: a verdict is for the join, not for this phone
        process(update);
        assertThat(out()).singleElement().satisfies(e -> {
            assertThat(e.key).isEqualTo("pb-7");
            assertThat(e.contactUpdate).isTrue();
            assertThat(e.phoneVerdict).isNull();
        });
    }

    @Test
    void callsToAPhoneCountTogetherAcrossItsLeadsAndEachLeadIsToldOnce() throws Exception {
        process(lookedUp("crm-1", sela(1, "crm-1")));
        process(lookedUp("pb-7", sela(2, "pb-7")));
        harness.getOutput().clear();

        LeadEvent completed = called(lookedUp("crm-1", later(sela(1, "crm-1"))), "1#1", T0 + 10);
        process(completed);
        assertThat(out()).extracting(e -> e.key + ":" + e.contactUpdate + ":" + e.phoneVerdict.callTimes.length)
                .containsExactlyInAnyOrder("crm-1:false:1", "pb-7:true:1");
        harness.getOutput().clear();

        process(called(lookedUp("crm-1", later(later(sela(1, "crm-1")))), "1#1", T0 + 12)); // CALL_ENDED of the same call
        assertThat(out()).as("the same call: nobody told again").noneMatch(e -> e.contactUpdate);
        process(called(lookedUp("pb-7", later(sela(2, "pb-7"))), "2#1", T0 + 20));
        assertThat(out()).filteredOn(e -> e.contactUpdate).singleElement().satisfies(e -> {
            assertThat(e.key).isEqualTo("crm-1");
            assertThat(e.phoneVerdict.callTimes).containsExactly(T0 + 10, T0 + 20);
        });
    }

    @Test
    void aLeadThatChangesItsPhoneLeavesTheMarkItCarriedWithTheOldPhoneAndJudgedByTheNewOne() throws Exception {
        process(lookedUp("crm-1", dnc(sela(1, "crm-1"))));
        process(lookedUp("pb-7", sela(2, "pb-7")));
        harness.getOutput().clear();

        // Sela now has another phone for crm-1, and no mark: that snapshot is the new phone's to judge.
        process(lookedUp("crm-1", later(withPhone(sela(1, "crm-1"), OTHER_PHONE))));
        assertThat(out()).singleElement().satisfies(e -> {
            assertThat(e.phoneVerdict.identity).isEqualTo("phone_number:" + OTHER_PHONE);
            assertThat(e.phoneVerdict.isClear()).isTrue();
        });
        harness.getOutput().clear();
        process(lookedUp("pb-7", sela(2, "pb-7")));
        assertThat(out()).singleElement().as("the request was made for the old number: it stays with it, no wrong CLEARED")
                .satisfies(e -> assertThat(e.phoneVerdict.doNotCallBy.externalId).isEqualTo("crm-1"));
    }

    @Test
    void anEventWithoutAPhonePassesThroughUntouched() throws Exception {
        LeadEvent noPhone = event("crm-5");
        noPhone.phoneNumber = null;
        noPhone.email = "a@example.com";
        process(noPhone);
        assertThat(out()).singleElement().satisfies(e -> {
            assertThat(e.key).isEqualTo("crm-5");
            assertThat(e.email).isEqualTo("a@example.com");
            assertThat(e.phoneVerdict).isNull();
            assertThat(e.contactUpdate).isFalse();
        });
    }

    @Test
    void theLeadsOfAPhoneAndItsMarksSurviveARestore() throws Exception {
        process(lookedUp("crm-1", sela(1, "crm-1")));
        process(lookedUp("pb-7", sela(2, "pb-7")));
        LeadEvent notInSela = event("in-3"); // known to the phone with no snapshot of its own
        notInSela.lookup = SelaLookup.notFound("external_id=in-3", 1);
        process(notInSela);
        restart(ContactKind.PHONE);

        process(lookedUp("crm-1", later(dnc(sela(1, "crm-1")))));
        assertThat(out()).filteredOn(e -> e.contactUpdate).extracting(e -> e.key).containsExactlyInAnyOrder("pb-7", "in-3");
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, LeadEvent, SuppressionUpdate, LeadEvent> newHarness(
            ContactKind kind) throws Exception {
        KeyedTwoInputStreamOperatorTestHarness<String, LeadEvent, SuppressionUpdate, LeadEvent> harness =
                new KeyedTwoInputStreamOperatorTestHarness<>(new ContactStageOperator(
                        new ContactStage(kind, RETENTION, Duration.ofDays(30))),
                        ContactStage.eventKey(kind), ContactStage.entryKey(), Types.STRING);
        harness.setProcessingTime(T0);
        return harness;
    }

    private void restart(ContactKind kind) throws Exception {
        OperatorSubtaskState snapshot = harness.snapshot(1, T0);
        harness.close();
        harness = newHarness(kind);
        harness.initializeState(snapshot);
        harness.open();
    }

    private void process(LeadEvent event) throws Exception {
        harness.processElement1(new StreamRecord<>(event, T0));
    }

    private void loaded() throws Exception {
        harness.processElement2(new StreamRecord<>(SuppressionList.loadedMarkers(1).get(0), T0));
    }

    private SuppressionUpdate list(SuppressionAction action, String identity) throws Exception {
        SuppressionUpdate update = new SuppressionUpdate();
        update.action = action;
        update.identity = identity;
        update.reason = action == SuppressionAction.ADD ? "DNC request" : null;
        update.topic = "leads.suppressions";
        update.offset = ++listOffset;
        harness.processElement2(new StreamRecord<>(update, T0));
        return update;
    }

    private List<LeadEvent> out() {
        return harness.extractOutputValues();
    }

    private static LeadEvent lookedUp(String key, SelaLead lead) {
        LeadEvent event = event(key);
        event.lookup = found(lead);
        return event;
    }

    private static LeadEvent called(LeadEvent push, String callId, long at) {
        push.pushed = true;
        push.callId = callId;
        push.callAt = at;
        return push;
    }

    private static SelaLead dnc(SelaLead lead) {
        lead.callDnc = true;
        return lead;
    }

    private static SelaLead later(SelaLead lead) {
        lead.modifiedMicros += 1_000_000;
        return lead;
    }

    private static SelaLead litigator(SelaLead lead) {
        lead.statusDetail = "tcpa_litigator";
        return lead;
    }

    private static SelaLead withEmail(SelaLead lead, String email) {
        lead.email = email;
        return lead;
    }

    private static SelaLead withPhone(SelaLead lead, String phone) {
        lead.phoneNumber = phone;
        return lead;
    }
}
