package io.leadquality.model;

/**
 * One valid input event, normalised, on its way through lookup and join. Flink POJO.
 *
 * <p>{@link #lookup} is set when this event carries its own Sela lookup; it is null when the event
 * rides on the lookup its key made within the cache TTL ({@link #lookupSeq} names which one).
 */
public class LeadEvent {
    /** external_id from the payload; null when the event must be matched by phone or email. */
    public String externalId;
    /** The Sela lead id when the payload names it. */
    public Long selaId;
    /** The join key: external_id, or the matched Sela lead's, or a fallback (see README). */
    public String key;

    public String topic;
    public int partition;
    public long offset;
    public LeadFormat format;
    /** Epoch millis: the payload's modified/updated time, else the Kafka record timestamp. */
    public long eventTime;

    public String phoneNumber;
    public String email;
    public String usState;
    public String leadType;
    public String leadSource;
    public String firstName;
    public String lastName;
    /** JSON object text, never null ({@code {}} when empty). */
    public String metadataJson = "{}";

    /** True for a refresh request the job sent itself: it updates state and alerts, but is no input event. */
    public boolean refresh;
    /** A refresh the rate limit had no room for: lookups for new events go first; the join asks again later. */
    public boolean refreshDeferred;
    /** True for a Sela snapshot pushed by webhook: its {@link #lookup} is the snapshot; no input event, no API call. */
    public boolean pushed;
    /** A call the webhook reports ({@code <sela id>#<call_count>}), counted once however often delivered; else null. */
    public String callId;
    /** When the receiver got the call's webhook, epoch millis. */
    public long callAt;

    /**
     * The event's place among its key's events: a stamp (wall-clock micros, strictly increasing per
     * key) from the lookup cache, or from the lookup for events matched by phone or email.
     */
    public long seq;
    /** The stamp of the lookup this event is answered by: its own {@link #seq} when it made the lookup. */
    public long lookupSeq;
    public SelaLookup lookup;
    /**
     * Set when an event without external_id, whose lookup found no lead or failed, was keyed to a
     * lead the job knows with the same phone ({@code phone_number}) or email ({@code email}).
     */
    public String matchedBy;
    /** What the lead's phone says (the marks other leads with it carry), set by the phone stage; else null. */
    public ContactVerdict phoneVerdict;
    /** What the lead's e-mail says (do-not-call marks other leads with it carry, its list entry), set by the e-mail stage; else null. */
    public ContactVerdict emailVerdict;
    /**
     * True for a verdict a contact stage sends to a lead with that phone (or e-mail) when what the phone
     * says changes (a mark, a suppression-list entry):
     * it re-judges the lead with what is known of it; no input event, no lookup.
     */
    public boolean contactUpdate;

    public LeadEvent() {}

    /** The Sela lead this event brings (its lookup, a refresh's answer or a push) when one was found; else null. */
    public SelaLead foundSela() {
        return lookup != null && lookup.outcome == LookupOutcome.FOUND ? lookup.lead : null;
    }

    public boolean hasIdentity() {
        return externalId != null || phoneNumber != null || email != null || selaId != null;
    }
}
