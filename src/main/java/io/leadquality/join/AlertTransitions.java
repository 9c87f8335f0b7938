package io.leadquality.join;

import io.leadquality.model.AlertState;
import io.leadquality.model.Flag;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Alerts on transitions only (SPEC section 4): a flag that appears is RAISED, one that goes away CLEARED. */
final class AlertTransitions {
    record Transition(Flag flag, AlertState state, String reason) {}

    private AlertTransitions() {}

    /**
     * @param before the flags raised so far (names)
     * @param now the flags that hold now, with their reasons
     * @param clearedReason why a flag no longer holds, in one sentence
     */
    static List<Transition> between(String[] before, Map<Flag, String> now, Function<Flag, String> clearedReason) {
        List<Transition> transitions = new ArrayList<>(2);
        for (Map.Entry<Flag, String> finding : now.entrySet()) {
            if (!contains(before, finding.getKey())) {
                transitions.add(new Transition(finding.getKey(), AlertState.RAISED, finding.getValue()));
            }
        }
        for (String name : before) {
            Flag flag = Flag.valueOf(name);
            if (!now.containsKey(flag)) {
                transitions.add(new Transition(flag, AlertState.CLEARED, clearedReason.apply(flag)));
            }
        }
        return transitions;
    }

    private static boolean contains(String[] names, Flag flag) {
        for (String name : names) {
            if (name.equals(flag.name())) {
                return true;
            }
        }
        return false;
    }
}
