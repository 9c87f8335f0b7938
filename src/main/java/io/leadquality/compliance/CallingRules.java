package io.leadquality.compliance;

import io.leadquality.normalize.PhoneNumbers;
import io.leadquality.normalize.UsState;

import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The calling rules of SPEC section 10, as the rules file gives them ({@link CallingRulesFile}),
 * narrowed by the deployment's {@code calling-window.*} keys: per state, hours by day of the week,
 * holidays with no calls, a frequency cap and whether its area codes presume residence. Pure
 * functions of where the person may be ({@link #placesOf}), an instant and the calls made.
 */
public final class CallingRules implements Serializable {
    private static final long serialVersionUID = 1L;
    /** How far ahead a legal instant is looked for; none in two weeks means the rules leave no time at all. */
    static final int HORIZON_DAYS = 14;
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** At most {@code calls} call attempts to a phone in any {@code per}. */
    public record Cap(int calls, Duration per, String source) implements Serializable {
        /** {@code 24h}, {@code 8h}, {@code 90min}. */
        public String window() {
            long minutes = per.toMinutes();
            return minutes % 60 == 0 ? minutes / 60 + "h" : minutes + "min";
        }

        @Override
        public String toString() {
            return calls + " calls per " + window();
        }
    }

    public record Holiday(String name, HolidayRule rule) implements Serializable {}

    /**
     * One state's rules. {@code hours[day.ordinal()]} is the state's window that day, null when the state
     * allows no calls then; a day the file does not name has the federal window.
     */
    record StateRules(CallingWindows.Window[] hours, Set<DayOfWeek> closedDays, String hoursSource,
                      List<Holiday> holidays, String holidaysSource, Cap cap, String areaCodeSource)
            implements Serializable {
        boolean presumesResidenceByAreaCode() {
            return areaCodeSource != null;
        }
    }

    /** A state the person may be in (null: none known, the federal rule only) and a zone of it. */
    public record Place(UsState state, ZoneId zone) implements Serializable {
        String describe() {
            return state == null ? zone.toString() : state + ", " + zone;
        }
    }

    /** The cap that holds a phone back: no new call before {@code opensAt} (epoch millis). */
    public record CapHold(UsState state, Cap cap, long opensAt, long newestCall) {}

    private final String version;
    /** Where the rules were read from, for the start-up log. */
    private final String origin;
    private final String federalSource;
    private final Map<UsState, StateRules> states;
    /** Per state (and {@code null} under the key of no state), the day's window after every narrowing; null: no calls. */
    private final Map<UsState, CallingWindows.Window[]> effective;
    private final CallingWindows.Window[] federalEffective;
    /** The same before the deployment's keys narrowed them, to say when they did. */
    private final Map<UsState, CallingWindows.Window[]> fileHours;
    private final CallingWindows.Window[] federalFile;
    private transient Map<Long, Map<LocalDate, Holiday>> holidaysByStateAndYear;

    CallingRules(String version, String origin, CallingWindows.Window[] federal, String federalSource,
                 Map<UsState, StateRules> states, CallingWindows deployment) {
        this.version = version;
        this.origin = origin;
        this.federalSource = federalSource;
        this.states = states;
        this.federalFile = federal.clone();
        this.federalEffective = new CallingWindows.Window[7];
        for (DayOfWeek day : DayOfWeek.values()) {
            federalEffective[day.ordinal()] = narrow(federal[day.ordinal()], deployment.windowFor(null));
        }
        this.effective = new EnumMap<>(UsState.class);
        this.fileHours = new EnumMap<>(UsState.class);
        for (UsState state : UsState.values()) {
            StateRules rules = states.get(state);
            CallingWindows.Window[] file = new CallingWindows.Window[7];
            CallingWindows.Window[] byDay = new CallingWindows.Window[7];
            for (DayOfWeek day : DayOfWeek.values()) {
                CallingWindows.Window window = federal[day.ordinal()];
                if (rules != null && rules.closedDays.contains(day)) {
                    window = null;
                } else if (rules != null && rules.hours[day.ordinal()] != null) {
                    window = narrow(window, rules.hours[day.ordinal()]);
                }
                file[day.ordinal()] = window;
                byDay[day.ordinal()] = narrow(window, deployment.windowFor(state));
            }
            fileHours.put(state, file);
            effective.put(state, byDay);
        }
    }

    /** The federal window every day and nothing else, narrowed by the deployment's keys: for tests and tools. */
    public static CallingRules federalOnly(CallingWindows deployment) {
        CallingWindows.Window[] federal = new CallingWindows.Window[7];
        Arrays.fill(federal, new CallingWindows.Window(LocalTime.of(8, 0), LocalTime.of(21, 0)));
        return new CallingRules("federal-only", "the federal window built in", federal, "47 CFR 64.1200(c)(1)", Map.of(),
                deployment);
    }

    public String version() {
        return version;
    }

    public String origin() {
        return origin;
    }

    /** The states with rules of their own in the file. */
    public Set<UsState> statesWithRules() {
        return states.keySet();
    }

    /**
     * Every place the person may be: the lead's state, plus the state of the phone's area code where
     * that state presumes residence by it (FL, OK, CT), each in all its zones (the phone's zone narrows
     * only its own state's); none known: the phone's zone, else every mainland zone.
     */
    public List<Place> placesOf(LeadLocation location, String phone, Instant at) {
        Set<UsState> candidates = new LinkedHashSet<>(2);
        if (location.known()) {
            candidates.add(location.state());
        }
        UsState byAreaCode = phone == null ? null : PhoneNumbers.stateOf(phone);
        if (byAreaCode != null) {
            StateRules rules = states.get(byAreaCode);
            if (rules != null && rules.presumesResidenceByAreaCode()) {
                candidates.add(byAreaCode);
            }
        }
        List<Place> places = new ArrayList<>(3);
        if (candidates.isEmpty()) {
            for (ZoneId zone : CallingZones.zonesToCheck(null, phone, at)) {
                places.add(new Place(null, zone));
            }
        }
        for (UsState state : candidates) {
            for (ZoneId zone : CallingZones.zonesToCheck(state, phone, at)) {
                places.add(new Place(state, zone));
            }
        }
        return places;
    }

    /** Why a call at {@code at} is not legal in one of the places, or null when it is legal in all. */
    public String whyNotAt(List<Place> places, Instant at) {
        for (Place place : places) {
            ZonedDateTime local = at.atZone(place.zone());
            LocalDate date = local.toLocalDate();
            Holiday holiday = holidayOn(place.state(), date);
            CallingWindows.Window window = windowOn(place.state(), date.getDayOfWeek());
            if (holiday == null && window != null && window.contains(local.toLocalTime())) {
                continue;
            }
            String day = date.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.US);
            String when = LOCAL.format(local) + " local time (" + place.describe() + ", a " + day + ")";
            if (holiday != null) {
                StateRules rules = states.get(place.state());
                return when + " falls on " + holiday.name() + ", a holiday on which " + place.state()
                        + " allows no calls (" + rules.holidaysSource() + ")";
            }
            if (window == null) {
                return when + " falls on a " + day + ", when " + (place.state() == null ? "the rules allow" : place.state()
                        + " allows") + " no calls (" + hoursSource(place.state(), date.getDayOfWeek()) + ")";
            }
            return when + " is outside the permitted calling hours " + window + " ("
                    + hoursSource(place.state(), date.getDayOfWeek()) + ")";
        }
        return null;
    }

    /**
     * The earliest instant at or after {@code from} legal in every place under hours, days and
     * holidays, or null when there is none within {@link #HORIZON_DAYS} days.
     */
    public Instant nextLegal(List<Place> places, Instant from) {
        Instant at = from;
        for (int round = 0; round < 4 * HORIZON_DAYS; round++) {
            boolean moved = false;
            for (Place place : places) {
                Instant opens = opensAtOrAfter(place, at);
                if (opens == null || Duration.between(from, opens).toDays() > HORIZON_DAYS) {
                    return null;
                }
                if (opens.isAfter(at)) {
                    at = opens;
                    moved = true;
                }
            }
            if (!moved) {
                return at;
            }
        }
        return null;
    }

    /**
     * The strictest cap of the places' states that the calls made fill: no new call before the
     * cap-th newest call has left the window. Null when no cap is filled at {@code now}.
     * @param callTimes epoch millis, any order; duplicates are the caller's to drop (calls are counted by id)
     */
    public CapHold capHold(List<Place> places, long[] callTimes, long now) {
        if (callTimes == null || callTimes.length == 0) {
            return null;
        }
        long[] newestFirst = null;
        CapHold strictest = null;
        UsState seen = null;
        for (Place place : places) {
            StateRules rules = place.state() == null ? null : states.get(place.state());
            if (rules == null || rules.cap() == null || place.state() == seen || callTimes.length < rules.cap().calls()) {
                continue;
            }
            seen = place.state();
            if (newestFirst == null) {
                newestFirst = callTimes.clone();
                Arrays.sort(newestFirst);
                reverse(newestFirst);
            }
            long opensAt = newestFirst[rules.cap().calls() - 1] + rules.cap().per().toMillis();
            if (opensAt > now && (strictest == null || opensAt > strictest.opensAt())) {
                strictest = new CapHold(place.state(), rules.cap(), opensAt, newestFirst[0]);
            }
        }
        return strictest;
    }

    /** Calls to the phone within the cap's window before {@code now}. */
    static int callsWithin(long[] callTimes, Duration per, long now) {
        int count = 0;
        for (long at : callTimes) {
            if (at > now - per.toMillis() && at <= now) {
                count++;
            }
        }
        return count;
    }

    private Instant opensAtOrAfter(Place place, Instant at) {
        ZonedDateTime local = at.atZone(place.zone());
        for (int days = 0; days <= HORIZON_DAYS; days++) {
            LocalDate date = local.toLocalDate().plusDays(days);
            CallingWindows.Window window = windowOn(place.state(), date.getDayOfWeek());
            if (window == null || !window.end().isAfter(window.start()) || holidayOn(place.state(), date) != null) {
                continue;
            }
            if (days > 0 || local.toLocalTime().isBefore(window.start())) {
                Instant opens = ZonedDateTime.of(date, window.start(), place.zone()).toInstant();
                if (!opens.isBefore(at)) { // a start inside a spring-forward gap lands later, never earlier
                    return opens;
                }
            }
            if (days == 0 && window.contains(local.toLocalTime())) {
                return at;
            }
        }
        return null;
    }

    CallingWindows.Window windowOn(UsState state, DayOfWeek day) {
        return (state == null ? federalEffective : effective.get(state))[day.ordinal()];
    }

    Holiday holidayOn(UsState state, LocalDate date) {
        StateRules rules = state == null ? null : states.get(state);
        if (rules == null || rules.holidays().isEmpty()) {
            return null;
        }
        return holidaysIn(state, rules, date.getYear()).get(date);
    }

    /**
     * A state's holidays of one year, by day, worked out once: every judgement asks for several days
     * of the places' states, and Easter and the observed shifts need not be computed each time.
     * The first holiday of the file that falls on a day names it.
     */
    private Map<LocalDate, Holiday> holidaysIn(UsState state, StateRules rules, int year) {
        if (holidaysByStateAndYear == null) { // transient: built again after the rules travel to a task
            holidaysByStateAndYear = new ConcurrentHashMap<>();
        }
        return holidaysByStateAndYear.computeIfAbsent(state.ordinal() * 100_000L + year, key -> {
            Map<LocalDate, Holiday> byDay = new HashMap<>();
            for (Holiday holiday : rules.holidays()) {
                holiday.rule().keptIn(year).forEach(day -> byDay.putIfAbsent(day, holiday));
            }
            return byDay;
        });
    }

    private String hoursSource(UsState state, DayOfWeek day) {
        StateRules rules = state == null ? null : states.get(state);
        String source = rules != null && (rules.hours()[day.ordinal()] != null || rules.closedDays().contains(day))
                ? rules.hoursSource() : federalSource;
        CallingWindows.Window[] file = state == null ? federalFile : fileHours.get(state);
        CallingWindows.Window window = windowOn(state, day);
        if (window != null && !window.equals(file[day.ordinal()])) {
            source += "; narrowed by this deployment's calling-window keys";
        }
        return source;
    }

    private static CallingWindows.Window narrow(CallingWindows.Window window, CallingWindows.Window by) {
        return window == null ? null : window.intersect(by);
    }

    private static void reverse(long[] values) {
        for (int i = 0, j = values.length - 1; i < j; i++, j--) {
            long swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }
}
