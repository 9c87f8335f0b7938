package io.leadquality.join;

import io.leadquality.model.CallLog;
import io.leadquality.model.ContactVerdict;
import io.leadquality.model.LeadEvent;
import io.leadquality.model.SelaLead;
import io.leadquality.model.SelaLookup;
import io.leadquality.model.SuppressionUpdate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;

/** What the join keeps per key. Flink POJO. */
public class LeadState {
    /** The newest Sela lead seen (by modified_time), or null. */
    public SelaLead snapshot;
    /** The stamp of the lookup that brought {@link #snapshot}. */
    public long snapshotSeq;
    /** The newest lookup applied (its stamp); cached events stamped at or below it are answered. */
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
    /** The stamp of the newest input event, whose rule inputs are remembered. */
    public long inputSeq;
    /** The rule inputs of the newest input event, so a refresh can judge the lead without one. */
    public String phoneNumber;
    public String email;
    public String usState;
    public String leadType;
    /** Set only by a job from before the contact stages, while it held events for the list to load: when its check was due, else 0. */
    public long listWaitTimer;
    /** Processing time of the last Sela answer or push for the lead: a lead heard from within the refresh interval is not refreshed. */
    public long lastHeardAt;
    /** When the lead's refresh was first deferred for want of room at the rate limit, until answered; else 0. */
    public long refreshDeferredSince;
    /** Calls to the lead (SPEC section 8), newest last, at most {@link CallLog#MAX_CALLS}: their ids and times. */
    public String[] callIds;
    public long[] callTimes;
    /**
     * What the lead's phones and e-mails said last (SPEC section 9): per phone or e-mail (its own and
     * Sela's, when they differ), the contact stage's newest verdict; empty when none.
     */
    public ContactVerdict[] phoneVerdicts = new ContactVerdict[0];
    /** The calling rules' version the lead was last judged under (SPEC section 10); null before the rules file. */
    public String rulesVersion;
    /** When a raised CALL_FREQUENCY_CAP's window lets a new call (its timer), else 0. */
    public long capTimer;

    public LeadState() {}

    /**
     * Keeps a verdict from the phone stage when it is for one of the lead's phones and newer than the
     * one held for that phone (versions grow per phone; verdicts may arrive in any order). Verdicts of
     * phones the lead no longer has are dropped.
     * @return whether the verdicts held changed
     */
    boolean takeVerdict(ContactVerdict verdict) {
        if (verdict == null || !isNamedBy(verdict.identity)) {
            return false;
        }
        List<ContactVerdict> kept = new ArrayList<>(2);
        for (ContactVerdict held : phoneVerdicts) {
            if (held.identity.equals(verdict.identity)) {
                if (verdict.version <= held.version) {
                    return false;
                }
            } else if (isNamedBy(held.identity)) {
                kept.add(held);
            }
        }
        kept.add(verdict);
        phoneVerdicts = kept.toArray(new ContactVerdict[0]);
        return true;
    }

    /** The verdicts held for the lead's current phones. */
    ContactVerdict[] currentPhoneVerdicts() {
        for (ContactVerdict held : phoneVerdicts) {
            if (!isNamedBy(held.identity)) {
                return Arrays.stream(phoneVerdicts).filter(v -> isNamedBy(v.identity)).toArray(ContactVerdict[]::new);
            }
        }
        return phoneVerdicts;
    }

    /**
     * The calls to the lead's phone, whichever lead they were for (the phone stage's count, SPEC section
     * 9) with the lead's own: each time once.
     */
    long[] callTimesOfPhone(ContactVerdict[] verdicts) {
        long[] merged = callTimes;
        for (ContactVerdict verdict : verdicts) {
            if (verdict.callTimes != null) {
                merged = merged == null ? verdict.callTimes
                        : LongStream.concat(LongStream.of(merged), LongStream.of(verdict.callTimes)).distinct().toArray();
            }
        }
        return merged;
    }

    /** Remembers the event's rule inputs unless a newer event of the lead has been seen already. */
    void rememberRuleInputs(LeadEvent event, long now) {
        lastInputAt = now;
        if (event.seq != 0 && event.seq <= inputSeq) {
            return;
        }
        inputSeq = event.seq;
        phoneNumber = SharedTexts.sameAs(snapshot == null ? null : snapshot.phoneNumber, event.phoneNumber);
        email = SharedTexts.sameAs(snapshot == null ? null : snapshot.email, event.email);
        usState = SharedTexts.of(event.usState);
        leadType = SharedTexts.of(event.leadType);
    }

    /**
     * Keeps a fetched Sela lead as the snapshot, holding no text twice that the lead or other
     * leads already hold: on the heap backend that is a third of a lead's footprint.
     */
    void keepSnapshot(SelaLead fetched, String key) {
        fetched.externalId = SharedTexts.sameAs(key, fetched.externalId);
        fetched.phoneNumber = SharedTexts.sameAs(phoneNumber, fetched.phoneNumber);
        fetched.email = SharedTexts.sameAs(email, fetched.email);
        fetched.status = SharedTexts.of(fetched.status);
        fetched.statusDetail = SharedTexts.of(fetched.statusDetail);
        fetched.statusReason = SharedTexts.of(fetched.statusReason);
        fetched.usState = SharedTexts.of(fetched.usState);
        fetched.leadType = SharedTexts.of(fetched.leadType);
        fetched.leadSource = SharedTexts.of(fetched.leadSource);
        snapshot = fetched;
    }

    /** Records a call once, however often its webhooks arrive; true when it is new. */
    boolean recordCall(String callId, long at) {
        CallLog log = new CallLog(callIds, callTimes);
        if (!log.add(callId, at)) {
            return false;
        }
        callIds = log.ids();
        callTimes = log.times();
        return true;
    }

    void copyRuleInputsTo(LeadEvent refresh) {
        refresh.phoneNumber = phoneNumber;
        refresh.email = email;
        refresh.usState = usState;
        refresh.leadType = leadType;
    }

    /** True once an input event of the lead has been judged (not just held or refreshed). */
    boolean judged() {
        return lastInputAt != 0;
    }

    /** Whether a suppression-list identity ({@code phone_number:...}, {@code email:...}) names this lead. */
    boolean isNamedBy(String identity) {
        // Compared in place: this runs several times per event, and building the identities was most of
        // takeVerdict's 5% of the join's samples in a profile of jobs/bench --only 4.
        return SuppressionUpdate.isPhoneIdentity(identity, phoneNumber) || SuppressionUpdate.isEmailIdentity(identity, email)
                || snapshot != null && (SuppressionUpdate.isPhoneIdentity(identity, snapshot.phoneNumber)
                        || SuppressionUpdate.isEmailIdentity(identity, snapshot.email));
    }

    /** The suppression-list entry one of the verdicts names, or null. */
    static SuppressionUpdate listedIn(ContactVerdict[] verdicts) {
        for (ContactVerdict verdict : verdicts) {
            if (verdict.listed != null) {
                return verdict.listed;
            }
        }
        return null;
    }
}
