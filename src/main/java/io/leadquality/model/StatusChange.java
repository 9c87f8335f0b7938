package io.leadquality.model;

/** One Sela field of a lead that changed between snapshots. Flink POJO. */
public class StatusChange {
    public String externalId;
    public Long selaId;
    public String field;
    /** Previous value as text ({@code true}/{@code false} for the DNC fields), null on the first. */
    public String from;
    public String to;
    /** Sela modified_time of the snapshot that changed it, epoch micros. */
    public Long changedAtMicros;
    /** Epoch millis. */
    public long observedAt;
    public Long secondsInPrevious;

    public StatusChange() {}

    public boolean isBooleanField() {
        return "call_dnc".equals(field) || "sms_dnc".equals(field);
    }
}
