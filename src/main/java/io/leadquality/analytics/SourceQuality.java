package io.leadquality.analytics;

/** One record of {@code leads.source-quality} (SPEC section 11). Flink POJO. */
public class SourceQuality {
    public String leadSource;
    public String leadType;
    /** Epoch millis; the window is [start, end). */
    public long windowStart;
    public long windowEnd;
    public long events;
    /** Distinct external_ids. */
    public long leads;
    /** Per flag name (sorted), the leads flagged with it in the window; in the order of {@link #flaggedCounts}. */
    public String[] flaggedNames;
    public long[] flaggedCounts;
    public long notInSela;
    /** Events that re-sent a lead already seen in the window. */
    public long duplicates;
    public long lookupsFailed;
    /** 0 when the window first closes; one more each time late events change it. */
    public int revision;
    /** Processing time when the record was written (its Kafka timestamp). */
    public long writtenAt;

    public SourceQuality() {}

    /** The topic's key, so the compacted topic keeps the newest revision: {@code lead_source|lead_type|window_start}. */
    public String key() {
        return leadSource + '|' + leadType + '|' + windowStart;
    }
}
