package io.leadquality.compliance;

import io.leadquality.config.ConfigException;
import io.leadquality.normalize.UsState;

import java.io.Serializable;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Permitted calling hours, in the lead's local time: {@code calling-window.default} (federal
 * 08:00-21:00) and stricter {@code calling-window.<STATE>} entries. A state entry never widens
 * the default: the effective window is the intersection.
 */
public final class CallingWindows implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Start inclusive, end exclusive. */
    public record Window(LocalTime start, LocalTime end) implements Serializable {
        public boolean contains(LocalTime time) {
            return !time.isBefore(start) && time.isBefore(end);
        }

        Window intersect(Window other) {
            LocalTime s = start.isAfter(other.start) ? start : other.start;
            LocalTime e = end.isBefore(other.end) ? end : other.end;
            return new Window(s, e.isBefore(s) ? s : e);
        }

        @Override
        public String toString() {
            return start + "-" + end;
        }
    }

    private final Window federal;
    private final Map<UsState, Window> byState;

    private CallingWindows(Window federal, Map<UsState, Window> byState) {
        this.federal = federal;
        this.byState = byState;
    }

    public static CallingWindows parse(Map<String, String> entries) {
        Window federal = parseWindow("calling-window.default", entries.getOrDefault("default", "08:00-21:00"));
        Map<UsState, Window> byState = new EnumMap<>(UsState.class);
        entries.forEach((name, value) -> {
            if (name.equals("default")) {
                return;
            }
            String key = "calling-window." + name;
            UsState state = name.length() == 2 ? UsState.parse(name) : null;
            if (state == null) {
                throw new ConfigException(key, "'" + name + "' is not a two-letter US state code");
            }
            byState.put(state, parseWindow(key, value).intersect(federal));
        });
        return new CallingWindows(federal, Collections.unmodifiableMap(byState));
    }

    private static Window parseWindow(String key, String value) {
        String[] parts = value.split("-");
        if (parts.length != 2) {
            throw new ConfigException(key, "'" + value + "' is not a window such as 08:00-21:00");
        }
        try {
            LocalTime start = LocalTime.parse(parts[0].trim());
            LocalTime end = LocalTime.parse(parts[1].trim());
            if (!end.isAfter(start)) {
                throw new ConfigException(key, "'" + value + "' ends before it starts");
            }
            return new Window(start, end);
        } catch (DateTimeParseException e) {
            throw new ConfigException(key, "'" + value + "' is not a window such as 08:00-21:00");
        }
    }

    /** The window for a state, or the federal one when the state is null or has no entry. */
    public Window windowFor(UsState state) {
        return state == null ? federal : byState.getOrDefault(state, federal);
    }
}
