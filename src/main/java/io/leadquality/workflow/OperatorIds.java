package io.leadquality.workflow;

/** Stable operator uids: savepoints map state by these, so never change one that has shipped. */
public final class OperatorIds {
    public static final String SOURCE = "kafka-leads-source";
    public static final String SOURCE_SUPPRESSION_LIST = "kafka-suppression-list-source";
    public static final String SOURCE_SUPPRESSION_UPDATES = "kafka-suppression-updates-source";
    public static final String PARSE = "parse-leads";
    public static final String PARSE_SUPPRESSION_LIST = "parse-suppression-list";
    public static final String MARK_SUPPRESSION_LIST_LOADED = "mark-suppression-list-loaded";
    public static final String PARSE_SUPPRESSION_UPDATES = "parse-suppression-updates";
    public static final String LOOKUP_GATE = "lookup-gate";
    public static final String SELA_LOOKUP = "sela-lookup";
    public static final String IDENTITY_RESOLVER = "identity-resolver";
    public static final String PHONE_STAGE = "phone-marks";
    public static final String EMAIL_STAGE = "email-marks";
    public static final String JOIN = "lead-state-join";
    public static final String SINK = "kafka-outputs-sink";
    public static final String REFRESH_SINK = "kafka-refresh-requests-sink";

    private OperatorIds() {}
}
