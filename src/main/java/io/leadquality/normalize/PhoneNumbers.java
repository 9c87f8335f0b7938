package io.leadquality.normalize;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.geocoding.PhoneNumberOfflineGeocoder;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Phone numbers through Google's libphonenumber, so NANP validity, area-code geography and time
 * zones come from its maintained metadata rather than hand-written tables.
 */
public final class PhoneNumbers {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final String UNKNOWN_ZONE = PhoneNumberToTimeZonesMapper.getUnknownTimeZone();

    private PhoneNumbers() {}

    /**
     * E.164 for anything that reads as a phone number (US numbers without a country code
     * assumed); otherwise the input, stripped, so the evidence survives for BAD_NUMBER.
     */
    public static String normalize(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        if (isNanpE164(raw)) {
            return raw; // Sela's own numbers come this way; formatting them again would give the same text
        }
        return facts(raw).normalized;
    }

    /** {@code +1} and ten digits: already what {@link #normalize} makes of a NANP number. */
    static boolean isNanpE164(String text) {
        if (text.length() != 12 || text.charAt(0) != '+' || text.charAt(1) != '1') {
            return false;
        }
        for (int i = 2; i < 12; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** True for a valid number of the North American Numbering Plan (country code 1). */
    public static boolean isValidNanp(String phone) {
        return phone != null && facts(phone).validNanp;
    }

    /** The US state of the number's area code, or null (non-geographic, Canadian, invalid). */
    public static UsState stateOf(String phone) {
        return phone == null ? null : facts(phone).state();
    }

    /** The zones the number's area code lies in; empty when unknown. */
    public static List<ZoneId> zonesOf(String phone) {
        return phone == null ? List.of() : facts(phone).zones();
    }

    /**
     * Parsing is the costliest step of reading and judging a lead, and a lead's number comes back
     * with each of its events: each distinct number is worked out once per JVM (bounded; the map is
     * emptied when full rather than tracking recency).
     */
    private static Facts facts(String phone) {
        if (phone.length() > MAX_PHONE_CHARS) {
            return new Facts(phone, null); // no number, and hostile input must not fill the cache
        }
        Facts facts = CACHE.get(phone);
        if (facts == null) {
            if (CACHE.size() >= CACHE_LIMIT) {
                CACHE.clear();
            }
            facts = new Facts(phone, parse(phone));
            CACHE.put(phone, facts);
            if (!facts.normalized.equals(phone)) {
                CACHE.putIfAbsent(facts.normalized, facts); // the E.164 form is what the join asks about
            }
        }
        return facts;
    }

    private static final int CACHE_LIMIT = 100_000;
    private static final int MAX_PHONE_CHARS = 64;
    private static final Map<String, Facts> CACHE = new ConcurrentHashMap<>();

    /** What the rules ask of one number; state and zones are looked up when first asked for. */
    private static final class Facts {
        final PhoneNumber number;
        final String normalized;
        final boolean validNanp;
        private volatile UsState state;
        private volatile boolean stateKnown;
        private volatile List<ZoneId> zones;

        Facts(String raw, PhoneNumber number) {
            this.number = number;
            this.normalized = number == null ? raw.strip() : UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
            this.validNanp = number != null && number.getCountryCode() == 1 && UTIL.isValidNumber(number);
        }

        UsState state() {
            if (!stateKnown) {
                state = geographicState(number);
                stateKnown = true;
            }
            return state;
        }

        List<ZoneId> zones() {
            List<ZoneId> known = zones;
            if (known == null) {
                known = List.copyOf(timeZones(number));
                zones = known;
            }
            return known;
        }
    }

    private static UsState geographicState(PhoneNumber number) {
        if (number == null || !UTIL.isValidNumberForRegion(number, "US") && !isUsTerritory(number)) {
            return null;
        }
        String place = PhoneNumberOfflineGeocoder.getInstance().getDescriptionForNumber(number, Locale.ENGLISH);
        if (place == null || place.isBlank()) {
            return null;
        }
        int comma = place.lastIndexOf(',');
        return UsState.parse(comma < 0 ? place : place.substring(comma + 1));
    }

    private static List<ZoneId> timeZones(PhoneNumber number) {
        List<ZoneId> zones = new ArrayList<>();
        if (number == null) {
            return zones;
        }
        for (String id : PhoneNumberToTimeZonesMapper.getInstance().getTimeZonesForNumber(number)) {
            if (!UNKNOWN_ZONE.equals(id)) {
                try {
                    zones.add(ZoneId.of(id));
                } catch (DateTimeException ignored) {
                    // a zone id this JDK does not know cannot help
                }
            }
        }
        return zones;
    }

    private static boolean isUsTerritory(PhoneNumber number) {
        String region = UTIL.getRegionCodeForNumber(number);
        return region != null && List.of("PR", "VI", "GU", "AS", "MP").contains(region);
    }

    private static PhoneNumber parse(String raw) {
        if (raw == null || raw.isBlank() || raw.length() > MAX_PHONE_CHARS) {
            return null;
        }
        try {
            return UTIL.parse(raw, "US");
        } catch (NumberParseException e) {
            return null;
        }
    }
}
