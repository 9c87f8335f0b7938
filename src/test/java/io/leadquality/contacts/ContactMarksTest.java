package io.leadquality.contacts;

import io.leadquality.model.SelaLead;
import io.leadquality.model.SuppressionAction;
import io.leadquality.model.SuppressionUpdate;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ContactMarksTest {
    private static final long T0 = 1_800_000_000_000L;
    private static final long RETENTION = Duration.ofDays(1825).toMillis();
    private static final long CALL_RETENTION = Duration.ofDays(30).toMillis();

    @Test
    void aMarkOnOneLeadMarksThePhoneForEveryOtherLeadNotForItself() {
        ContactMarks phone = new ContactMarks();
        assertThat(phone.observe("crm-1", snapshot(1, "crm-1", true, null), T0, true)).isTrue();
        assertThat(phone.doNotCallFor("crm-2")).satisfies(m -> {
            assertThat(m.externalId).isEqualTo("crm-1");
            assertThat(m.selaId).isEqualTo(1L);
            assertThat(m.doNotCall).isEqualTo("call_dnc=true");
        });
        assertThat(phone.doNotCallFor("crm-1")).as("its own mark it carries itself").isNull();
        assertThat(phone.litigatorFor("crm-2")).isNull();
    }

    @Test
    void onlyANewerSnapshotOfTheCarrierWithoutTheMarkClearsItAndOnlyWhenNoOtherLeadCarriesOne() {
        ContactMarks phone = new ContactMarks();
        phone.observe("crm-1", snapshot(1, "crm-1", true, null), T0, true);
        phone.observe("crm-2", snapshot(2, "crm-2", false, "has_call_dnc"), T0 + 1, true);
        assertThat(phone.observe("crm-3", snapshot(3, "crm-3", false, null), T0 + 2, true)).as("an unmarked lead changes nothing")
                .isFalse();
        assertThat(phone.observe("crm-1", snapshot(1, "crm-1", false, null), T0 + 3, true)).isTrue();
        assertThat(phone.doNotCallFor("crm-3")).as("crm-2 still carries one").satisfies(m -> {
            assertThat(m.externalId).isEqualTo("crm-2");
            assertThat(m.doNotCall).isEqualTo("status_detail=has_call_dnc");
        });
        assertThat(phone.observe("crm-2", snapshot(2, "crm-2", false, null), T0 + 4, true)).isTrue();
        assertThat(phone.doNotCallFor("crm-3")).isNull();
        assertThat(phone.isEmpty()).isTrue();
    }

    @Test
    void seeingAMarkAgainKeepsItLongerWithoutCountingAsAChange() {
        ContactMarks phone = new ContactMarks();
        phone.observe("crm-1", snapshot(1, "crm-1", true, null), T0, true);
        assertThat(phone.observe("crm-1", snapshot(1, "crm-1", true, null), T0 + 1_000, true)).isFalse();
        assertThat(phone.nextExpiry(RETENTION, CALL_RETENTION)).isEqualTo(T0 + 1_000 + RETENTION);
        assertThat(phone.expire(T0 + RETENTION, RETENTION, CALL_RETENTION)).as("counted from when it was last seen").isFalse();
        assertThat(phone.expire(T0 + 1_000 + RETENTION, RETENTION, CALL_RETENTION)).isTrue();
        assertThat(phone.doNotCallFor("crm-2")).isNull();
        assertThat(phone.nextExpiry(RETENTION, CALL_RETENTION)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void litigatorMarksAreHeldApartAndTheMostRecentlySeenCarrierIsNamed() {
        ContactMarks phone = new ContactMarks();
        phone.observe("crm-1", snapshot(1, "crm-1", false, "tcpa_litigator"), T0, true);
        phone.observe("crm-2", snapshot(2, "crm-2", true, null), T0 + 5, true);
        phone.observe("crm-3", snapshot(3, "crm-3", true, null), T0 + 9, true);
        assertThat(phone.litigatorFor("crm-9").externalId).isEqualTo("crm-1");
        assertThat(phone.doNotCallFor("crm-9").externalId).isEqualTo("crm-3");
        assertThat(phone.doNotCallFor("crm-3").externalId).as("not itself: the other carrier").isEqualTo("crm-2");
        assertThat(phone.observe("crm-1", snapshot(1, "crm-1", true, "tcpa_litigator"), T0 + 10, true))
                .as("the same lead's marks changed").isTrue();
    }

    @Test
    void anEmailCarriesDoNotCallMarksButNoLitigatorMark() {
        ContactMarks email = new ContactMarks();
        assertThat(email.observe("crm-1", snapshot(1, "crm-1", false, "tcpa_litigator"), T0, false)).isFalse();
        assertThat(email.isEmpty()).isTrue();
    }

    @Test
    void theListsNewestRecordHoldsAndAnOlderOneReplayedChangesNothing() {
        ContactMarks phone = new ContactMarks();
        SuppressionUpdate add = record(SuppressionAction.ADD, 5);
        assertThat(phone.takeListRecord(add)).as("on the list").isTrue();
        assertThat(phone.takeListRecord(record(SuppressionAction.ADD, 6))).as("still on it").isFalse();
        assertThat(phone.takeListRecord(record(SuppressionAction.REMOVE, 7))).as("off it").isTrue();
        assertThat(phone.takeListRecord(add)).isFalse();
        assertThat(phone.listed()).isNull();
        assertThat(phone.isEmpty()).as("the tombstone is kept").isFalse();
    }

    @Test
    void callsToThePhoneCountOnceWhicheverLeadTheyWereForAndAreForgottenAfterTheirRetention() {
        ContactMarks phone = new ContactMarks();
        assertThat(phone.recordCall("601#1", T0)).isTrue();
        assertThat(phone.recordCall("601#1", T0 + 5)).as("another trigger of the same call").isFalse();
        assertThat(phone.recordCall("702#4", T0 + 10)).as("another lead with the phone").isTrue();
        assertThat(phone.verdictFor("crm-1", "phone_number:+18042221111", 1).callTimes).containsExactly(T0, T0 + 10);
        assertThat(phone.nextExpiry(RETENTION, CALL_RETENTION)).isEqualTo(T0 + CALL_RETENTION);

        assertThat(phone.expire(T0 + CALL_RETENTION, RETENTION, CALL_RETENTION)).as("no mark forgotten").isFalse();
        assertThat(phone.callTimes).containsExactly(T0 + 10);
        phone.expire(T0 + 10 + CALL_RETENTION, RETENTION, CALL_RETENTION);
        assertThat(phone.isEmpty()).isTrue();
    }

    private static SuppressionUpdate record(SuppressionAction action, long offset) {
        SuppressionUpdate update = new SuppressionUpdate();
        update.action = action;
        update.identity = "phone_number:+18042221111";
        update.offset = offset;
        return update;
    }

    private static SelaLead snapshot(long id, String externalId, boolean callDnc, String statusDetail) {
        SelaLead lead = new SelaLead();
        lead.id = id;
        lead.externalId = externalId;
        lead.phoneNumber = "+18042221111";
        lead.callDnc = callDnc;
        lead.statusDetail = statusDetail;
        lead.modifiedMicros = 1_767_641_420_764_434L;
        return lead;
    }
}
