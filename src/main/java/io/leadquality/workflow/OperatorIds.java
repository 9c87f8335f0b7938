package io.leadquality.workflow;

/** Stable operator uids: savepoints map state by these, so never change one that has shipped. */
public final class OperatorIds {
    public static final String SOURCE = "kafka-leads-source";
    /**
     * The suppression list's reading, new with the contact stages (they hold it now, the join did): a
     * savepoint from before has the old reading finished and the list in the join's broadcast state,
     * so under new uids the list is read again from its topic into the stages.
     */
    public static final String SOURCE_SUPPRESSION_LIST = "kafka-suppression-list-source-per-contact";
    public static final String SOURCE_SUPPRESSION_UPDATES = "kafka-suppression-updates-source";
    public static final String PARSE = "parse-leads";
    public static final String PARSE_SUPPRESSION_LIST = "parse-suppression-list-per-contact";
    public static final String MARK_SUPPRESSION_LIST_LOADED = "mark-suppression-list-loaded-per-contact";
    /** The list's entries for each contact stage ({@code -phone}, {@code -email} appended). */
    public static final String SUPPRESSION_LIST_ENTRIES = "suppression-list-entries";
    public static final String SUPPRESSION_UPDATE_ENTRIES = "suppression-update-entries";
    public static final String PARSE_SUPPRESSION_UPDATES = "parse-suppression-updates";
    public static final String LOOKUP_GATE = "lookup-gate";
    public static final String SELA_LOOKUP = "sela-lookup";
    public static final String IDENTITY_RESOLVER = "identity-resolver";
    public static final String PHONE_STAGE = "phone-marks";
    public static final String EMAIL_STAGE = "email-marks";
    public static final String JOIN = "lead-state-join";
    public static final String SOURCE_QUALITY_EVENT_TIME = "source-quality-event-time";
    public static final String SOURCE_QUALITY_LEADS = "source-quality-leads";
    public static final String SOURCE_QUALITY_WINDOWS = "source-quality-windows";
    public static final String SOURCE_QUALITY_TOO_LATE = "source-quality-too-late";
    public static final String SOURCE_QUALITY_TOO_LATE_SINK = "source-quality-too-late-sink";
    public static final String SINK = "kafka-outputs-sink";
    public static final String REFRESH_SINK = "kafka-refresh-requests-sink";

    private OperatorIds() {}
}
