package io.leadquality.compliance;

import io.leadquality.model.SelaLead;
import io.leadquality.normalize.Timestamps;

/** The do-not-call and litigator marks of a Sela snapshot, and how to name the snapshot in a reason. */
public final class Evidence {
    private Evidence() {}

    /** Which field marks the lead do-not-call ({@code call_dnc=true}, {@code status_detail=has_call_dnc}), or null. */
    public static String doNotCallMark(SelaLead sela) {
        if (Boolean.TRUE.equals(sela.callDnc)) {
            return "call_dnc=true";
        }
        return "has_call_dnc".equals(sela.statusDetail) ? "status_detail=has_call_dnc" : null;
    }

    public static boolean isLitigator(SelaLead sela) {
        return "tcpa_litigator".equals(sela.statusDetail);
    }

    /** {@code Sela lead 42 modified 2025-02-28T23:09:03.139554Z}: which snapshot. */
    static String of(SelaLead sela) {
        return "Sela lead " + sela.id + (sela.modifiedMicros == null ? " (no readable modified_time)"
                : " modified " + Timestamps.formatMicros(sela.modifiedMicros));
    }
}
