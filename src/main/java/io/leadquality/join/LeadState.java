package io.leadquality.join;

import io.leadquality.model.SelaLead;
import io.leadquality.model.SelaLookup;

/** What the join keeps per key. Flink POJO. */
public class LeadState {
    /** The newest Sela lead seen (by modified_time), or null. */
    public SelaLead snapshot;
    /** The newest lookup applied (its gate stamp); cached events stamped at or below it are answered. */
    public long appliedSeq;
    /** The last lookup's answer without its lead, for events served from the cache. */
    public SelaLookup lastLookup;
    /** Flags currently raised, sorted. */
    public String[] activeFlags = new String[0];
    /** Per tracked field, the Sela modified_time (micros) at which it took its current value. */
    public Long[] since = new Long[TrackedField.values().length];
    /** When a timer to release waiting events is set, its time; else 0. */
    public long releaseTimer;

    public LeadState() {}
}
