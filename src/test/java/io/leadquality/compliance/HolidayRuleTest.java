package io.leadquality.compliance;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HolidayRuleTest {

    @Test
    void easterSundayFrom2026To2030() {
        assertThat(Easter.sunday(2026)).isEqualTo("2026-04-05");
        assertThat(Easter.sunday(2027)).isEqualTo("2027-03-28");
        assertThat(Easter.sunday(2028)).isEqualTo("2028-04-16");
        assertThat(Easter.sunday(2029)).isEqualTo("2029-04-01");
        assertThat(Easter.sunday(2030)).isEqualTo("2030-04-21");
    }

    @Test
    void goodFridayAndMardiGrasAreDaysFromEaster() {
        HolidayRule goodFriday = HolidayRule.parse("easter -2");
        HolidayRule mardiGras = HolidayRule.parse("easter -47");
        assertThat(goodFriday.in(2026)).contains(LocalDate.parse("2026-04-03"));
        assertThat(mardiGras.in(2026)).contains(LocalDate.parse("2026-02-17"));
        assertThat(mardiGras.in(2027)).contains(LocalDate.parse("2027-02-09"));
        assertThat(mardiGras.in(2028)).as("a leap year").contains(LocalDate.parse("2028-02-29"));
        assertThat(mardiGras.in(2029)).contains(LocalDate.parse("2029-02-13"));
        assertThat(mardiGras.in(2030)).contains(LocalDate.parse("2030-03-05"));
    }

    @Test
    void nthAndLastWeekdaysOfAMonth() {
        HolidayRule thanksgiving = HolidayRule.parse("nth 4 thursday 11");
        assertThat(thanksgiving.in(2026)).contains(LocalDate.parse("2026-11-26"));
        assertThat(thanksgiving.in(2027)).contains(LocalDate.parse("2027-11-25"));
        assertThat(HolidayRule.parse("nth 3 monday 01").in(2026)).contains(LocalDate.parse("2026-01-19"));
        HolidayRule memorialDay = HolidayRule.parse("last monday 05");
        assertThat(memorialDay.in(2026)).contains(LocalDate.parse("2026-05-25"));
        assertThat(memorialDay.in(2027)).contains(LocalDate.parse("2027-05-31"));
    }

    @Test
    void aFixedDateOnAWeekendIsKeptOnTheObservedDay() {
        HolidayRule july4 = HolidayRule.parse("fixed 07-04 observed sat-fri,sun-mon");
        assertThat(july4.in(2026)).as("a Saturday: the Friday before").contains(LocalDate.parse("2026-07-03"));
        assertThat(july4.in(2027)).as("a Sunday: the Monday after").contains(LocalDate.parse("2027-07-05"));
        assertThat(july4.in(2028)).contains(LocalDate.parse("2028-07-04"));
        assertThat(july4.fallsOn(LocalDate.parse("2026-07-04"))).as("the date itself too: the stricter reading").isTrue();
        assertThat(july4.fallsOn(LocalDate.parse("2026-07-06"))).isFalse();

        HolidayRule newYear = HolidayRule.parse("fixed 01-01 observed sat-fri,sun-mon");
        assertThat(newYear.fallsOn(LocalDate.parse("2027-12-31"))).as("2028's, kept the year before").isTrue();

        HolidayRule sundayOnly = HolidayRule.parse("fixed 07-04 observed sun-mon");
        assertThat(sundayOnly.in(2026)).contains(LocalDate.parse("2026-07-04"));
        assertThat(sundayOnly.in(2027)).contains(LocalDate.parse("2027-07-05"));
        assertThat(HolidayRule.parse("fixed 07-04").in(2027)).contains(LocalDate.parse("2027-07-04"));
    }

    @Test
    void aProclaimedDateHoldsInItsYearOnly() {
        HolidayRule proclaimed = HolidayRule.parse("date 2026-07-03");
        assertThat(proclaimed.fallsOn(LocalDate.parse("2026-07-03"))).isTrue();
        assertThat(proclaimed.in(2027)).isEmpty();
    }

    @Test
    void aRuleItCannotReadIsNamedWithWhatIsWrong() {
        assertThatThrownBy(() -> HolidayRule.parse("fixed 02-30")).hasMessageContaining("cannot read 'fixed 02-30'");
        assertThatThrownBy(() -> HolidayRule.parse("nth 6 monday 01")).hasMessageContaining("1 to 5, not 6");
        assertThatThrownBy(() -> HolidayRule.parse("weekly monday")).hasMessageContaining("unknown holiday rule 'weekly'");
        assertThatThrownBy(() -> HolidayRule.parse("fixed 07-04 observed never"))
                .hasMessageContaining("unknown observed rule 'never'");
        assertThatThrownBy(() -> HolidayRule.parse("last funday 05")).hasMessageContaining("unknown weekday 'funday'");
    }

    @Test
    void aFixedFebruary29IsKeptInLeapYearsOnly() {
        HolidayRule leapDay = HolidayRule.parse("fixed 02-29");
        assertThat(leapDay.in(2027)).isEmpty();
        assertThat(leapDay.fallsOn(LocalDate.parse("2027-02-28"))).isFalse();
        assertThat(leapDay.fallsOn(LocalDate.parse("2028-02-29"))).isTrue();
    }
}
