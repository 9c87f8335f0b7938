package io.leadquality.normalize;

import java.time.Instant;
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
    private static final DateTimeFormatter SECONDS_UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.").withZone(ZoneOffset.UTC);

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

    /** ISO-8601 UTC with milliseconds. */
    /** As {@link #MILLIS_UTC} writes it; every output record carries such times, so the second's text is reused. */
    public static String formatMillis(long millis) {
        long second = Math.floorDiv(millis, 1000L);
        int ms = (int) Math.floorMod(millis, 1000L);
        FormattedSecond last = lastSecond;
        if (last.epochSecond != second) {
            last = new FormattedSecond(second, SECONDS_UTC.format(Instant.ofEpochSecond(second)));
            lastSecond = last;
        }
        return new StringBuilder(last.text.length() + 4).append(last.text)
                .append((char) ('0' + ms / 100)).append((char) ('0' + ms / 10 % 10)).append((char) ('0' + ms % 10))
                .append('Z').toString();
    }

    /** One formatted second, immutable, so threads may share the last one without locks. */
    private record FormattedSecond(long epochSecond, String text) {}

    private static volatile FormattedSecond lastSecond = new FormattedSecond(Long.MIN_VALUE, "");

    // A four-digit year keeps garbage such as year 25 (the docs' "025-...") out.
    private static Instant plausible(Instant instant) {
        int year = instant.atOffset(ZoneOffset.UTC).getYear();
        return year >= 1970 && year <= 9999 ? instant : null;
    }
}
