package io.leadquality.compliance;

import io.leadquality.config.ConfigException;
import io.leadquality.normalize.UsState;
import org.apache.flink.util.TimeUtils;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the rules file (SPEC section 10, {@code compliance.rules-file}): compliance's versioned
 * calling rules, each with its source. The shape (see {@code conf/calling-rules.yaml}):
 * <pre>
 * version: "2026-12-03"
 * federal:
 *   hours: { source: "47 CFR 64.1200(c)(1)", days: { mon-sun: "08:00-21:00" } }
 * states:
 *   TX:
 *     hours: { source: "...", days: { mon-sat: "09:00-21:00", sun: "12:00-21:00" } }
 *   AL:
 *     hours: { source: "...", days: { mon-sat: "08:00-20:00", sun: none } }
 *     holidays: { source: "...", days: { "New Year's Day": "fixed 01-01 observed sat-fri,sun-mon" } }
 *   FL:
 *     cap: { calls: 3, per: 24h, source: "..." }
 *     area-code-presumption: { source: "..." }
 * </pre>
 * Each state may also carry {@code notes} (free text: stricter readings, unverified facts). Anything
 * wrong stops start-up with one line naming the file and the line.
 */
public final class CallingRulesFile {
    public static final String KEY = "compliance.rules-file";
    /** Where the rules are looked for when the key is not set; the job jar carries a copy for clusters without it. */
    public static final String DEFAULT_PATH = "conf/calling-rules.yaml";
    static final String BUNDLED = "/calling-rules.yaml";

    private static final Set<String> TOP = Set.of("version", "federal", "states", "notes");
    private static final Set<String> STATE = Set.of("hours", "holidays", "cap", "area-code-presumption", "notes");
    /** The fields of hours and of holidays. */
    private static final Set<String> WITH_DAYS = Set.of("source", "days", "notes");
    private static final Set<String> CAP = Set.of("calls", "per", "source", "notes");
    private static final Set<String> SOURCE_ONLY = Set.of("source", "notes");

    private CallingRulesFile() {}

    /**
     * The rules from {@code compliance.rules-file}; unset, from {@link #DEFAULT_PATH} when it exists,
     * else the copy in the jar.
     * @throws ConfigException naming the key, the file and the line
     */
    public static CallingRules load(String configured, CallingWindows deployment) {
        String name = configured != null ? configured : DEFAULT_PATH;
        String text;
        try {
            if (configured == null && !Files.isRegularFile(Path.of(DEFAULT_PATH))) {
                name = "the rules bundled in the job jar";
                try (InputStream in = CallingRulesFile.class.getResourceAsStream(BUNDLED)) {
                    if (in == null) {
                        throw new ConfigException(KEY, "no rules file at " + DEFAULT_PATH + " and none in the jar");
                    }
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            } else {
                text = Files.readString(Path.of(name), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new ConfigException(KEY, "cannot read " + name + ": " + e.getMessage());
        }
        try {
            return parse(text, name, deployment);
        } catch (LocatedYaml.YamlError e) {
            throw new ConfigException(KEY, name + " line " + e.line + ": " + e.getMessage());
        }
    }

    /**
     * @param origin where the text comes from, for the start-up log
     * @throws LocatedYaml.YamlError naming the line
     */
    public static CallingRules parse(String text, String origin, CallingWindows deployment) {
        Map<String, LocatedYaml> top = LocatedYaml.read(text).map("the rules file");
        onlyKnown(top, TOP, "the rules file");
        String version = required(top, "version", null).text("version");
        Map<String, LocatedYaml> federal = required(top, "federal", null).map("federal");
        onlyKnown(federal, Set.of("hours", "notes"), "federal");
        LocatedYaml federalHours = required(federal, "hours", top.get("federal"));
        Hours hours = hours(federalHours, "federal");
        CallingWindows.Window[] federalDays = new CallingWindows.Window[7];
        for (DayOfWeek day : DayOfWeek.values()) {
            if (hours.closed.contains(day) || hours.byDay[day.ordinal()] == null) {
                throw federalHours.error("federal hours must give a window for every day (missing or none: "
                        + day.name().toLowerCase() + ")");
            }
            federalDays[day.ordinal()] = hours.byDay[day.ordinal()];
        }
        Map<UsState, CallingRules.StateRules> states = new EnumMap<>(UsState.class);
        LocatedYaml statesNode = top.get("states");
        if (statesNode != null) {
            for (Map.Entry<String, LocatedYaml> entry : statesNode.map("states").entrySet()) {
                UsState state = entry.getKey().length() == 2 ? UsState.parse(entry.getKey()) : null;
                if (state == null) {
                    throw entry.getValue().error("'" + entry.getKey() + "' is not a two-letter US state code");
                }
                states.put(state, state(state, entry.getValue()));
            }
        }
        return new CallingRules(version, origin, federalDays, hours.source, Collections.unmodifiableMap(states), deployment);
    }

    private static CallingRules.StateRules state(UsState state, LocatedYaml node) {
        Map<String, LocatedYaml> fields = node.map(state.name());
        onlyKnown(fields, STATE, state.name());
        Hours hours = fields.containsKey("hours") ? hours(fields.get("hours"), state + " hours") : Hours.NONE;
        List<CallingRules.Holiday> holidays = new ArrayList<>();
        String holidaysSource = null;
        LocatedYaml holidaysNode = fields.get("holidays");
        if (holidaysNode != null) {
            Map<String, LocatedYaml> section = section(holidaysNode, WITH_DAYS, state + " holidays");
            holidaysSource = source(section, holidaysNode, state + " holidays");
            for (Map.Entry<String, LocatedYaml> holiday : required(section, "days", holidaysNode)
                    .map(state + " holidays days").entrySet()) {
                try {
                    holidays.add(new CallingRules.Holiday(holiday.getKey(),
                            HolidayRule.parse(holiday.getValue().text(state + " holiday " + holiday.getKey()))));
                } catch (IllegalArgumentException e) {
                    throw holiday.getValue().error(state + " holiday '" + holiday.getKey() + "': " + e.getMessage());
                }
            }
        }
        CallingRules.Cap cap = fields.containsKey("cap") ? cap(state, fields.get("cap")) : null;
        String areaCodeSource = null;
        LocatedYaml presumption = fields.get("area-code-presumption");
        if (presumption != null) {
            String what = state + " area-code-presumption";
            areaCodeSource = source(section(presumption, SOURCE_ONLY, what), presumption, what);
        }
        return new CallingRules.StateRules(hours.byDay, hours.closed, hours.source,
                List.copyOf(holidays), holidaysSource, cap, areaCodeSource);
    }

    private record Hours(CallingWindows.Window[] byDay, Set<DayOfWeek> closed, String source) {
        static final Hours NONE = new Hours(new CallingWindows.Window[7], EnumSet.noneOf(DayOfWeek.class), null);
    }

    private static Hours hours(LocatedYaml node, String what) {
        Map<String, LocatedYaml> section = section(node, WITH_DAYS, what);
        String source = source(section, node, what);
        CallingWindows.Window[] byDay = new CallingWindows.Window[7];
        Set<DayOfWeek> closed = EnumSet.noneOf(DayOfWeek.class);
        Set<DayOfWeek> given = EnumSet.noneOf(DayOfWeek.class);
        for (Map.Entry<String, LocatedYaml> entry : required(section, "days", node).map(what + " days").entrySet()) {
            LocatedYaml value = entry.getValue();
            Set<DayOfWeek> days = days(entry.getKey(), value);
            for (DayOfWeek day : days) {
                if (!given.add(day)) {
                    throw value.error(what + ": " + day.name().toLowerCase() + " is given twice");
                }
            }
            String text = value.text(what + " " + entry.getKey());
            if (text.equalsIgnoreCase("none")) {
                closed.addAll(days);
            } else {
                CallingWindows.Window window = window(text, value, what + " " + entry.getKey());
                days.forEach(day -> byDay[day.ordinal()] = window);
            }
        }
        return new Hours(byDay, closed, source);
    }

    /** {@code mon-fri}, {@code sat}, {@code sat,sun}, {@code mon-sun}. */
    static Set<DayOfWeek> days(String text, LocatedYaml at) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String part : text.toLowerCase().split(",")) {
            String[] range = part.trim().split("-");
            if (range.length > 2) {
                throw at.error("'" + text + "' is not a day or range of days such as mon-fri or sat,sun");
            }
            DayOfWeek first = day(range[0], text, at);
            DayOfWeek last = range.length == 2 ? day(range[1], text, at) : first;
            if (last.compareTo(first) < 0) {
                throw at.error("'" + text + "': a range of days runs from monday to sunday, as in mon-fri");
            }
            days.addAll(EnumSet.range(first, last));
        }
        return days;
    }

    private static DayOfWeek day(String name, String text, LocatedYaml at) {
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day.name().substring(0, 3).equalsIgnoreCase(name.trim())) {
                return day;
            }
        }
        throw at.error("'" + text + "' names no day: use mon, tue, wed, thu, fri, sat, sun");
    }

    private static CallingWindows.Window window(String text, LocatedYaml at, String what) {
        String[] parts = text.split("-");
        try {
            if (parts.length == 2) {
                LocalTime start = LocalTime.parse(parts[0].trim());
                LocalTime end = LocalTime.parse(parts[1].trim());
                if (end.isAfter(start)) {
                    return new CallingWindows.Window(start, end);
                }
                throw at.error(what + ": '" + text + "' ends before it starts");
            }
        } catch (DateTimeParseException e) {
            // named below
        }
        throw at.error(what + ": '" + text + "' is not a window such as 08:00-21:00, nor none");
    }

    private static CallingRules.Cap cap(UsState state, LocatedYaml node) {
        String what = state + " cap";
        Map<String, LocatedYaml> section = section(node, CAP, what);
        LocatedYaml callsNode = required(section, "calls", node);
        int calls;
        try {
            calls = Integer.parseInt(callsNode.text(what + " calls"));
        } catch (NumberFormatException e) {
            throw callsNode.error(what + " calls must be a whole number");
        }
        if (calls < 1) {
            throw callsNode.error(what + " calls must be at least 1");
        }
        LocatedYaml perNode = required(section, "per", node);
        Duration per;
        try {
            per = TimeUtils.parseDuration(perNode.text(what + " per"));
        } catch (IllegalArgumentException e) {
            throw perNode.error(what + " per: '" + perNode.value() + "' is not a duration such as 24h");
        }
        if (per.toMinutes() < 1) {
            throw perNode.error(what + " per must be at least a minute");
        }
        return new CallingRules.Cap(calls, per, source(section, node, what));
    }

    /** A part of the file: a map with only {@code known} fields. */
    private static Map<String, LocatedYaml> section(LocatedYaml node, Set<String> known, String what) {
        Map<String, LocatedYaml> section = node.map(what);
        onlyKnown(section, known, what);
        return section;
    }

    /** Every part names the statute or page it comes from. */
    private static String source(Map<String, LocatedYaml> section, LocatedYaml node, String what) {
        return required(section, "source", node).text(what + " source");
    }

    private static LocatedYaml required(Map<String, LocatedYaml> fields, String name, LocatedYaml parent) {
        LocatedYaml value = fields.get(name);
        if (value == null) {
            throw new LocatedYaml.YamlError(parent == null ? 1 : parent.line(), "'" + name + "' is missing"
                    + (parent == null ? "" : " here"));
        }
        return value;
    }

    private static void onlyKnown(Map<String, LocatedYaml> fields, Set<String> known, String what) {
        for (Map.Entry<String, LocatedYaml> field : fields.entrySet()) {
            if (!known.contains(field.getKey())) {
                throw field.getValue().error("unknown field '" + field.getKey() + "' in " + what + " (expected one of "
                        + known.stream().sorted().toList() + ")");
            }
        }
    }
}
