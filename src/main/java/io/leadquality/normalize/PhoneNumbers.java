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
        PhoneNumber number = parse(raw);
        return number == null ? raw.strip() : UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
    }

    /** True for a valid number of the North American Numbering Plan (country code 1). */
    public static boolean isValidNanp(String phone) {
        PhoneNumber number = parse(phone);
        return number != null && number.getCountryCode() == 1 && UTIL.isValidNumber(number);
    }

    /** The US state of the number's area code, or null (non-geographic, Canadian, invalid). */
    public static UsState stateOf(String phone) {
        PhoneNumber number = parse(phone);
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

    /** The zones the number's area code lies in; empty when unknown. */
    public static List<ZoneId> zonesOf(String phone) {
        PhoneNumber number = parse(phone);
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
        if (raw == null || raw.isBlank() || raw.length() > 64) {
            return null;
        }
        try {
            return UTIL.parse(raw, "US");
        } catch (NumberParseException e) {
            return null;
        }
    }
}
