package io.leadquality.contacts;

import io.leadquality.compliance.Evidence;
import io.leadquality.model.CallLog;
import io.leadquality.model.CarriedMark;
import io.leadquality.model.ContactVerdict;
import io.leadquality.model.SelaLead;
import io.leadquality.model.SuppressionUpdate;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * What one phone number (or e-mail) carries (SPEC section 9): the Sela marks of its leads, its
 * suppression-list entry, and the calls made to it.
 * <ul>
 *   <li>A do-not-call or litigator mark on any lead with the phone marks the phone. Held per lead, so a
 *   mark is cleared only by evidence, a newer snapshot of the lead that carried it without the mark,
 *   and forgotten {@code compliance.mark-retention} after it was last seen. A snapshot older (by
 *   Sela's {@code modified_time}) than the newest seen of its lead changes nothing.</li>
 *   <li>The newest list record naming it; a REMOVE stays as a tombstone, so a replayed older ADD cannot win.</li>
 *   <li>Calls to any of its leads, each once (Sela id and call_count), newest last, at most
 *   {@link CallLog#MAX_CALLS}, each kept for the call retention given.</li>
 * </ul>
 *
 * <p>Flink POJO: one per phone or e-mail in the contact stage's keyed state, read once per event.
 * Only marked leads are held here, usually none or one, so deciding does not read every lead that
 * shares a phone.
 */
public class ContactMarks {
    /** By lead key: the leads whose newest snapshot carries a mark. */
    public Map<String, CarriedMark> marked = new HashMap<>();
    /** The newest suppression-list record naming this phone or e-mail, or null. */
    public SuppressionUpdate listEntry;
    /** Calls to the phone: their ids and when they were made; null when none. */
    public String[] callIds;
    public long[] callTimes;

    public ContactMarks() {}

    /**
     * A snapshot of the lead {@code leadKey} that has this phone, newer than any seen of it before
     * (the caller keeps the newest {@code modified_time} per lead). Only a found Sela lead is evidence:
     * a lookup that found nothing or failed changes no mark.
     *
     * @param litigatorToo whether a litigator mark counts here (a phone's) or only do-not-call (an e-mail's)
     * @return whether the marks the phone carries changed (not only when they were last seen)
     */
    public boolean observe(String leadKey, SelaLead snapshot, long now, boolean litigatorToo) {
        String doNotCall = Evidence.doNotCallMark(snapshot);
        boolean litigator = litigatorToo && Evidence.isLitigator(snapshot);
        if (doNotCall == null && !litigator) {
            return marked.remove(leadKey) != null;
        }
        CarriedMark mark = new CarriedMark();
        mark.externalId = snapshot.externalId;
        mark.selaId = snapshot.id;
        mark.doNotCall = doNotCall;
        mark.litigator = litigator;
        mark.modifiedMicros = snapshot.modifiedMicros;
        mark.seenAt = now;
        return !mark.sameAs(marked.put(leadKey, mark));
    }

    /**
     * A suppression-list record naming this phone: kept unless an older record than the one held
     * (a replay: the list read again, or after a restore).
     * @return whether the phone went on or off the list
     */
    public boolean takeListRecord(SuppressionUpdate record) {
        if (!record.supersedes(listEntry)) {
            return false;
        }
        boolean wasListed = listed() != null;
        listEntry = record;
        return wasListed != record.isActive();
    }

    /** The list's ADD naming this phone, or null. */
    public SuppressionUpdate listed() {
        return listEntry != null && listEntry.isActive() ? listEntry : null;
    }

    /** A call to one of the phone's leads; true when it is new (not another trigger or delivery of one known). */
    public boolean recordCall(String callId, long at) {
        CallLog log = new CallLog(callIds, callTimes);
        if (!log.add(callId, at)) {
            return false;
        }
        callIds = log.ids();
        callTimes = log.times();
        return true;
    }

    /**
     * Forgets marks last seen {@code retentionMillis} or more ago, and calls made {@code callRetentionMillis} ago.
     * @return whether any mark was forgotten (which changes what the phone says of its leads)
     */
    public boolean expire(long now, long retentionMillis, long callRetentionMillis) {
        int keep = 0;
        while (callTimes != null && keep < callTimes.length && now - callTimes[keep] >= callRetentionMillis) {
            keep++;
        }
        if (keep > 0) {
            callIds = keep == callIds.length ? null : Arrays.copyOfRange(callIds, keep, callIds.length);
            callTimes = keep == callTimes.length ? null : Arrays.copyOfRange(callTimes, keep, callTimes.length);
        }
        return marked.values().removeIf(mark -> now - mark.seenAt >= retentionMillis);
    }

    /** When the next mark or call is forgotten, or {@link Long#MAX_VALUE} when none is held. */
    public long nextExpiry(long retentionMillis, long callRetentionMillis) {
        long next = callTimes == null ? Long.MAX_VALUE : callTimes[0] + callRetentionMillis;
        for (CarriedMark mark : marked.values()) {
            next = Math.min(next, mark.seenAt + retentionMillis);
        }
        return next;
    }

    /**
     * The do-not-call mark that another lead with this phone carries, for the lead {@code leadKey}
     * (its own mark it carries itself), or null. Of several, the most recently seen.
     */
    public CarriedMark doNotCallFor(String leadKey) {
        return newest(leadKey, true);
    }

    /** As {@link #doNotCallFor}, for the litigator mark. */
    public CarriedMark litigatorFor(String leadKey) {
        return newest(leadKey, false);
    }

    /**
     * The verdict for the lead {@code leadKey}: the marks the other leads with this phone carry, the
     * list entry naming it, and the calls made to it (whichever lead they were for).
     */
    public ContactVerdict verdictFor(String leadKey, String identity, long version) {
        ContactVerdict verdict = new ContactVerdict();
        verdict.identity = identity;
        verdict.version = version;
        verdict.doNotCallBy = doNotCallFor(leadKey);
        verdict.litigatorBy = litigatorFor(leadKey);
        verdict.listed = listed();
        verdict.callTimes = callTimes;
        return verdict;
    }

    /** Nothing worth keeping: no mark, no list record (a REMOVE is one), no call. */
    public boolean isEmpty() {
        return marked.isEmpty() && listEntry == null && callIds == null;
    }

    private CarriedMark newest(String leadKey, boolean doNotCall) {
        CarriedMark newest = null;
        for (Map.Entry<String, CarriedMark> entry : marked.entrySet()) {
            CarriedMark mark = entry.getValue();
            boolean applies = doNotCall ? mark.doNotCall != null : mark.litigator;
            if (applies && !entry.getKey().equals(leadKey) && (newest == null || mark.seenAt > newest.seenAt)) {
                newest = mark;
            }
        }
        return newest;
    }
}
