package io.leadquality.compliance;

import io.leadquality.normalize.UsState;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped holidays for 2026-2030 against the days compliance-facts.md (section 1.3) names, each
 * worked out by hand from a calendar: the rules must give these days and no calls on them.
 */
class ShippedHolidaysTest {
    private static final CallingRules RULES = ShippedRules.RULES;
    private static final Set<UsState> HOLIDAY_STATES = Set.of(UsState.AL, UsState.LA, UsState.PA, UsState.RI, UsState.UT);

    @Test
    void newYearsDayAndMartinLutherKingDayInEveryHolidayState() {
        List<String> mlk = List.of("2026-01-19", "2027-01-18", "2028-01-17", "2029-01-15", "2030-01-21");
        for (UsState state : HOLIDAY_STATES) {
            for (int year = 2026; year <= 2030; year++) {
                assertHoliday(state, year + "-01-01", "New Year");
            }
            mlk.forEach(day -> assertHoliday(state, day, "King"));
            // 2028's New Year falls on a Saturday: the Friday before is kept too.
            assertHoliday(state, "2027-12-31", "New Year");
        }
    }

    @Test
    void daysFromEaster() {
        for (String day : List.of("2026-02-17", "2027-02-09", "2028-02-29", "2029-02-13", "2030-03-05")) {
            assertHoliday(UsState.LA, day, "Mardi Gras");
            assertHoliday(UsState.AL, day, "Mardi Gras"); // Mobile and Baldwin counties only: applied statewide
        }
        for (String day : List.of("2026-04-03", "2027-03-26", "2028-04-14", "2029-03-30", "2030-04-19")) {
            assertHoliday(UsState.LA, day, "Good Friday");
            assertHoliday(UsState.PA, day, "Good Friday");
        }
    }

    @Test
    void alabamasOwnDays() {
        for (String day : List.of("2026-04-27", "2027-04-26", "2028-04-24", "2029-04-23", "2030-04-22")) {
            assertHoliday(UsState.AL, day, "Confederate Memorial Day");
        }
        for (String day : List.of("2026-06-01", "2027-06-07", "2028-06-05", "2029-06-04", "2030-06-03")) {
            assertHoliday(UsState.AL, day, "Jefferson Davis");
        }
        for (int year = 2026; year <= 2030; year++) {
            assertHoliday(UsState.AL, year + "-06-19", "Juneteenth");
            assertHoliday(UsState.AL, year + "-12-01", "Rosa Parks Day");
        }
    }

    @Test
    void utahPennsylvaniaAndRhodeIslandDays() {
        for (int year = 2026; year <= 2030; year++) {
            assertHoliday(UsState.UT, year + "-07-24", "Pioneer Day");
            assertHoliday(UsState.PA, year + "-06-14", "Flag Day");
            assertHoliday(UsState.RI, year + "-05-04", "Rhode Island Independence Day");
        }
        assertHoliday(UsState.UT, "2027-07-23", "Pioneer Day"); // the 24th is a Saturday
        for (String day : List.of("2026-08-10", "2027-08-09", "2028-08-14", "2029-08-13", "2030-08-12")) {
            assertHoliday(UsState.RI, day, "Victory Day");
        }
    }

    @Test
    void louisianasOwnDays() {
        for (int year = 2026; year <= 2030; year++) {
            assertHoliday(UsState.LA, year + "-01-08", "Battle of New Orleans");
        }
        // 2030's is the fifth Friday of November: the day after Thanksgiving is not "the 4th Friday".
        for (String day : List.of("2026-11-27", "2027-11-26", "2028-11-24", "2029-11-23", "2030-11-29")) {
            assertHoliday(UsState.LA, day, "Day after Thanksgiving");
        }
        assertThat(RULES.holidayOn(UsState.LA, LocalDate.parse("2030-11-22"))).isNull();
        assertHoliday(UsState.LA, "2023-07-03", "proclamation");
        assertHoliday(UsState.LA, "2024-12-31", "proclamation");
        assertThat(RULES.holidayOn(UsState.LA, LocalDate.parse("2025-12-31"))).as("a proclamation is for its year").isNull();
    }

    @Test
    void electionDayIsTheTuesdayAfterTheFirstMonday() {
        for (String day : List.of("2026-11-03", "2027-11-02", "2028-11-07", "2029-11-06", "2030-11-05")) {
            for (UsState state : List.of(UsState.LA, UsState.PA, UsState.RI)) {
                assertHoliday(state, day, "Election Day");
            }
        }
        assertThat(RULES.holidayOn(UsState.PA, LocalDate.parse("2028-11-01"))).as("not the first Tuesday").isNull();
    }

    @Test
    void ordinaryDaysAndStatesWithoutHolidaysAreNotHolidays() {
        assertThat(RULES.holidayOn(UsState.AL, LocalDate.parse("2026-03-10"))).isNull();
        assertThat(RULES.holidayOn(UsState.MS, LocalDate.parse("2026-12-25"))).as("Mississippi repealed its holiday ban").isNull();
        assertThat(RULES.holidayOn(UsState.TX, LocalDate.parse("2026-12-25"))).isNull();
        assertThat(RULES.holidayOn(null, LocalDate.parse("2026-12-25"))).isNull();
    }

    private static void assertHoliday(UsState state, String day, String named) {
        CallingRules.Holiday holiday = RULES.holidayOn(state, LocalDate.parse(day));
        assertThat(holiday).as(state + " " + day).isNotNull();
        assertThat(holiday.name()).as(state + " " + day).contains(named);
    }
}
