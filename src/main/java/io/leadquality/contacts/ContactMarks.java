package io.leadquality.contacts;

import io.leadquality.compliance.Evidence;
import io.leadquality.model.CarriedMark;
import io.leadquality.model.ContactVerdict;
import io.leadquality.model.SelaLead;
import io.leadquality.model.SuppressionUpdate;

import java.util.HashMap;
import java.util.Map;

/**
 * The Sela marks one phone number (or e-mail) carries through its leads (SPEC section 9): a
 * do-not-call or litigator mark on any lead with that phone marks the phone. Held per lead, so a mark
 * is cleared only by evidence, a newer snapshot of the lead that carried it without the mark, and
 * forgotten {@code compliance.mark-retention} after it was last seen. A snapshot older (by Sela's
 * {@code modified_time}) than the newest seen of its lead changes nothing.
 *
 * <p>Flink POJO: one per phone or e-mail in the phone stage's keyed state. Only marked leads are held
 * here, usually none or one, so deciding does not read every lead that shares a phone.
 */
public class ContactMarks {
    /** By lead key: the leads whose newest snapshot carries a mark. */
    public Map<String, CarriedMark> marked = new HashMap<>();

    public ContactMarks() {}

    /**
     * A snapshot of the lead {@code leadKey} that has this phone, newer than any seen of it before
     * (the caller keeps the newest {@code modified_time} per lead). Only a found Sela lead is evidence:
     * a lookup that found nothing or failed changes no mark.
     *
     * @param litigatorToo whether a litigator mark counts here (a phone's) or only do-not-call (an e-mail's)
     *
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

    /** Forgets marks last seen {@code retentionMillis} or more ago. @return whether any was forgotten */
    public boolean expire(long now, long retentionMillis) {
        return marked.values().removeIf(mark -> now - mark.seenAt >= retentionMillis);
    }

    /** When the next mark is forgotten, or {@link Long#MAX_VALUE} when none is held. */
    public long nextExpiry(long retentionMillis) {
        long next = Long.MAX_VALUE;
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
     * The verdict for the lead {@code leadKey}: the marks the other leads with this phone carry, and
     * the suppression-list entry naming it.
     * @param listed the active ADD naming this phone or e-mail, or null
     */
    public ContactVerdict verdictFor(String leadKey, String identity, long version, SuppressionUpdate listed) {
        ContactVerdict verdict = new ContactVerdict();
        verdict.identity = identity;
        verdict.version = version;
        verdict.listed = listed;
        verdict.doNotCallBy = doNotCallFor(leadKey);
        verdict.litigatorBy = litigatorFor(leadKey);
        return verdict;
    }

    public boolean isEmpty() {
        return marked.isEmpty();
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
