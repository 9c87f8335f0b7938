package io.leadquality.join;

import io.leadquality.model.SelaLead;

import java.util.function.Function;

/** The Sela fields whose changes are reported as status changes (SPEC section 4). */
enum TrackedField {
    STATUS("status", l -> l.status),
    STATUS_DETAIL("status_detail", l -> l.statusDetail),
    STATUS_REASON("status_reason", l -> l.statusReason),
    CALL_DNC("call_dnc", l -> l.callDnc == null ? null : l.callDnc.toString()),
    SMS_DNC("sms_dnc", l -> l.smsDnc == null ? null : l.smsDnc.toString());

    final String wireName;
    private final Function<SelaLead, String> reader;

    TrackedField(String wireName, Function<SelaLead, String> reader) {
        this.wireName = wireName;
        this.reader = reader;
    }

    static TrackedField named(String wireName) {
        for (TrackedField field : values()) {
            if (field.wireName.equals(wireName)) {
                return field;
            }
        }
        throw new IllegalArgumentException("not a tracked field: " + wireName);
    }

    String valueOf(SelaLead lead) {
        return lead == null ? null : reader.apply(lead);
    }
}
