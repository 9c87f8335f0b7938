package io.leadquality.compliance;

import io.leadquality.config.ConfigException;
import io.leadquality.normalize.UsState;

import java.io.Serializable;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Which states each campaign ({@code lead_type}) is licensed to call: {@code territory.<lead_type>},
 * falling back to {@code territory.default}; {@code *} means every state.
 */
public final class TerritoryPolicy implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String DEFAULT = "default";

    /** null value = all states. */
    private final Map<String, Set<UsState>> byLeadType;

    private TerritoryPolicy(Map<String, Set<UsState>> byLeadType) {
        this.byLeadType = byLeadType;
    }

    public static TerritoryPolicy parse(Map<String, String> entries) {
        Map<String, Set<UsState>> parsed = new TreeMap<>();
        parsed.put(DEFAULT, null);
        entries.forEach((leadType, value) -> parsed.put(leadType, parseStates("territory." + leadType, value)));
        return new TerritoryPolicy(Collections.unmodifiableMap(parsed));
    }

    private static Set<UsState> parseStates(String key, String value) {
        if (value.trim().equals("*")) {
            return null;
        }
        EnumSet<UsState> states = EnumSet.noneOf(UsState.class);
        for (String item : value.split(",")) {
            String code = item.trim();
            if (code.isEmpty()) {
                continue;
            }
            UsState state = UsState.parse(code);
            if (state == null) {
                throw new ConfigException(key, "'" + code + "' is not a US state code");
            }
            states.add(state);
        }
        if (states.isEmpty()) {
            throw new ConfigException(key, "lists no state (use * for all states)");
        }
        return Collections.unmodifiableSet(states);
    }

    /** The licensed states for a campaign; null means all states. */
    public Set<UsState> licensedStates(String leadType) {
        if (leadType != null && byLeadType.containsKey(leadType)) {
            return byLeadType.get(leadType);
        }
        return byLeadType.get(DEFAULT);
    }

    public static String describe(Set<UsState> states) {
        return states.stream().map(Enum::name).collect(Collectors.joining(", "));
    }
}
