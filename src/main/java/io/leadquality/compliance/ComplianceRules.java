package io.leadquality.compliance;

import io.leadquality.model.Flag;
import io.leadquality.model.LeadEvent;
import io.leadquality.model.LookupOutcome;
import io.leadquality.model.SelaLead;
import io.leadquality.model.SelaLookup;
import io.leadquality.model.SuppressionUpdate;
import io.leadquality.normalize.PhoneNumbers;
import io.leadquality.normalize.Timestamps;
import io.leadquality.normalize.UsState;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The flags of SPEC section 3, as a pure function of an event, its Sela state and the lookup. */
public final class ComplianceRules implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final TerritoryPolicy territories;
    private final CallingWindows callingWindows;

    public ComplianceRules(TerritoryPolicy territories, CallingWindows callingWindows) {
        this.territories = territories;
        this.callingWindows = callingWindows;
    }

    /**
     * @param sela the Sela lead to judge by (fresh, or the last known snapshot), or null
     * @param lookup what the lookup answered (outcome, matches, query, failure)
     */
    public Map<Flag, String> evaluate(LeadEvent event, SelaLead sela, SelaLookup lookup) {
        return evaluate(event, sela, lookup, locate(event, sela), null);
    }

    /**
     * As {@link #evaluate(LeadEvent, SelaLead, SelaLookup)}, with the lead's location already known.
     * @param listed the suppression-list entry that names one of the lead's phones or emails, or null
     */
    public Map<Flag, String> evaluate(LeadEvent event, SelaLead sela, SelaLookup lookup, LeadLocation location,
                                      SuppressionUpdate listed) {
        Map<Flag, String> flags = new EnumMap<>(Flag.class);
        if (sela != null) {
            selaMarks(sela, flags);
        }
        if (listed != null && !flags.containsKey(Flag.CALL_DNC)) {
            flags.put(Flag.CALL_DNC, suppressionReason(listed));
        }
        territory(event, sela, location, flags);
        badNumber(event, sela, flags);
        if (sela != null && sela.nextCallMicros != null) {
            callingWindow(Timestamps.ofMicros(sela.nextCallMicros), location, phoneOf(event, sela), flags);
        }
        lookupFlags(lookup, flags);
        return flags;
    }

    private static void selaMarks(SelaLead sela, Map<Flag, String> flags) {
        if (Boolean.TRUE.equals(sela.callDnc)) {
            flags.put(Flag.CALL_DNC, "Sela marks the lead do-not-call (call_dnc=true)");
        } else if ("has_call_dnc".equals(sela.statusDetail)) {
            flags.put(Flag.CALL_DNC, "Sela marks the lead do-not-call (status_detail=has_call_dnc)");
        }
        if (Boolean.TRUE.equals(sela.smsDnc)) {
            flags.put(Flag.SMS_DNC, "Sela marks the lead do-not-text (sms_dnc=true)");
        }
        if ("tcpa_litigator".equals(sela.statusDetail)) {
            flags.put(Flag.TCPA_LITIGATOR, "Sela identifies the lead as a TCPA litigator (status_detail=tcpa_litigator)");
        }
        if ("OUT_OF_TERRITORY".equals(sela.status)) {
            flags.put(Flag.OUT_OF_TERRITORY, "Sela marks the lead out of territory (status=OUT_OF_TERRITORY)");
        }
        if ("BAD_NUMBER".equals(sela.status)) {
            flags.put(Flag.BAD_NUMBER, "Sela marks the lead's number bad (status=BAD_NUMBER)");
        }
    }

    /** SPEC section 7's wording, then which phone or email the entry names. */
    static String suppressionReason(SuppressionUpdate entry) {
        String why = entry.reason == null ? "no reason given" : entry.reason;
        return "on the suppression list: " + why + " (" + entry.identity.replaceFirst(":", " ") + ")";
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

    private void callingWindow(Instant nextCall, LeadLocation location, String phone, Map<Flag, String> flags) {
        CallingWindows.Window window = callingWindows.windowFor(location.state());
        for (ZoneId zone : zonesToCheck(location.state(), phone, nextCall)) {
            LocalTime local = nextCall.atZone(zone).toLocalTime();
            if (!window.contains(local)) {
                String where = location.known() ? location.state() + ", " + zone : zone.toString();
                flags.put(Flag.OUTSIDE_CALLING_WINDOW, "Sela's next call at " + LOCAL.format(nextCall.atZone(zone))
                        + " local time (" + where + ") is outside the permitted calling hours " + window);
                return;
            }
        }
    }

    /**
     * The zones the call time must be legal in. A state over two zones is read in the phone's zone
     * when the area code pins it to one of them, else in all of them (the strictest reading).
     */
    static List<ZoneId> zonesToCheck(UsState state, String phone, Instant at) {
        List<ZoneId> phoneZones = phone == null ? List.of() : PhoneNumbers.zonesOf(phone);
        if (state == null || state.zones().isEmpty()) {
            return phoneZones;
        }
        List<ZoneId> stateZones = state.zones();
        if (stateZones.size() == 1) {
            return stateZones;
        }
        if (phoneZones.size() == 1) {
            ZoneId phoneZone = phoneZones.get(0);
            for (ZoneId stateZone : stateZones) {
                if (stateZone.getRules().getOffset(at).equals(phoneZone.getRules().getOffset(at))) {
                    return List.of(stateZone);
                }
            }
        }
        return new ArrayList<>(stateZones);
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
