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
    /** Per flag, in the order of {@link #flags}: the sentence with the evidence that raised it. */
    public String[] evidence;
    public long processedAt;
    /** Epoch millis: the earliest legal call at or after Sela's next_call_time, else now (SPEC section 10); null: none within two weeks. */
    public Long nextAllowedCallAt;

    public EnrichedLead() {}
}
