package io.leadquality.compliance;

import io.leadquality.model.Flag;
import io.leadquality.model.LeadEvent;
import io.leadquality.model.LookupOutcome;
import io.leadquality.model.SelaLead;
import io.leadquality.model.SelaLookup;
import io.leadquality.model.CarriedMark;
import io.leadquality.model.ContactVerdict;
import io.leadquality.model.SuppressionUpdate;
import io.leadquality.normalize.PhoneNumbers;
import io.leadquality.normalize.Timestamps;
import io.leadquality.normalize.UsState;

import java.io.Serializable;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The flags of SPEC sections 3 and 10, as a pure function of an event, its Sela state, the lookup and the calls made. */
public final class ComplianceRules implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The flags the calling rules decide (SPEC section 10): all a new rules version or the clock can change. */
    public static final Set<Flag> CALLING_FLAGS = Set.copyOf(EnumSet.of(Flag.OUTSIDE_CALLING_WINDOW, Flag.CALL_FREQUENCY_CAP));

    private final TerritoryPolicy territories;
    private final CallingRules callingRules;

    public ComplianceRules(TerritoryPolicy territories, CallingRules callingRules) {
        this.territories = territories;
        this.callingRules = callingRules;
    }

    /** With the federal calling window only, narrowed by {@code calling-window.*}: for tests of the other rules. */
    public ComplianceRules(TerritoryPolicy territories, CallingWindows callingWindows) {
        this(territories, CallingRules.federalOnly(callingWindows));
    }

    /**
     * The flags, with the reason for each, and what the calling rules say of the next call.
     * @param nextAllowedCallAt epoch millis: the earliest legal call at or after Sela's next_call_time (else now), or
     *                          null when the rules leave none within {@link CallingRules#HORIZON_DAYS} days
     * @param recheckAt epoch millis when a flag raised now stops holding by the clock alone (the frequency cap's
     *                  window rolling past), else 0
     */
    public record Judgement(Map<Flag, String> flags, Long nextAllowedCallAt, long recheckAt) {}

    public String rulesVersion() {
        return callingRules.version();
    }

    /**
     * @param sela the Sela lead to judge by (fresh, or the last known snapshot), or null
     * @param lookup what the lookup answered (outcome, matches, query, failure)
     */
    public Map<Flag, String> evaluate(LeadEvent event, SelaLead sela, SelaLookup lookup) {
        return judge(event, sela, lookup, locate(event, sela), null, sela, 0L, null).flags(); // no clock, no calls
    }

    /**
     * As {@link #evaluate(LeadEvent, SelaLead, SelaLookup)}, with the lead's location already known.
     * @param listed the suppression-list entry that names one of the lead's phones or emails, or null
     * @param held the newest Sela snapshot the job holds of the lead, or null: when the lookup found
     *             nothing ({@code sela} null), its do-not-call and litigator marks still hold, since
     *             only a snapshot without them clears them (SPEC section 3, evidence rules)
     * @param phones what the lead's phones say: the marks other leads with them carry (SPEC section 9)
     * @param now epoch millis, the processing time of the judgement (the caps' windows end there)
     * @param callTimes when the calls to the lead's phone were made (epoch millis, any order, each call once), or null
     */
    public Judgement judge(LeadEvent event, SelaLead sela, SelaLookup lookup, LeadLocation location,
                           SuppressionUpdate listed, SelaLead held, long now, long[] callTimes, ContactVerdict... phones) {
        Map<Flag, String> flags = new EnumMap<>(Flag.class);
        if (sela != null) {
            selaMarks(sela, flags, lookup != null && lookup.outcome == LookupOutcome.FAILED
                    ? " in its last known snapshot (" + Evidence.of(sela) + "); the newest lookup failed" : "");
        } else if (held != null) {
            keptMarks(held, lookup, flags);
        }
        if (listed != null && !flags.containsKey(Flag.CALL_DNC)) {
            flags.put(Flag.CALL_DNC, suppressionReason(listed));
        }
        for (ContactVerdict phone : phones) {
            phoneMarks(phone, flags);
        }
        territory(event, sela, location, flags);
        badNumber(event, sela, flags);
        Judgement calling = calling(event, sela, location, now, callTimes, flags);
        lookupFlags(lookup, flags);
        return calling;
    }

    /**
     * SPEC section 10: Sela's next call must be legal in every place the person may be, and not come
     * before the phone's calls let a new one under the strictest cap of those places.
     */
    private Judgement calling(LeadEvent event, SelaLead sela, LeadLocation location, long now, long[] callTimes,
                              Map<Flag, String> flags) {
        Instant nextCall = sela != null && sela.nextCallMicros != null ? Timestamps.ofMicros(sela.nextCallMicros) : null;
        Instant from = nextCall != null ? nextCall : Instant.ofEpochMilli(now);
        List<CallingRules.Place> places = callingRules.placesOf(location, phoneOf(event, sela), from);
        if (nextCall != null) {
            String why = callingRules.whyNotAt(places, nextCall);
            if (why != null) {
                flags.put(Flag.OUTSIDE_CALLING_WINDOW, "Sela's next call at " + why);
            }
        }
        CallingRules.CapHold cap = callingRules.capHold(places, callTimes, now);
        long recheckAt = 0;
        if (cap != null) {
            if (nextCall != null && nextCall.toEpochMilli() < cap.opensAt()) {
                flags.put(Flag.CALL_FREQUENCY_CAP, capReason(cap, callTimes, now, nextCall, phoneOf(event, sela)));
                recheckAt = cap.opensAt();
            }
            if (cap.opensAt() > from.toEpochMilli()) {
                from = Instant.ofEpochMilli(cap.opensAt());
            }
        }
        Instant next = callingRules.nextLegal(places, from);
        return new Judgement(flags, next == null ? null : next.toEpochMilli(), recheckAt);
    }

    private String capReason(CallingRules.CapHold cap, long[] callTimes, long now, Instant nextCall, String phone) {
        int calls = CallingRules.callsWithin(callTimes, cap.cap().per(), now);
        return "The phone " + (phone == null ? "" : phone + " ") + "has had " + calls + " call(s) within "
                + cap.cap().window() + " (the newest at " + Timestamps.formatMillis(cap.newestCall()) + "), as many as "
                + cap.state() + " allows (" + cap.cap() + ": " + cap.cap().source() + "); Sela's next call at "
                + Timestamps.formatMillis(nextCall.toEpochMilli()) + " comes before a new call is allowed, at "
                + Timestamps.formatMillis(cap.opensAt());
    }

    /** @param evidence appended to the do-not-call and litigator reasons: which snapshot says so, when not a fresh one */
    private static void selaMarks(SelaLead sela, Map<Flag, String> flags, String evidence) {
        String dnc = Evidence.doNotCallMark(sela);
        if (dnc != null) {
            flags.put(Flag.CALL_DNC, "Sela marks the lead do-not-call (" + dnc + ")" + evidence);
        }
        if (Boolean.TRUE.equals(sela.smsDnc)) {
            flags.put(Flag.SMS_DNC, "Sela marks the lead do-not-text (sms_dnc=true)");
        }
        if (Evidence.isLitigator(sela)) {
            flags.put(Flag.TCPA_LITIGATOR, "Sela identifies the lead as a TCPA litigator (status_detail=tcpa_litigator)"
                    + evidence);
        }
        if ("OUT_OF_TERRITORY".equals(sela.status)) {
            flags.put(Flag.OUT_OF_TERRITORY, "Sela marks the lead out of territory (status=OUT_OF_TERRITORY)");
        }
        if ("BAD_NUMBER".equals(sela.status)) {
            flags.put(Flag.BAD_NUMBER, "Sela marks the lead's number bad (status=BAD_NUMBER)");
        }
    }

    /** The marks of the newest snapshot held, when the newest lookup found no lead: nothing but evidence clears them. */
    private static void keptMarks(SelaLead held, SelaLookup lookup, Map<Flag, String> flags) {
        String kept = " in its last snapshot (" + Evidence.of(held) + "), kept although the newest lookup ("
                + (lookup == null ? "none" : lookup.query) + ") found no lead: only a Sela snapshot without the mark"
                + " or a suppression REMOVE clears it";
        String dnc = Evidence.doNotCallMark(held);
        if (dnc != null) {
            flags.put(Flag.CALL_DNC, "Sela marked the lead do-not-call (" + dnc + ")" + kept);
        }
        if (Evidence.isLitigator(held)) {
            flags.put(Flag.TCPA_LITIGATOR, "Sela identified the lead as a TCPA litigator (status_detail=tcpa_litigator)"
                    + kept);
        }
    }

    /** A mark another lead with the lead's phone (or e-mail) carries flags this lead too, naming that lead. */
    private static void phoneMarks(ContactVerdict phone, Map<Flag, String> flags) {
        if (phone.doNotCallBy == null && phone.litigatorBy == null) {
            return; // the common case: nothing to name, so no reason to build
        }
        String noun = phone.identity.startsWith("email:") ? "e-mail" : "phone";
        String where = "another lead with its " + noun + " (" + readable(phone.identity) + ")";
        if (phone.doNotCallBy != null && !flags.containsKey(Flag.CALL_DNC)) {
            flags.put(Flag.CALL_DNC, where + " is marked do-not-call by Sela: " + carrier(phone.doNotCallBy)
                    + ", " + phone.doNotCallBy.doNotCall);
        }
        if (phone.litigatorBy != null && !flags.containsKey(Flag.TCPA_LITIGATOR)) {
            flags.put(Flag.TCPA_LITIGATOR, where + " is identified by Sela as a TCPA litigator: "
                    + carrier(phone.litigatorBy) + ", status_detail=tcpa_litigator");
        }
    }

    private static String carrier(CarriedMark mark) {
        return "external_id " + mark.externalId + " (Sela lead " + mark.selaId + ")";
    }

    /** Why a flag that was raised no longer holds; for do-not-call and litigator marks, the evidence that cleared them. */
    public static String clearedReason(Flag flag, SelaLead sela) {
        if (flag == Flag.CALL_DNC) {
            return "No do-not-call evidence holds any more: " + (sela == null ? "Sela holds no mark for the lead"
                    : Evidence.of(sela) + " carries no do-not-call mark") + ", no suppression-list entry names its phone"
                    + " or e-mail, and no other lead with its phone or e-mail carries one";
        }
        if (flag == Flag.TCPA_LITIGATOR) {
            return "No litigator evidence holds any more: " + (sela == null ? "Sela holds no mark for the lead"
                    : Evidence.of(sela) + " no longer says tcpa_litigator") + ", and no other lead with its phone does";
        }
        return flag.name() + " no longer holds for this lead";
    }

    /** SPEC section 7's wording, then which phone or email the entry names. */
    static String suppressionReason(SuppressionUpdate entry) {
        String why = entry.reason == null ? "no reason given" : entry.reason;
        return "on the suppression list: " + why + " (" + readable(entry.identity) + ")";
    }

    /** {@code phone:+1...} as {@code phone +1...}; not String.replaceFirst, which compiles a regex per call. */
    private static String readable(String identity) {
        int colon = identity.indexOf(':');
        return colon < 0 ? identity : identity.substring(0, colon) + ' ' + identity.substring(colon + 1);
    }

    /** Sela's us_state, else the event's, else the phone's area code. */
    public static LeadLocation locate(LeadEvent event, SelaLead sela) {
        UsState fromSela = sela == null ? null : UsState.parse(sela.usState);
        if (fromSela != null) {
            return new LeadLocation(fromSela, "Sela us_state");
        }
        UsState fromEvent = UsState.parse(event.usState);
        if (fromEvent != null) {
            return new LeadLocation(fromEvent, "the event's us_state");
        }
        String phone = phoneOf(event, sela);
        UsState fromPhone = phone == null ? null : PhoneNumbers.stateOf(phone);
        if (fromPhone != null) {
            return new LeadLocation(fromPhone, "the area code of " + phone);
        }
        return LeadLocation.UNKNOWN;
    }

    private void territory(LeadEvent event, SelaLead sela, LeadLocation location, Map<Flag, String> flags) {
        if (flags.containsKey(Flag.OUT_OF_TERRITORY)) {
            return;
        }
        String leadType = sela != null && sela.leadType != null ? sela.leadType : event.leadType;
        Set<UsState> licensed = territories.licensedStates(leadType);
        if (licensed == null) {
            return;
        }
        String campaign = leadType == null ? "the default territory" : "campaign " + leadType;
        if (!location.known()) {
            flags.put(Flag.OUT_OF_TERRITORY, "The lead's state is unknown (no us_state, no geographic area code), and "
                    + campaign + " is licensed only for " + TerritoryPolicy.describe(licensed));
        } else if (!licensed.contains(location.state())) {
            flags.put(Flag.OUT_OF_TERRITORY, "The lead is in " + location.state() + " (from " + location.source()
                    + "), which " + campaign + " is not licensed for (licensed: " + TerritoryPolicy.describe(licensed) + ")");
        }
    }

    private static void badNumber(LeadEvent event, SelaLead sela, Map<Flag, String> flags) {
        if (flags.containsKey(Flag.BAD_NUMBER)) {
            return;
        }
        String phone = phoneOf(event, sela);
        if (phone != null && !PhoneNumbers.isValidNanp(phone)) {
            flags.put(Flag.BAD_NUMBER, "The phone " + phone + " is not a valid NANP number");
        }
    }

    private static void lookupFlags(SelaLookup lookup, Map<Flag, String> flags) {
        if (lookup == null) {
            return;
        }
        if (lookup.outcome == LookupOutcome.NOT_FOUND) {
            flags.put(Flag.NOT_IN_SELA, "No Sela lead matches " + lookup.query);
        } else if (lookup.outcome == LookupOutcome.FOUND && lookup.matches > 1) {
            flags.put(Flag.DUPLICATE_IN_SELA, lookup.matches + " Sela leads match " + lookup.query
                    + "; the most recently modified is used");
        } else if (lookup.outcome == LookupOutcome.FAILED) {
            flags.put(Flag.SELA_STATE_UNKNOWN, "The Sela lookup (" + lookup.query + ") failed after "
                    + lookup.attempts + " attempt(s): " + lookup.failure);
        }
    }

    static String phoneOf(LeadEvent event, SelaLead sela) {
        if (event.phoneNumber != null) {
            return event.phoneNumber;
        }
        return sela == null ? null : sela.phoneNumber;
    }
}
