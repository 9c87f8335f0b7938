package io.leadquality.contacts;

import io.leadquality.compliance.Evidence;
import io.leadquality.model.SelaLead;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

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
    public Map<String, Mark> marked = new HashMap<>();

    /** What one lead's newest snapshot says, and when it was last seen. */
    public static class Mark {
        public String externalId;
        public Long selaId;
        /** {@code call_dnc=true} or {@code status_detail=has_call_dnc}, or null. */
        public String doNotCall;
        public boolean litigator;
        public Long modifiedMicros;
        public long seenAt;

        public Mark() {}

        @Override
        public boolean equals(Object o) {
            return o instanceof Mark m && Objects.equals(externalId, m.externalId) && Objects.equals(selaId, m.selaId)
                    && Objects.equals(doNotCall, m.doNotCall) && litigator == m.litigator;
        }

        @Override
        public int hashCode() {
            return Objects.hash(externalId, selaId, doNotCall, litigator);
        }
    }

    public ContactMarks() {}

    /**
     * A snapshot of the lead {@code leadKey} that has this phone, newer than any seen of it before
     * (the caller keeps the newest {@code modified_time} per lead). Only a found Sela lead is evidence:
     * a lookup that found nothing or failed changes no mark.
     *
     * @return whether the marks the phone carries changed (not only when they were last seen)
     */
    public boolean observe(String leadKey, SelaLead snapshot, long now) {
        String doNotCall = Evidence.doNotCallMark(snapshot);
        boolean litigator = Evidence.isLitigator(snapshot);
        if (doNotCall == null && !litigator) {
            return marked.remove(leadKey) != null;
        }
        Mark mark = new Mark();
        mark.externalId = snapshot.externalId;
        mark.selaId = snapshot.id;
        mark.doNotCall = doNotCall;
        mark.litigator = litigator;
        mark.modifiedMicros = snapshot.modifiedMicros;
        mark.seenAt = now;
        return !mark.equals(marked.put(leadKey, mark));
    }

    /** Forgets marks last seen {@code retentionMillis} or more ago. @return whether any was forgotten */
    public boolean expire(long now, long retentionMillis) {
        return marked.values().removeIf(mark -> now - mark.seenAt >= retentionMillis);
    }

    /** When the next mark is forgotten, or {@link Long#MAX_VALUE} when none is held. */
    public long nextExpiry(long retentionMillis) {
        long next = Long.MAX_VALUE;
        for (Mark mark : marked.values()) {
            next = Math.min(next, mark.seenAt + retentionMillis);
        }
        return next;
    }

    /**
     * The do-not-call mark that another lead with this phone carries, for the lead {@code leadKey}
     * (its own mark it carries itself), or null. Of several, the most recently seen.
     */
    public Mark doNotCallFor(String leadKey) {
        return newest(leadKey, true);
    }

    /** As {@link #doNotCallFor}, for the litigator mark. */
    public Mark litigatorFor(String leadKey) {
        return newest(leadKey, false);
    }

    public boolean isEmpty() {
        return marked.isEmpty();
    }

    private Mark newest(String leadKey, boolean doNotCall) {
        Mark newest = null;
        for (Map.Entry<String, Mark> entry : marked.entrySet()) {
            Mark mark = entry.getValue();
            boolean applies = doNotCall ? mark.doNotCall != null : mark.litigator;
            if (applies && !entry.getKey().equals(leadKey) && (newest == null || mark.seenAt > newest.seenAt)) {
                newest = mark;
            }
        }
        return newest;
    }
}
