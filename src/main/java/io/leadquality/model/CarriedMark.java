package io.leadquality.model;

import java.util.Objects;

/**
 * A Sela do-not-call or litigator mark as one lead carries it, named so an alert on another lead with
 * the same phone can say whose mark it is (SPEC section 9). Flink POJO.
 */
public class CarriedMark {
    public String externalId;
    public Long selaId;
    /** {@code call_dnc=true} or {@code status_detail=has_call_dnc}, or null. */
    public String doNotCall;
    public boolean litigator;
    public Long modifiedMicros;
    /** When the job last saw the lead carry it, epoch millis: the mark is kept for the retention from then. */
    public long seenAt;

    public CarriedMark() {}

    /** The same mark on the same lead (when it was seen aside). */
    public boolean sameAs(CarriedMark other) {
        return other != null && Objects.equals(externalId, other.externalId) && Objects.equals(selaId, other.selaId)
                && Objects.equals(doNotCall, other.doNotCall) && litigator == other.litigator;
    }
}
