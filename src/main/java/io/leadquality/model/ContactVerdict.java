package io.leadquality.model;

/**
 * What one phone (or e-mail) says of a lead that has it: the marks other leads with it carry, and the
 * suppression-list entry naming it. Decided
 * by the phone stage, which holds the phone; {@link #version} grows with each decision for the phone,
 * so the join keeps the newest whatever order verdicts reach it in. Flink POJO.
 */
public class ContactVerdict {
    /** {@code phone_number:+1...} or {@code email:...}. */
    public String identity;
    public long version;
    /** Another lead's do-not-call mark on this phone, or null. */
    public CarriedMark doNotCallBy;
    /** Another lead's litigator mark on this phone, or null. */
    public CarriedMark litigatorBy;
    /** The suppression-list ADD naming this phone or e-mail, or null. */
    public SuppressionUpdate listed;
    /**
     * When the calls to this phone were made, whichever of its leads they were for (SPEC section 9),
     * newest last, at most {@link CallLog#MAX_CALLS}; null when none (and for an e-mail).
     */
    public long[] callTimes;

    public ContactVerdict() {}

    public boolean isClear() {
        return doNotCallBy == null && litigatorBy == null && listed == null;
    }
}
