package io.leadquality.analytics;

/**
 * One lead's events in one window of its source and type: how many, the flags any of them carried, the
 * failed lookups. Small and of fixed size, so a window's state costs the same on RocksDB whatever the
 * source sends. Flink POJO.
 */
public class LeadInWindow {
    public String leadSource;
    public String leadType;
    public long events;
    /** The OR of its events' flag bits. */
    public int flags;
    public long lookupsFailed;

    public LeadInWindow() {}

    LeadInWindow copy() {
        LeadInWindow copy = new LeadInWindow();
        copy.leadSource = leadSource;
        copy.leadType = leadType;
        copy.events = events;
        copy.flags = flags;
        copy.lookupsFailed = lookupsFailed;
        return copy;
    }
}
