package io.leadquality.compliance;

import io.leadquality.model.Flag;
import io.leadquality.model.LeadEvent;
import io.leadquality.model.SelaLead;
import io.leadquality.model.CallLog;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static io.leadquality.testkit.LeadEvents.event;
import static io.leadquality.testkit.LeadEvents.found;
import static io.leadquality.testkit.LeadEvents.sela;
import static org.assertj.core.api.Assertions.assertThat;

/** The calling rules through {@link ComplianceRules#judge}: days, holidays, caps and the next allowed call. */
class CallingRulesJudgementTest {
    private static final ComplianceRules RULES = new ComplianceRules(TerritoryPolicy.parse(Map.of("default", "*")),
            ShippedRules.RULES);
    /** A Tuesday, 10:00 in Miami. */
    private static final Instant NOW = Instant.parse("2026-12-08T15:00:00Z");
    private static final String MIAMI = "+13055550100";

    @Test
    void aThirdCallInADayFillsFloridasCapUntilTheOldestLeavesTheWindow() {
        long[] calls = {hoursAgo(5), hoursAgo(3), hoursAgo(1)};
        ComplianceRules.Judgement judgement = judge("FL", MIAMI, NOW.plus(Duration.ofMinutes(30)), NOW, calls);
        assertThat(judgement.flags().get(Flag.CALL_FREQUENCY_CAP))
                .contains("The phone " + MIAMI + " has had 3 call(s) within 24h")
                .contains("as many as FL allows (3 calls per 24h: Fla. Stat. 501.616(6)(b)")
                .contains("allowed, at 2026-12-09T10:00:00.000Z");
        Instant opens = NOW.minus(Duration.ofHours(5)).plus(Duration.ofHours(24));
        assertThat(judgement.recheckAt()).as("the clock clears it then").isEqualTo(opens.toEpochMilli());
        // 05:00 in Miami when the cap opens: the first legal minute is 08:00.
        assertThat(Instant.ofEpochMilli(judgement.nextAllowedCallAt())).isEqualTo("2026-12-09T13:00:00Z");

        ComplianceRules.Judgement later = judge("FL", MIAMI, NOW.plus(Duration.ofMinutes(30)), opens, calls);
        assertThat(later.flags()).doesNotContainKey(Flag.CALL_FREQUENCY_CAP);
        assertThat(later.recheckAt()).isZero();
    }

    @Test
    void callsDeliveredOutOfOrderCountTheSame() {
        long[] inOrder = {hoursAgo(5), hoursAgo(3), hoursAgo(1)};
        long[] shuffled = {hoursAgo(1), hoursAgo(5), hoursAgo(3)};
        Instant next = NOW.plus(Duration.ofMinutes(30));
        assertThat(judge("FL", MIAMI, next, NOW, shuffled)).isEqualTo(judge("FL", MIAMI, next, NOW, inOrder));
    }

    @Test
    void aCallDeliveredTwiceCountsOnce() {
        CallLog log = new CallLog(null, null);
        assertThat(log.add("28101:1", hoursAgo(5))).isTrue();
        assertThat(log.add("28101:2", hoursAgo(3))).isTrue();
        assertThat(log.add("28101:2", hoursAgo(3))).as("the same webhook again").isFalse();
        ComplianceRules.Judgement judgement = judge("FL", MIAMI, NOW.plus(Duration.ofMinutes(30)), NOW, log.times());
        assertThat(judgement.flags()).doesNotContainKey(Flag.CALL_FREQUENCY_CAP);
        assertThat(judgement.nextAllowedCallAt()).isEqualTo(NOW.plus(Duration.ofMinutes(30)).toEpochMilli());
    }

    @Test
    void aCallOlderThanTheWindowDoesNotCount() {
        long[] calls = {hoursAgo(25), hoursAgo(3), hoursAgo(1)};
        assertThat(judge("FL", MIAMI, NOW.plus(Duration.ofMinutes(30)), NOW, calls).flags())
                .doesNotContainKey(Flag.CALL_FREQUENCY_CAP);
    }

    @Test
    void aNextCallAfterTheWindowOpensIsNotFlaggedButNoCallIsAllowedBeforeIt() {
        long[] calls = {hoursAgo(5), hoursAgo(3), hoursAgo(1)};
        Instant tomorrowNoon = Instant.parse("2026-12-09T17:00:00Z");
        ComplianceRules.Judgement judgement = judge("FL", MIAMI, tomorrowNoon, NOW, calls);
        assertThat(judgement.flags()).doesNotContainKey(Flag.CALL_FREQUENCY_CAP);
        assertThat(judgement.nextAllowedCallAt()).isEqualTo(tomorrowNoon.toEpochMilli());
        ComplianceRules.Judgement nothingScheduled = judge("FL", MIAMI, null, NOW, calls);
        assertThat(nothingScheduled.flags()).as("no call scheduled, none to flag").doesNotContainKey(Flag.CALL_FREQUENCY_CAP);
        assertThat(Instant.ofEpochMilli(nothingScheduled.nextAllowedCallAt())).isEqualTo("2026-12-09T13:00:00Z");
    }

    @Test
    void capsFollowEveryPlaceThePersonMayBe() {
        long[] calls = {hoursAgo(5), hoursAgo(3), hoursAgo(1)};
        Instant next = NOW.plus(Duration.ofMinutes(30));
        assertThat(judge("VA", "+18042221111", next, NOW, calls).flags()).as("Virginia has no cap")
                .doesNotContainKey(Flag.CALL_FREQUENCY_CAP);
        assertThat(judge("NY", MIAMI, next, NOW, calls).flags()).as("a Florida phone: Florida's cap")
                .containsKey(Flag.CALL_FREQUENCY_CAP);
        assertThat(judge("MD", "+14105550100", next, NOW, calls).flags()).containsKey(Flag.CALL_FREQUENCY_CAP);
        // Maine allows one call per 8 hours: one an hour ago holds the next back for seven more.
        ComplianceRules.Judgement maine = judge("ME", "+12075550100", next, NOW, new long[] {hoursAgo(1)});
        assertThat(maine.flags().get(Flag.CALL_FREQUENCY_CAP)).contains("1 calls per 8h");
        assertThat(maine.recheckAt()).isEqualTo(NOW.plus(Duration.ofHours(7)).toEpochMilli());
    }

    @Test
    void aSundayInTexasWaitsForNoon() {
        Instant sundayTen = Instant.parse("2026-12-06T16:00:00Z"); // 10:00 CST
        ComplianceRules.Judgement judgement = judge("TX", "+15125550100", sundayTen, NOW, null);
        assertThat(judgement.flags().get(Flag.OUTSIDE_CALLING_WINDOW)).isEqualTo("Sela's next call at 2026-12-06 10:00"
                + " local time (TX, America/Chicago, a Sunday) is outside the permitted calling hours 12:00-21:00 (Tex. Bus."
                + " & Com. Code 301.051: 9 a.m. to 9 p.m., Sunday noon to 9 p.m.; SB 140, eff. Sep 1 2025, adds texts [S])");
        assertThat(Instant.ofEpochMilli(judgement.nextAllowedCallAt())).isEqualTo("2026-12-06T18:00:00Z");
    }

    @Test
    void christmasInAlabamaWaitsForTheDayAfter() {
        Instant christmasMorning = Instant.parse("2026-12-25T16:00:00Z"); // a Friday, 10:00 CST
        ComplianceRules.Judgement judgement = judge("AL", "+12055550100", christmasMorning, NOW, null);
        assertThat(judgement.flags().get(Flag.OUTSIDE_CALLING_WINDOW))
                .contains("falls on Christmas Day, a holiday on which AL allows no calls");
        assertThat(Instant.ofEpochMilli(judgement.nextAllowedCallAt())).as("Saturday 08:00 CST").isEqualTo("2026-12-26T14:00:00Z");
    }

    @Test
    void rhodeIslandFridayEveningWaitsForSaturdayTen() {
        Instant friday = Instant.parse("2026-12-11T23:30:00Z"); // 18:30 EST
        ComplianceRules.Judgement judgement = judge("RI", "+14015550100", friday, NOW, null);
        assertThat(judgement.flags()).containsKey(Flag.OUTSIDE_CALLING_WINDOW);
        assertThat(Instant.ofEpochMilli(judgement.nextAllowedCallAt())).isEqualTo("2026-12-12T15:00:00Z");
    }

    @Test
    void aLegalCallIsItsOwnNextAllowedTime() {
        Instant legal = Instant.parse("2026-12-08T16:00:00.123456Z");
        ComplianceRules.Judgement judgement = judge("VA", "+18042221111", legal, NOW, null);
        assertThat(judgement.flags()).isEmpty();
        assertThat(judgement.nextAllowedCallAt()).isEqualTo(legal.toEpochMilli());
        assertThat(judge("VA", "+18042221111", null, NOW, null).nextAllowedCallAt()).as("nothing scheduled: now")
                .isEqualTo(NOW.toEpochMilli());
    }

    @Test
    void theDeploymentsKeysNarrowTheFileFurtherAndSaySo() {
        CallingRules narrowed = CallingRulesFile.load(CallingRulesFile.DEFAULT_PATH,
                CallingWindows.parse(Map.of("TX", "10:00-20:00")));
        ComplianceRules rules = new ComplianceRules(TerritoryPolicy.parse(Map.of("default", "*")), narrowed);
        LeadEvent event = event("a");
        event.phoneNumber = "+15125550100";
        SelaLead lead = lead("TX", Instant.parse("2026-12-06T02:30:00Z")); // Saturday 20:30 CST
        assertThat(rules.evaluate(event, lead, found(lead)).get(Flag.OUTSIDE_CALLING_WINDOW))
                .contains("10:00-20:00").contains("narrowed by this deployment's calling-window keys");
        SelaLead sunday = lead("TX", Instant.parse("2026-12-06T18:30:00Z")); // Sunday 12:30 CST
        assertThat(rules.evaluate(event, sunday, found(sunday))).doesNotContainKey(Flag.OUTSIDE_CALLING_WINDOW);
    }

    private static ComplianceRules.Judgement judge(String state, String phone, Instant nextCall, Instant now, long[] calls) {
        LeadEvent event = event("a");
        event.phoneNumber = phone;
        SelaLead lead = lead(state, nextCall);
        lead.phoneNumber = phone;
        return RULES.judge(event, lead, found(lead), ComplianceRules.locate(event, lead), null, lead,
                now.toEpochMilli(), calls);
    }

    private static SelaLead lead(String state, Instant nextCall) {
        SelaLead lead = sela(1, "a");
        lead.usState = state;
        lead.nextCallMicros = nextCall == null ? null : ChronoUnit.MICROS.between(Instant.EPOCH, nextCall);
        return lead;
    }

    private static long hoursAgo(int hours) {
        return NOW.minus(Duration.ofHours(hours)).toEpochMilli();
    }
}
