package io.leadquality.compliance;

import java.util.Map;

/** The rules file the job ships, read as the job reads it, with no calling-window keys of a deployment. */
final class ShippedRules {
    static final CallingRules RULES = CallingRulesFile.load(CallingRulesFile.DEFAULT_PATH, CallingWindows.parse(Map.of()));

    private ShippedRules() {}
}
