package io.leadquality.normalize;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Arrays;

/**
 * The US states and territories Sela knows ({@code us_state}), with the IANA zones each spans.
 * States over two zones list the zone most of their people live in first.
 */
public enum UsState {
    AL("Alabama", "America/Chicago"),
    AK("Alaska", "America/Anchorage", "America/Adak"),
    AS("American Samoa", "Pacific/Pago_Pago"),
    AZ("Arizona", "America/Phoenix"),
    AR("Arkansas", "America/Chicago"),
    AA("Armed Forces Americas"),
    AE("Armed Forces Europe"),
    AP("Armed Forces Pacific"),
    CA("California", "America/Los_Angeles"),
    CO("Colorado", "America/Denver"),
    CT("Connecticut", "America/New_York"),
    DE("Delaware", "America/New_York"),
    DC("District of Columbia", "America/New_York"),
    FL("Florida", "America/New_York", "America/Chicago"),
    GA("Georgia", "America/New_York"),
    GU("Guam", "Pacific/Guam"),
    HI("Hawaii", "Pacific/Honolulu"),
    ID("Idaho", "America/Boise", "America/Los_Angeles"),
    IL("Illinois", "America/Chicago"),
    IN("Indiana", "America/Indiana/Indianapolis", "America/Chicago"),
    IA("Iowa", "America/Chicago"),
    KS("Kansas", "America/Chicago", "America/Denver"),
    KY("Kentucky", "America/New_York", "America/Chicago"),
    LA("Louisiana", "America/Chicago"),
    ME("Maine", "America/New_York"),
    MD("Maryland", "America/New_York"),
    MA("Massachusetts", "America/New_York"),
    MI("Michigan", "America/Detroit", "America/Menominee"),
    MN("Minnesota", "America/Chicago"),
    MS("Mississippi", "America/Chicago"),
    MO("Missouri", "America/Chicago"),
    MT("Montana", "America/Denver"),
    NE("Nebraska", "America/Chicago", "America/Denver"),
    NV("Nevada", "America/Los_Angeles"),
    NH("New Hampshire", "America/New_York"),
    NJ("New Jersey", "America/New_York"),
    NM("New Mexico", "America/Denver"),
    NY("New York", "America/New_York"),
    NC("North Carolina", "America/New_York"),
    ND("North Dakota", "America/Chicago", "America/Denver"),
    MP("Northern Mariana Islands", "Pacific/Saipan"),
    OH("Ohio", "America/New_York"),
    OK("Oklahoma", "America/Chicago"),
    OR("Oregon", "America/Los_Angeles", "America/Boise"),
    PA("Pennsylvania", "America/New_York"),
    PR("Puerto Rico", "America/Puerto_Rico"),
    RI("Rhode Island", "America/New_York"),
    SC("South Carolina", "America/New_York"),
    SD("South Dakota", "America/Chicago", "America/Denver"),
    TN("Tennessee", "America/Chicago", "America/New_York"),
    TX("Texas", "America/Chicago", "America/Denver"),
    UT("Utah", "America/Denver"),
    VT("Vermont", "America/New_York"),
    VI("Virgin Islands", "America/St_Thomas"),
    VA("Virginia", "America/New_York"),
    WA("Washington", "America/Los_Angeles"),
    WV("West Virginia", "America/New_York"),
    WI("Wisconsin", "America/Chicago"),
    WY("Wyoming", "America/Denver");

    private static final Map<String, UsState> BY_NAME = new HashMap<>();

    static {
        for (UsState state : values()) {
            BY_NAME.put(squash(state.fullName), state);
            BY_NAME.put(squash(state.name()), state);
        }
        BY_NAME.put(squash("Washington DC"), DC);
        BY_NAME.put(squash("Washington D.C."), DC);
        BY_NAME.put(squash("US Virgin Islands"), VI);
        BY_NAME.put(squash("U.S. Virgin Islands"), VI);
    }

    private final String fullName;
    private final List<ZoneId> zones;

    UsState(String fullName, String... zones) {
        this.fullName = fullName;
        this.zones = Arrays.stream(zones).map(ZoneId::of).toList();
    }

    public String fullName() {
        return fullName;
    }

    /** The zones the state spans; empty for the armed-forces codes. */
    public List<ZoneId> zones() {
        return zones;
    }

    /** A two-letter code or full name, any case and spacing; null when it names no state. */
    public static UsState parse(String text) {
        if (text == null) {
            return null;
        }
        return BY_NAME.get(squash(text));
    }

    private static String squash(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (Character.isLetter(c)) {
                out.append(Character.toLowerCase(c));
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
