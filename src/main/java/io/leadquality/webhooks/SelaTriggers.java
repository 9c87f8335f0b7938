package io.leadquality.webhooks;

import java.util.Set;

/** The triggers Sela's outbound webhooks fire on (api-docs/sela-webhooks.md), one receiver URL each. */
public final class SelaTriggers {
    public static final Set<String> ALL = Set.of(
            "LEAD_CREATED", "LEAD_UPDATED", "LEAD_CLOSED", "LEAD_CLOSED_INCOMPLETE", "LEAD_LOST", "LEAD_SCHEDULE_COMPLETED",
            "LEAD_LATE_CALLBACK", "LEAD_OUT_OF_TERRITORY", "LEAD_BAD_NUMBER", "LEAD_CANCELLED", "LEAD_CALLBACK_TO_TRANSFER",
            "LEAD_BEFORE_REENGAGEMENT", "LEAD_REENGAGEMENT", "LEAD_FIRST_INBOUND", "CALL_COMPLETE", "BEFORE_CALLING",
            "CALL_FAILED", "CALL_ENDED", "CALL_TRANSFER_INITIATED", "SMS_DNC", "CALL_DNC");
    /** Kafka headers the receiver writes beside the body. */
    public static final String TRIGGER_HEADER = "sela-trigger";
    public static final String RECEIVED_AT_HEADER = "received-at";

    private SelaTriggers() {}
}
