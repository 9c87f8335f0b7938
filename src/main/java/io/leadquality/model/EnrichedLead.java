package io.leadquality.model;

/** A valid input event joined with its Sela state and flags. Flink POJO. */
public class EnrichedLead {
    public String externalId;
    public LeadEvent event;
    /** The Sela lead as fetched, or the last known snapshot, or null. */
    public SelaLead sela;
    public LookupOutcome lookup;
    /** Sorted flag names. */
    public String[] flags;
    public long processedAt;

    public EnrichedLead() {}
}
