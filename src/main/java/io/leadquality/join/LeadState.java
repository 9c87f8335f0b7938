package io.leadquality.join;

import io.leadquality.model.LeadEvent;
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
    /** When the next refresh is due, else 0. */
    public long refreshTimer;
    /** Processing time of the last input event (refreshes stop after state.ttl without one). */
    public long lastInputAt;
    /** The rule inputs of the last input event, so a refresh can judge the lead without one. */
    public String phoneNumber;
    public String usState;
    public String leadType;

    public LeadState() {}

    void rememberRuleInputs(LeadEvent event, long now) {
        lastInputAt = now;
        phoneNumber = event.phoneNumber;
        usState = event.usState;
        leadType = event.leadType;
    }

    void copyRuleInputsTo(LeadEvent refresh) {
        refresh.phoneNumber = phoneNumber;
        refresh.usState = usState;
        refresh.leadType = leadType;
    }
}
