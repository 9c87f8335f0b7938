package io.leadquality.normalize;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Lenient timestamp parsing: what real payloads send (ISO-8601 with offset or Z, with or without
 * fraction; {@code MM/dd/yyyy HH:mm}) parses, anything else, such as the docs' year {@code 025},
 * becomes null instead of an error.
 */
public final class Timestamps {
    private static final DateTimeFormatter US_MINUTES = DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm");
    private static final DateTimeFormatter MICROS_UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    static final DateTimeFormatter MILLIS_UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {}

    public static Instant parse(String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        if (s.length() < 10 || !Character.isDigit(s.charAt(0))) {
            return null;
        }
        Instant fast = IsoOffsetTimes.parse(s);
        if (fast != null) {
            return plausible(fast);
        }
        try {
            Instant instant = OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            return plausible(instant);
        } catch (DateTimeParseException ignored) {
            // try the next shape
        }
        try {
            return plausible(LocalDateTime.parse(s, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException ignored) {
            // try the next shape
        }
        try {
            return plausible(LocalDateTime.parse(s, US_MINUTES).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException ignored) {
            return null;
        }
    }

    /** Epoch microseconds, or null. */
    public static Long parseMicros(String text) {
        Instant instant = parse(text);
        return instant == null ? null : ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    /** Epoch milliseconds, or null. */
    public static Long parseMillis(String text) {
        Instant instant = parse(text);
        return instant == null ? null : instant.toEpochMilli();
    }

    public static Instant ofMicros(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    /** ISO-8601 UTC with microseconds, as Sela writes times. */
    public static String formatMicros(long micros) {
        return MICROS_UTC.format(ofMicros(micros));
    }

    /**
     * ISO-8601 UTC with milliseconds, as {@link #MILLIS_UTC} writes it. Every output record carries
     * three such times (event, next call, processing), each in a second of its own, so the text is
     * put together from the date's fields rather than by the formatter (5% of the join's samples in a
     * JFR profile of jobs/bench --only 4, where a cache of the last second missed on nearly every call).
     */
    public static String formatMillis(long millis) {
        if (millis < 0 || millis >= YEAR_10000_MILLIS) {
            return MILLIS_UTC.format(Instant.ofEpochMilli(millis));
        }
        LocalDate date = LocalDate.ofEpochDay(millis / DAY_MILLIS);
        int ofDay = (int) (millis % DAY_MILLIS);
        char[] text = new char[24];
        digits(text, 0, date.getYear(), 4);
        text[4] = '-';
        digits(text, 5, date.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, date.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, ofDay / 3_600_000, 2);
        text[13] = ':';
        digits(text, 14, ofDay / 60_000 % 60, 2);
        text[16] = ':';
        digits(text, 17, ofDay / 1000 % 60, 2);
        text[19] = '.';
        digits(text, 20, ofDay % 1000, 3);
        text[23] = 'Z';
        return new String(text);
    }

    private static final long DAY_MILLIS = 86_400_000L;
    /** 10000-01-01T00:00:00Z: from there the formatter writes a sign and a fifth digit. */
    private static final long YEAR_10000_MILLIS = 253_402_300_800_000L;

    private static void digits(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    // A four-digit year keeps garbage such as year 25 (the docs' "025-...") out.
    private static Instant plausible(Instant instant) {
        int year = instant.atOffset(ZoneOffset.UTC).getYear();
        return year >= 1970 && year <= 9999 ? instant : null;
    }
}
