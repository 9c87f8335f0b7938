package io.leadquality.compliance;

import io.leadquality.normalize.UsState;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every state with a rule in the shipped file, every day of the week, in every zone of the state,
 * in the weeks of both daylight-saving changes of 2026 and 2027: legal from the first minute of the
 * state's window to its last, not a minute outside, and never on a day the state allows no calls.
 * The expected hours are written here from compliance-facts.md, not read from the file.
 */
class ShippedCallingHoursTest {
    /** The Thursday before each change: a week from it holds every weekday and the change's Sunday. */
    private static final List<LocalDate> DST_WEEKS = List.of(LocalDate.parse("2026-03-05"), LocalDate.parse("2026-10-29"),
            LocalDate.parse("2027-03-11"), LocalDate.parse("2027-11-04"));

    private static final Map<UsState, Map<DayOfWeek, String>> EXPECTED = new EnumMap<>(UsState.class);

    static {
        every(UsState.FL, "08:00-20:00");
        every(UsState.OK, "09:00-20:00"); // the act's 8-8 with the device statute's 9-9 [U]
        every(UsState.MD, "08:00-20:00");
        every(UsState.WA, "08:00-20:00");
        every(UsState.CT, "09:00-20:00");
        every(UsState.KY, "10:00-21:00");
        every(UsState.MA, "08:00-20:00");
        every(UsState.MI, "09:00-21:00");
        every(UsState.MN, "09:00-21:00");
        every(UsState.NM, "09:00-21:00");
        every(UsState.IL, "09:00-21:00");
        every(UsState.NV, "09:00-20:00");
        every(UsState.WY, "08:00-20:00");
        every(UsState.DC, "08:00-21:00");
        weekAndSunday(UsState.TX, "09:00-21:00", "12:00-21:00");
        weekAndSunday(UsState.AL, "08:00-20:00", null);
        weekAndSunday(UsState.LA, "08:00-20:00", null);
        weekAndSunday(UsState.MS, "09:00-20:00", null); // 8 a.m. "Central Standard Time" is 9 a.m. in summer [U]
        weekAndSunday(UsState.UT, "08:00-21:00", null);
        weekAndSunday(UsState.NE, "08:00-21:00", "13:00-21:00"); // the federal window but for Sunday
        weekAndSunday(UsState.RI, "09:00-18:00", null);
        EXPECTED.get(UsState.RI).put(SATURDAY, "10:00-17:00");
        weekAndSunday(UsState.PA, "08:00-21:00", null);
        EXPECTED.get(UsState.PA).put(SATURDAY, "08:00-12:00"); // a vendor table's Saturday, the stricter reading [U]
        weekAndSunday(UsState.ME, "09:00-17:00", null);
        EXPECTED.get(UsState.ME).put(SATURDAY, null);
    }

    @Test
    void theFileHasRulesForExactlyTheStatesExpectedHere() {
        assertThat(ShippedRules.RULES.statesWithRules()).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
        assertThat(EXPECTED.keySet()).as("SPEC section 10's list").contains(UsState.FL, UsState.OK, UsState.MD,
                UsState.WA, UsState.CT, UsState.TX, UsState.AL, UsState.LA, UsState.MS, UsState.UT, UsState.RI,
                UsState.PA, UsState.KY, UsState.MA);
    }

    @Test
    void everyStateEveryWeekdayInEveryZoneAcrossTheDaylightSavingChanges() {
        CallingRules rules = ShippedRules.RULES;
        int checked = 0;
        for (Map.Entry<UsState, Map<DayOfWeek, String>> state : EXPECTED.entrySet()) {
            for (ZoneId zone : state.getKey().zones()) {
                List<CallingRules.Place> place = List.of(new CallingRules.Place(state.getKey(), zone));
                for (LocalDate weekStart : DST_WEEKS) {
                    for (int d = 0; d < 7; d++) {
                        LocalDate date = weekStart.plusDays(d);
                        String what = state.getKey() + " " + zone + " " + date + " (" + date.getDayOfWeek() + ")";
                        Instant noon = at(date, LocalTime.NOON, zone);
                        if (rules.holidayOn(state.getKey(), date) != null) {
                            assertThat(rules.whyNotAt(place, noon)).as(what).contains("a holiday on which");
                            continue;
                        }
                        String window = state.getValue().get(date.getDayOfWeek());
                        if (window == null) {
                            assertThat(rules.whyNotAt(place, noon)).as(what).contains("allows no calls");
                            assertThat(rules.nextLegal(place, at(date, LocalTime.MIN, zone))).as(what)
                                    .isAfter(at(date.plusDays(1), LocalTime.MIN, zone).minusSeconds(1));
                        } else {
                            LocalTime start = LocalTime.parse(window.substring(0, 5));
                            LocalTime end = LocalTime.parse(window.substring(6));
                            assertThat(rules.whyNotAt(place, at(date, start, zone))).as(what + " at its start").isNull();
                            assertThat(rules.whyNotAt(place, at(date, end.minusMinutes(1), zone))).as(what + " last minute").isNull();
                            assertThat(rules.whyNotAt(place, at(date, start.minusMinutes(1), zone))).as(what + " before")
                                    .contains("outside the permitted calling hours " + window);
                            assertThat(rules.whyNotAt(place, at(date, end, zone))).as(what + " at its end")
                                    .contains("outside the permitted calling hours " + window);
                            assertThat(rules.nextLegal(place, at(date, LocalTime.of(0, 30), zone))).as(what)
                                    .isEqualTo(at(date, start, zone));
                        }
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(EXPECTED.size() * 4 * 6);
    }

    /** Texas on the Sundays the clocks change, in UTC worked out by hand: noon Central is 17:00Z in summer time, 18:00Z in winter. */
    @Test
    void texasSundaysAcrossTheChangesInUtc() {
        List<CallingRules.Place> austin = List.of(new CallingRules.Place(UsState.TX, ZoneId.of("America/Chicago")));
        CallingRules rules = ShippedRules.RULES;
        assertThat(rules.whyNotAt(austin, Instant.parse("2026-03-08T17:00:00Z"))).isNull(); // 12:00 CDT, the day it starts
        assertThat(rules.whyNotAt(austin, Instant.parse("2026-03-08T16:59:00Z"))).contains("11:59", "a Sunday");
        assertThat(rules.whyNotAt(austin, Instant.parse("2026-11-01T17:30:00Z"))).contains("11:30"); // CST since 02:00
        assertThat(rules.whyNotAt(austin, Instant.parse("2026-11-01T18:00:00Z"))).isNull();
        assertThat(rules.whyNotAt(austin, Instant.parse("2027-03-14T17:00:00Z"))).isNull();
        assertThat(rules.whyNotAt(austin, Instant.parse("2027-11-07T17:59:00Z"))).contains("11:59");
        assertThat(rules.whyNotAt(austin, Instant.parse("2026-11-02T14:00:00Z"))).as("Monday 08:00 CST").contains("08:00");
        assertThat(rules.nextLegal(austin, Instant.parse("2026-11-01T15:00:00Z"))).isEqualTo("2026-11-01T18:00:00Z");
    }

    @Test
    void aClosedSundayIsExplainedWithItsSource() {
        List<CallingRules.Place> mobile = List.of(new CallingRules.Place(UsState.AL, ZoneId.of("America/Chicago")));
        assertThat(ShippedRules.RULES.whyNotAt(mobile, Instant.parse("2026-12-06T18:00:00Z")))
                .isEqualTo("2026-12-06 12:00 local time (AL, America/Chicago, a Sunday) falls on a Sunday, when AL allows"
                        + " no calls (Ala. Admin. Code r. 770-X-5-.17 (live and automated solicitations) [P])");
    }

    private static Instant at(LocalDate date, LocalTime time, ZoneId zone) {
        return ZonedDateTime.of(date, time, zone).toInstant();
    }

    private static void every(UsState state, String window) {
        Map<DayOfWeek, String> days = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            days.put(day, window);
        }
        EXPECTED.put(state, days);
    }

    private static void weekAndSunday(UsState state, String monToSat, String sunday) {
        every(state, monToSat);
        EXPECTED.get(state).put(SUNDAY, sunday);
    }
}
