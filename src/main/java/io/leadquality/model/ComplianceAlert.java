package io.leadquality.model;

/** A flag appearing on, or leaving, a lead. Flink POJO. */
public class ComplianceAlert {
    public String alertId;
    public String externalId;
    public Long selaId;
    public Flag flag;
    public AlertState state;
    public Severity severity;
    public String reason;
    /** Epoch millis. */
    public long at;
    public String phoneNumber;
    public String usState;
    public String leadType;
    /** The rules file's version the alert was judged under. */
    public String rulesVersion;
    /** For OUTSIDE_CALLING_WINDOW and CALL_FREQUENCY_CAP: epoch millis of the earliest legal call, or null. */
    public Long nextAllowedCallAt;

    public ComplianceAlert() {}
}
