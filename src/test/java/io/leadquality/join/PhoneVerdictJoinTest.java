package io.leadquality.join;

import io.leadquality.model.AlertState;
import io.leadquality.model.CarriedMark;
import io.leadquality.model.ComplianceAlert;
import io.leadquality.model.ContactVerdict;
import io.leadquality.model.EnrichedLead;
import io.leadquality.model.Flag;
import io.leadquality.model.LeadEvent;
import io.leadquality.model.SuppressionUpdate;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.leadquality.join.JoinHarnesses.T0;
import static io.leadquality.join.JoinHarnesses.contactUpdate;
import static io.leadquality.join.JoinHarnesses.verdict;
import static io.leadquality.join.JoinHarnesses.newHarness;
import static io.leadquality.join.JoinHarnesses.sideOutput;
import static io.leadquality.testkit.LeadEvents.event;
import static io.leadquality.testkit.LeadEvents.found;
import static io.leadquality.testkit.LeadEvents.sela;
import static org.assertj.core.api.Assertions.assertThat;

/** The join judging with what the phone stage says of a lead's phone (SPEC section 9). */
class PhoneVerdictJoinTest {
    private static final String PHONE = "phone_number:+18042221111";
    private KeyedOneInputStreamOperatorTestHarness<String, LeadEvent, EnrichedLead> harness;

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
    void aNewLeadWhosePhoneAnotherLeadMarkedIsFlaggedOnItsFirstRecordNamingThatLead() throws Exception {
        LeadEvent event = lookedUp("pb-7", 1);
        event.phoneVerdict = verdict(PHONE, 10, mark("crm-1", 601L));
        harness.processElement(new StreamRecord<>(event, T0));
        assertThat(harness.extractOutputValues()).singleElement().satisfies(e -> assertThat(e.flags).contains("CALL_DNC"));
        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.flag).isEqualTo(Flag.CALL_DNC);
            assertThat(a.reason).isEqualTo("another lead with its phone (phone_number +18042221111) is marked do-not-call "
                    + "by Sela: external_id crm-1 (Sela lead 601), call_dnc=true");
        });
    }

    @Test
    void aVerdictSentWhenThePhonesMarksChangeReJudgesTheLeadWithoutAnEnrichedRecord() throws Exception {
        harness.processElement(new StreamRecord<>(lookedUp("pb-7", 1), T0));
        harness.getOutput().clear();

        harness.processElement(new StreamRecord<>(contactUpdate("pb-7", verdict(PHONE, 10, mark("crm-1", 601L))), T0));
        assertThat(harness.extractOutputValues()).as("no input event, no enriched record").isEmpty();
        assertThat(alerts()).extracting(a -> a.flag + ":" + a.state).containsExactly("CALL_DNC:RAISED");

        harness.processElement(new StreamRecord<>(contactUpdate("pb-7", verdict(PHONE, 9, null)), T0));
        assertThat(alerts()).as("an older verdict, arriving late, changes nothing").hasSize(1);

        harness.processElement(new StreamRecord<>(contactUpdate("pb-7", verdict(PHONE, 11, null)), T0));
        assertThat(alerts()).extracting(a -> a.flag + ":" + a.state).containsExactly("CALL_DNC:RAISED", "CALL_DNC:CLEARED");
        assertThat(alerts().get(1).reason).endsWith("and no other lead with its phone or e-mail carries one");
    }

    @Test
    void aVerdictForAPhoneTheLeadDoesNotHaveIsIgnored() throws Exception {
        harness.processElement(new StreamRecord<>(lookedUp("pb-7", 1), T0));
        harness.processElement(new StreamRecord<>(contactUpdate("pb-7", verdict("phone_number:+14155550102", 10,
                mark("crm-1", 601L))), T0));
        assertThat(alerts()).isEmpty();
    }

    @Test
    void aVerdictForALeadTheJobHasNotJudgedYetIsIgnored() throws Exception {
        harness.processElement(new StreamRecord<>(contactUpdate("never-seen", verdict(PHONE, 10, mark("crm-1", 601L))), T0));
        assertThat(alerts()).isEmpty();
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    private static LeadEvent lookedUp(String key, long seq) {
        LeadEvent event = event(key);
        event.seq = seq;
        event.lookupSeq = seq;
        event.lookup = found(sela(700, key));
        return event;
    }

    private static CarriedMark mark(String externalId, Long selaId) {
        CarriedMark mark = new CarriedMark();
        mark.externalId = externalId;
        mark.selaId = selaId;
        mark.doNotCall = "call_dnc=true";
        return mark;
    }

    private List<ComplianceAlert> alerts() {
        return sideOutput(harness, LeadStateJoin.ALERTS);
    }
}
