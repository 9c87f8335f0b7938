package io.leadquality.compliance;

import io.leadquality.normalize.PhoneNumbers;
import io.leadquality.normalize.UsState;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The time zones a call must be legal in (SPEC section 3): every zone the lead may be in. A state
 * over two zones is narrowed to the phone's zone only when the phone belongs to that state; a
 * phone from elsewhere says nothing about where in the state the lead lives. With no state known,
 * a phone that pins one zone gives it, and anything else means every mainland zone: the check is
 * never skipped.
 */
public final class CallingZones {
    /** The contiguous states' zones, Arizona's included (no daylight saving time). */
    static final List<ZoneId> MAINLAND = List.of(ZoneId.of("America/New_York"), ZoneId.of("America/Chicago"),
            ZoneId.of("America/Denver"), ZoneId.of("America/Phoenix"), ZoneId.of("America/Los_Angeles"));

    private CallingZones() {}

    public static List<ZoneId> zonesToCheck(UsState state, String phone, Instant at) {
        List<ZoneId> phoneZones = phone == null ? List.of() : PhoneNumbers.zonesOf(phone);
        if (state != null && !state.zones().isEmpty()) {
            List<ZoneId> stateZones = state.zones();
            if (stateZones.size() > 1 && phoneZones.size() == 1 && PhoneNumbers.stateOf(phone) == state) {
                ZoneOffset phoneOffset = phoneZones.get(0).getRules().getOffset(at);
                List<ZoneId> narrowed = stateZones.stream()
                        .filter(zone -> zone.getRules().getOffset(at).equals(phoneOffset)).toList();
                if (narrowed.size() == 1) {
                    return narrowed;
                }
            }
            return stateZones;
        }
        return phoneZones.size() == 1 ? phoneZones : MAINLAND;
    }
}
