package io.leadquality.join;

import io.leadquality.compliance.CallingRules;
import io.leadquality.compliance.CallingRulesFile;
import io.leadquality.compliance.CallingWindows;
import io.leadquality.compliance.ComplianceRules;
import io.leadquality.compliance.TerritoryPolicy;
import io.leadquality.model.ComplianceAlert;
import io.leadquality.model.ContactVerdict;
import io.leadquality.model.EnrichedLead;
import io.leadquality.model.Flag;
import io.leadquality.model.LeadEvent;
import io.leadquality.model.SelaLead;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.leadquality.join.JoinHarnesses.contactUpdate;
import static io.leadquality.join.JoinHarnesses.newHarness;
import static io.leadquality.join.JoinHarnesses.sideOutput;
import static io.leadquality.join.JoinHarnesses.verdict;
import static io.leadquality.testkit.LeadEvents.event;
import static io.leadquality.testkit.LeadEvents.found;
import static io.leadquality.testkit.LeadEvents.sela;
import static org.assertj.core.api.Assertions.assertThat;

/** The join under the calling rules (SPEC section 10): caps cleared by the clock, leads judged again under new rules. */
class CallingRulesJoinTest {
    /** A Tuesday, 10:00 in Miami. */
    private static final long NOW = Instant.parse("2026-12-08T15:00:00Z").toEpochMilli();
    private static final String MIAMI = "+13055550100";
    private static final long HOUR = Duration.ofHours(1).toMillis();

    @Test
    void aFilledCapIsRaisedWithTheNextAllowedCallAndClearedByTheClockAlone() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, LeadEvent, EnrichedLead> harness = opened(shipped())) {
            LeadEvent event = lookedUp("crm-fl", "FL", MIAMI, NOW + HOUR / 2);
            event.phoneVerdict = calls(MIAMI, 1, NOW - 5 * HOUR, NOW - 3 * HOUR, NOW - HOUR);
            harness.processElement(new StreamRecord<>(event, NOW));

            long opens = NOW + 19 * HOUR; // the oldest of the three leaves the 24 hours
            long eightInMiami = Instant.parse("2026-12-09T13:00:00Z").toEpochMilli();
            assertThat(harness.extractOutputValues()).singleElement().satisfies(enriched -> {
                assertThat(enriched.flags).containsExactly("CALL_FREQUENCY_CAP");
                assertThat(enriched.nextAllowedCallAt).isEqualTo(eightInMiami);
            });
            assertThat(alerts(harness)).singleElement().satisfies(alert -> {
                assertThat(alert.flag).isEqualTo(Flag.CALL_FREQUENCY_CAP);
                assertThat(alert.nextAllowedCallAt).isEqualTo(eightInMiami);
                assertThat(alert.rulesVersion).isEqualTo("2026-12-03.1");
            });

            harness.getOutput().clear();
            harness.setProcessingTime(opens - 1);
            assertThat(alerts(harness)).hasSize(1);
            harness.setProcessingTime(opens);
            assertThat(alerts(harness)).extracting(a -> a.flag + ":" + a.state)
                    .containsExactly("CALL_FREQUENCY_CAP:RAISED", "CALL_FREQUENCY_CAP:CLEARED");
            assertThat(alerts(harness).get(1).rulesVersion).isEqualTo("2026-12-03.1");
            assertThat(harness.extractOutputValues()).as("no event, no enriched record").isEmpty();
        }
    }

    @Test
    void aCallToThePhoneForAnotherLeadFillsTheCapWithoutAnEvent() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, LeadEvent, EnrichedLead> harness = opened(shipped())) {
            LeadEvent event = lookedUp("crm-fl", "FL", MIAMI, NOW + HOUR / 2);
            event.phoneVerdict = calls(MIAMI, 1, NOW - 5 * HOUR, NOW - 3 * HOUR);
            harness.processElement(new StreamRecord<>(event, NOW));
            assertThat(alerts(harness)).isEmpty();

            harness.processElement(new StreamRecord<>(contactUpdate("crm-fl",
                    calls(MIAMI, 2, NOW - 5 * HOUR, NOW - 3 * HOUR, NOW - HOUR / 4)), NOW));
            assertThat(alerts(harness)).extracting(a -> a.flag + ":" + a.state).containsExactly("CALL_FREQUENCY_CAP:RAISED");
        }
    }

    @Test
    void leadsInStateAreJudgedAgainWhenTheRulesVersionChanges() throws Exception {
        // Sunday 10:00 in Austin: legal under a file without Texas's Sunday rule, not under one with it.
        long sundayTen = Instant.parse("2026-12-06T16:00:00Z").toEpochMilli();
        OperatorSubtaskState underV1;
        try (KeyedOneInputStreamOperatorTestHarness<String, LeadEvent, EnrichedLead> harness = opened(texas("v1", null))) {
            harness.processElement(new StreamRecord<>(lookedUp("crm-tx", "TX", "+15125550100", sundayTen), NOW));
            harness.processElement(new StreamRecord<>(lookedUp("crm-tx2", "TX", "+15125550101", sundayTen), NOW));
            assertThat(alerts(harness)).isEmpty();
            underV1 = harness.snapshot(1, NOW);
        }

        OperatorSubtaskState underV2;
        try (KeyedOneInputStreamOperatorTestHarness<String, LeadEvent, EnrichedLead> harness = restored(
                texas("v2", "12:00-21:00"), underV1)) {
            harness.setProcessingTime(NOW + 1); // the batch gives each lead its timer
            harness.setProcessingTime(NOW + 2); // the timers fire
            assertThat(alerts(harness)).extracting(a -> a.externalId + ":" + a.flag + ":" + a.rulesVersion)
                    .containsExactlyInAnyOrder("crm-tx:OUTSIDE_CALLING_WINDOW:v2", "crm-tx2:OUTSIDE_CALLING_WINDOW:v2");
            assertThat(alerts(harness).get(0).reason).contains("12:00-21:00");
            assertThat(alerts(harness).get(0).nextAllowedCallAt).isEqualTo(Instant.parse("2026-12-06T18:00:00Z").toEpochMilli());
            assertThat(harness.extractOutputValues()).isEmpty();
            underV2 = harness.snapshot(2, NOW + 2);
        }

        try (KeyedOneInputStreamOperatorTestHarness<String, LeadEvent, EnrichedLead> harness = restored(
                texas("v2", "12:00-21:00"), underV2)) {
            harness.setProcessingTime(NOW + 3);
            harness.setProcessingTime(NOW + 4);
            assertThat(alerts(harness)).as("the same version again: nothing to judge again").isEmpty();
        }
        try (KeyedOneInputStreamOperatorTestHarness<String, LeadEvent, EnrichedLead> harness = restored(
                texas("v1", null), underV1)) {
            harness.setProcessingTime(NOW + 3);
            harness.setProcessingTime(NOW + 4);
            assertThat(alerts(harness)).as("restored under the version it was judged by").isEmpty();
        }
    }

    @Test
    void aRestoreBeforeEveryLeadHasItsTimerLooksForThemAgain() throws Exception {
        long sundayTen = Instant.parse("2026-12-06T16:00:00Z").toEpochMilli();
        OperatorSubtaskState underV1;
        try (KeyedOneInputStreamOperatorTestHarness<String, LeadEvent, EnrichedLead> harness = opened(texas("v1", null))) {
            harness.processElement(new StreamRecord<>(lookedUp("crm-tx", "TX", "+15125550100", sundayTen), NOW));
            underV1 = harness.snapshot(1, NOW);
        }
        OperatorSubtaskState beforeTheBatch;
        try (KeyedOneInputStreamOperatorTestHarness<String, LeadEvent, EnrichedLead> harness = restored(
                texas("v2", "12:00-21:00"), underV1)) {
            beforeTheBatch = harness.snapshot(2, NOW); // the clock has not moved: no lead has its timer yet
        }
        try (KeyedOneInputStreamOperatorTestHarness<String, LeadEvent, EnrichedLead> harness = restored(
                texas("v2", "12:00-21:00"), beforeTheBatch)) {
            harness.setProcessingTime(NOW + 1);
            harness.setProcessingTime(NOW + 2);
            assertThat(alerts(harness)).extracting(a -> a.flag).containsExactly(Flag.OUTSIDE_CALLING_WINDOW);
        }
    }

    private static ComplianceRules shipped() {
        return rules(CallingRulesFile.load(CallingRulesFile.DEFAULT_PATH, CallingWindows.parse(Map.of())));
    }

    /** A file with Texas's weekday hours, and its Sunday ones when given. */
    private static ComplianceRules texas(String version, String sunday) {
        String file = "version: " + version + "\n"
                + "federal: {hours: {source: federal, days: {mon-sun: \"08:00-21:00\"}}}\n"
                + "states:\n  TX:\n    hours:\n      source: Tex. Bus. & Com. Code 301.051\n      days:\n"
                + "        mon-sat: \"09:00-21:00\"\n" + (sunday == null ? "" : "        sun: \"" + sunday + "\"\n");
        return rules(CallingRulesFile.parse(file, "a test", CallingWindows.parse(Map.of())));
    }

    private static ComplianceRules rules(CallingRules calling) {
        return new ComplianceRules(TerritoryPolicy.parse(Map.of()), calling);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, LeadEvent, EnrichedLead> opened(ComplianceRules rules)
            throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, LeadEvent, EnrichedLead> harness = newHarness(rules);
        harness.setProcessingTime(NOW);
        harness.setStateTtlProcessingTime(NOW);
        harness.open();
        return harness;
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, LeadEvent, EnrichedLead> restored(
            ComplianceRules rules, OperatorSubtaskState state) throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, LeadEvent, EnrichedLead> harness = newHarness(rules);
        harness.setProcessingTime(NOW);
        harness.setStateTtlProcessingTime(NOW);
        harness.initializeState(state);
        harness.open();
        return harness;
    }

    private static LeadEvent lookedUp(String key, String state, String phone, long nextCallMillis) {
        LeadEvent event = event(key);
        event.phoneNumber = phone;
        event.seq = 1;
        event.lookupSeq = 1;
        SelaLead lead = sela(700, key);
        lead.usState = state;
        lead.phoneNumber = phone;
        lead.nextCallMicros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.ofEpochMilli(nextCallMillis));
        event.lookup = found(lead);
        return event;
    }

    private static ContactVerdict calls(String phone, long version, long... times) {
        ContactVerdict verdict = verdict("phone_number:" + phone, version, null);
        verdict.callTimes = times;
        return verdict;
    }

    private static List<ComplianceAlert> alerts(KeyedOneInputStreamOperatorTestHarness<?, ?, ?> harness) {
        return sideOutput(harness, LeadStateJoin.ALERTS);
    }
}
