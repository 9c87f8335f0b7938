package io.leadquality.join;

import io.leadquality.model.SelaLead;

/**
 * Which of two Sela snapshots of a lead is the newer (SPEC section 2). Sela's {@code modified_time}
 * decides when both carry one. A snapshot without one (it did not parse) never replaces a dated one,
 * since nothing shows it is not older. Otherwise the answer to the later lookup wins: answers of
 * unordered async I/O, retries and refreshes arrive in any order.
 */
final class SnapshotOrder {
    private SnapshotOrder() {}

    /**
     * @param heldSeq stamp of the lookup that brought {@code held}
     * @param fetchedSeq stamp of the lookup that brought {@code fetched}
     */
    static boolean replaces(SelaLead held, long heldSeq, SelaLead fetched, long fetchedSeq) {
        if (held == null) {
            return true;
        }
        if (held.modifiedMicros != null && fetched.modifiedMicros != null) {
            return fetched.modifiedMicros >= held.modifiedMicros;
        }
        if (held.modifiedMicros != null) {
            return false;
        }
        return fetchedSeq > heldSeq;
    }
}
