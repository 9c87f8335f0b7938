package io.leadquality.contacts;

import io.leadquality.model.CarriedMark;
import io.leadquality.model.LeadEvent;
import io.leadquality.model.SelaLead;
import io.leadquality.model.SelaLookup;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.leadquality.testkit.LeadEvents.event;
import static io.leadquality.testkit.LeadEvents.found;
import static io.leadquality.testkit.LeadEvents.sela;
import static org.assertj.core.api.Assertions.assertThat;

class PhoneStageTest {
    private static final long T0 = 1_000_000L;
    private static final Duration RETENTION = Duration.ofDays(1825);
    private static final String PHONE = "+18042221111";
    private static final String OTHER_PHONE = "+14155550102";

    private KeyedOneInputStreamOperatorTestHarness<String, LeadEvent, LeadEvent> harness;

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
        OperatorSubtaskState snapshot = harness.snapshot(1, T0);
        harness.close();
        harness = newHarness();
        harness.initializeState(snapshot);
        harness.open();

        process(lookedUp("crm-1", later(dnc(sela(1, "crm-1")))));
        assertThat(out()).filteredOn(e -> e.contactUpdate).extracting(e -> e.key).containsExactlyInAnyOrder("pb-7", "in-3");
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, LeadEvent, LeadEvent> newHarness() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, LeadEvent, LeadEvent> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new PhoneStage(RETENTION, Duration.ofDays(30))),
                        PhoneStage.KEY, Types.STRING);
        harness.setProcessingTime(T0);
        return harness;
    }

    private void process(LeadEvent event) throws Exception {
        harness.processElement(new StreamRecord<>(event, T0));
    }

    private List<LeadEvent> out() {
        return harness.extractOutputValues();
    }

    private static LeadEvent lookedUp(String key, SelaLead lead) {
        LeadEvent event = event(key);
        event.lookup = found(lead);
        return event;
    }

    private static SelaLead dnc(SelaLead lead) {
        lead.callDnc = true;
        return lead;
    }

    private static SelaLead later(SelaLead lead) {
        lead.modifiedMicros += 1_000_000;
        return lead;
    }

    private static SelaLead withPhone(SelaLead lead, String phone) {
        lead.phoneNumber = phone;
        return lead;
    }
}
