package io.leadquality.analytics;

/**
 * What one lead adds to its source's window since the lead's window last fired: the events, 1 lead the
 * first time, the flags it carries for the first time, the failed lookups. Summed per source and type
 * by {@link SourceQualityAggregate}. Flink POJO.
 */
public class QualityChange {
    public String leadSource;
    public String leadType;
    public long events;
    public long leads;
    public int newFlags;
    public long lookupsFailed;

    public QualityChange() {}

    /** The feed's key: {@code lead_source|lead_type}. */
    public String sourceKey() {
        return leadSource + '|' + leadType;
    }
}
