package io.leadquality.normalize;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class IsoOffsetTimesTest {

    @Test
    void readsSelaTimesAsTheJdkParserDoes() {
        for (String text : List.of("2025-02-28T15:09:03.139554-08:00", "2026-11-21T14:30:00.000Z", "2026-11-21T14:30:00Z",
                "2024-02-29T23:59:59.9+05:30", "1999-12-31T00:00:00.123456789-00:00")) {
            assertThat(IsoOffsetTimes.parse(text)).as(text).isEqualTo(jdk(text));
        }
    }

    @Test
    void leavesEverythingElseToTheGeneralParser() {
        for (String text : List.of("025-02-28T15:09:03.139554-08:00", "2025-02-30T15:09:03Z", "2025-02-28 15:09:03Z",
                "2025-02-28T24:00:00Z", "2025-02-28T15:09:03.Z", "2025-02-28T15:09:03.1234567891Z", "2025-02-28T15:09:03+0800",
                "2025-02-28T15:09:03", "2025-13-01T00:00:00Z")) {
            assertThat(IsoOffsetTimes.parse(text)).as(text).isNull();
        }
    }

    @Test
    void agreesWithTheJdkOnRandomTimes() {
        Random random = new Random(11);
        DateTimeFormatter micros = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx");
        for (int i = 0; i < 20_000; i++) {
            OffsetDateTime time = Instant.ofEpochSecond(random.nextInt(2_000_000_000), random.nextInt(1_000_000) * 1000)
                    .atOffset(ZoneOffset.ofTotalSeconds((random.nextInt(37) - 18) * 1800));
            String text = micros.format(time);
            assertThat(IsoOffsetTimes.parse(text)).as(text).isEqualTo(jdk(text));
        }
    }

    private static Instant jdk(String text) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
