package io.leadquality.compliance;

import io.leadquality.normalize.UsState;

/** Where a lead is, and which evidence said so. */
public record LeadLocation(UsState state, String source) {
    static final LeadLocation UNKNOWN = new LeadLocation(null, "unknown");

    public boolean known() {
        return state != null;
    }
}
