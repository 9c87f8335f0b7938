package io.leadquality.normalize;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TimestampsAndEmailsTest {

    @Test
    void parsesSelaMicrosecondTimesWithOffsets() {
        assertThat(Timestamps.parse("2025-02-28T15:09:03.139554-08:00"))
                .isEqualTo(Instant.parse("2025-02-28T23:09:03.139554Z"));
        assertThat(Timestamps.parseMicros("2025-02-28T15:09:03.139554-08:00")).isEqualTo(1740784143139554L);
    }

    @Test
    void parsesOtherShapesProvidersSend() {
        assertThat(Timestamps.parse("2026-05-11T21:12:30.601Z")).isEqualTo(Instant.parse("2026-05-11T21:12:30.601Z"));
        assertThat(Timestamps.parse("2025-02-28T15:09:03")).isEqualTo(Instant.parse("2025-02-28T15:09:03Z"));
        assertThat(Timestamps.parse("02/28/2025 15:09")).isEqualTo(Instant.parse("2025-02-28T15:09:00Z"));
    }

    @Test
    void malformedTimesBecomeNull() {
        assertThat(Timestamps.parse("025-02-28T15:09:03.122515-08:00")).isNull(); // the docs' own example
        assertThat(Timestamps.parse("yesterday")).isNull();
        assertThat(Timestamps.parse("2025-13-45T99:00:00Z")).isNull();
        assertThat(Timestamps.parse(null)).isNull();
    }

    @Test
    void formatsInUtc() {
        assertThat(Timestamps.formatMicros(1740784143139554L)).isEqualTo("2025-02-28T23:09:03.139554Z");
        assertThat(Timestamps.formatMillis(0)).isEqualTo("1970-01-01T00:00:00.000Z");
    }

    @Test
    void emailsAreTrimmedAndLowerCased() {
        assertThat(Emails.normalize("  Ada.Lovelace@Example.COM ")).isEqualTo("ada.lovelace@example.com");
        assertThat(Emails.normalize("   ")).isNull();
        assertThat(Emails.normalize(null)).isNull();
    }

    @Test
    void millisAreWrittenExactlyAsTheFormatterWritesThem() {
        java.util.Random random = new java.util.Random(7);
        long t = 1_795_000_000_000L;
        for (int i = 0; i < 20_000; i++) {
            t += random.nextInt(3) == 0 ? random.nextInt(5_000) : -random.nextInt(1_500); // back and forth across seconds
            long millis = i % 1000 == 0 ? random.nextLong() % 253_402_300_799_000L : t;
            assertThat(Timestamps.formatMillis(millis)).isEqualTo(Timestamps.MILLIS_UTC.format(java.time.Instant.ofEpochMilli(millis)));
        }
    }

    @Test
    void millisAtTheEdgesOfDaysYearsAndTheFastPathAreWrittenAsTheFormatterWritesThem() {
        for (String at : new String[] {"1970-01-01T00:00:00.001Z", "1969-12-31T23:59:59.999Z", "2000-02-29T12:00:00Z",
                "2024-02-29T23:59:59.999Z", "2024-12-31T23:59:59.999Z", "2100-03-01T00:00:00Z",
                "9999-12-31T23:59:59.999Z", "+10000-01-01T00:00:00Z", "1900-01-01T00:00:00Z"}) {
            long millis = java.time.Instant.parse(at).toEpochMilli();
            for (long near = millis - 1; near <= millis + 1; near++) {
                assertThat(Timestamps.formatMillis(near)).as(at)
                        .isEqualTo(Timestamps.MILLIS_UTC.format(java.time.Instant.ofEpochMilli(near)));
            }
        }
    }
}
