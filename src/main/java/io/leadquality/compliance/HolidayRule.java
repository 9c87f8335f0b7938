package io.leadquality.compliance;

import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.MonthDay;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One holiday as a state's law names it (SPEC section 10): a rule that gives the day for any year,
 * not a list of dates to retype each year. Written in the rules file as one of
 * <pre>
 *   fixed 07-04 [observed sat-fri,sun-mon | observed sun-mon]   a date each year, moved when it falls on a weekend
 *   nth 3 monday 01                                             the 3rd Monday of January
 *   nth 4 thursday 11 +1                                        the day after the 4th Thursday of November
 *   last monday 05                                              the last Monday of May
 *   easter -2                                                   days from Easter Sunday (Good Friday; -47 Mardi Gras)
 *   date 2026-07-03                                             one day only (a governor's proclamation)
 * </pre>
 * Pure and immutable; {@link #parse} names what is wrong with a rule it cannot read.
 */
public sealed interface HolidayRule extends Serializable {

    /** The day the holiday is kept in {@code year} (after any observed-day shift), if it falls in that year's rule. */
    Optional<LocalDate> in(int year);

    /**
     * The days of calendar year {@code year} the holiday is kept on: an observed shift can bring one
     * from the year before or after (Jan 1 on a Saturday is kept on Dec 31).
     */
    default List<LocalDate> keptIn(int year) {
        List<LocalDate> days = new ArrayList<>(2);
        for (int ruleYear = year - 1; ruleYear <= year + 1; ruleYear++) {
            in(ruleYear).filter(day -> day.getYear() == year && !days.contains(day)).ifPresent(days::add);
        }
        return days;
    }

    /** Whether the holiday is kept on {@code day}. */
    default boolean fallsOn(LocalDate day) {
        return keptIn(day.getYear()).contains(day);
    }

    /** How a fixed-date holiday on a weekend is kept. */
    enum Observed {
        /** On the day itself. */
        NONE,
        /** Saturday on the Friday before, Sunday on the Monday after (Ala. Code 1-3-8, the federal rule). */
        SAT_FRI_SUN_MON,
        /** Sunday on the Monday after; Saturday on the day. */
        SUN_MON;

        LocalDate shift(LocalDate day) {
            DayOfWeek weekday = day.getDayOfWeek();
            if (this == SAT_FRI_SUN_MON && weekday == DayOfWeek.SATURDAY) {
                return day.minusDays(1);
            }
            if (this != NONE && weekday == DayOfWeek.SUNDAY) {
                return day.plusDays(1);
            }
            return day;
        }
    }

    record Fixed(Month month, int day, Observed observed) implements HolidayRule {
        /** Empty in a year without the date (February 29). */
        @Override
        public Optional<LocalDate> in(int year) {
            return date(year).map(observed::shift);
        }

        /**
         * The date itself as well as the day it is observed on: whether a Saturday July 4 is still "a
         * legal holiday" once the state keeps it on the Friday is not settled, so the stricter reading.
         */
        @Override
        public List<LocalDate> keptIn(int year) {
            List<LocalDate> days = HolidayRule.super.keptIn(year);
            date(year).filter(date -> !days.contains(date)).ifPresent(days::add);
            return days;
        }

        private Optional<LocalDate> date(int year) {
            MonthDay date = MonthDay.of(month, day);
            return date.isValidYear(year) ? Optional.of(date.atYear(year)) : Optional.empty();
        }
    }

    /** The nth weekday of a month, moved by {@code days} (the day after Thanksgiving is not always the 4th Friday). */
    record NthWeekday(int n, DayOfWeek weekday, Month month, int days) implements HolidayRule {
        @Override
        public Optional<LocalDate> in(int year) {
            return Optional.of(LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(n, weekday))
                    .plusDays(days));
        }
    }

    record LastWeekday(DayOfWeek weekday, Month month) implements HolidayRule {
        @Override
        public Optional<LocalDate> in(int year) {
            return Optional.of(LocalDate.of(year, month, 1).with(TemporalAdjusters.lastInMonth(weekday)));
        }
    }

    record FromEaster(int days) implements HolidayRule {
        @Override
        public Optional<LocalDate> in(int year) {
            return Optional.of(Easter.sunday(year).plusDays(days));
        }
    }

    record OnDate(LocalDate date) implements HolidayRule {
        @Override
        public Optional<LocalDate> in(int year) {
            return date.getYear() == year ? Optional.of(date) : Optional.empty();
        }
    }

    /**
     * Reads one rule as the rules file writes it.
     * @throws IllegalArgumentException naming what is wrong, for the start-up error
     */
    static HolidayRule parse(String text) {
        String[] words = text.trim().toLowerCase(Locale.ROOT).split("\\s+");
        try {
            switch (words[0]) {
                case "fixed" -> {
                    if (words.length != 2 && !(words.length == 4 && words[2].equals("observed"))) {
                        throw new IllegalArgumentException("expected 'fixed MM-DD [observed sat-fri,sun-mon|sun-mon]'");
                    }
                    LocalDate leapYear = LocalDate.parse("2028-" + words[1]); // checks the day exists
                    Observed observed = words.length == 2 ? Observed.NONE : switch (words[3]) {
                        case "sat-fri,sun-mon" -> Observed.SAT_FRI_SUN_MON;
                        case "sun-mon" -> Observed.SUN_MON;
                        default -> throw new IllegalArgumentException("unknown observed rule '" + words[3]
                                + "' (sat-fri,sun-mon or sun-mon)");
                    };
                    return new Fixed(leapYear.getMonth(), leapYear.getDayOfMonth(), observed);
                }
                case "nth" -> {
                    if (words.length != 4 && words.length != 5) {
                        throw new IllegalArgumentException("expected 'nth N WEEKDAY MM [+-DAYS]'");
                    }
                    int n = Integer.parseInt(words[1]);
                    if (n < 1 || n > 5) {
                        throw new IllegalArgumentException("the n of 'nth' is 1 to 5, not " + n);
                    }
                    int days = words.length == 5 ? Integer.parseInt(words[4].replace("+", "")) : 0;
                    return new NthWeekday(n, weekday(words[2]), month(words[3]), days);
                }
                case "last" -> {
                    expect(words, 3, "last WEEKDAY MM");
                    return new LastWeekday(weekday(words[1]), month(words[2]));
                }
                case "easter" -> {
                    expect(words, 2, "easter +-DAYS");
                    return new FromEaster(Integer.parseInt(words[1].replace("+", "")));
                }
                case "date" -> {
                    expect(words, 2, "date YYYY-MM-DD");
                    return new OnDate(LocalDate.parse(words[1]));
                }
                default -> throw new IllegalArgumentException("unknown holiday rule '" + words[0]
                        + "' (fixed, nth, last, easter or date)");
            }
        } catch (java.time.DateTimeException | NumberFormatException e) {
            throw new IllegalArgumentException("cannot read '" + text.trim() + "': " + e.getMessage(), e);
        }
    }

    private static void expect(String[] words, int count, String form) {
        if (words.length != count) {
            throw new IllegalArgumentException("expected '" + form + "'");
        }
    }

    private static DayOfWeek weekday(String text) {
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day.name().equalsIgnoreCase(text)) {
                return day;
            }
        }
        throw new IllegalArgumentException("unknown weekday '" + text + "' (monday to sunday)");
    }

    private static Month month(String text) {
        return Month.of(Integer.parseInt(text));
    }
}
