package io.leadquality.compliance;

import io.leadquality.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading the rules file: the shipped one, and bad ones stopping start-up with the line named. */
class CallingRulesFileTest {
    private static final String GOOD = """
            version: "v1"
            federal:
              hours:
                source: "47 CFR 64.1200(c)(1)"
                days:
                  mon-sun: "08:00-21:00"
            states:
              TX:
                hours:
                  source: "Tex. Bus. & Com. Code 301.051"
                  days:
                    mon-sat: "09:00-21:00"
                    sun: "12:00-21:00"
              FL:
                cap:
                  calls: 3
                  per: 24h
                  source: "Fla. Stat. 501.616(6)(b)"
            """;

    @TempDir
    Path dir;

    @Test
    void theShippedFileReadsAndTheJarCarriesTheSameCopy() throws IOException {
        assertThat(ShippedRules.RULES.version()).isEqualTo("2026-12-03.1");
        try (InputStream bundled = CallingRulesFile.class.getResourceAsStream(CallingRulesFile.BUNDLED)) {
            assertThat(bundled).as("built into the jar from conf/").isNotNull();
            assertThat(new String(bundled.readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo(Files.readString(Path.of(CallingRulesFile.DEFAULT_PATH)));
        }
    }

    @Test
    void aSmallFileReads() throws IOException {
        CallingRules rules = CallingRulesFile.load(write(GOOD), CallingWindows.parse(Map.of()));
        assertThat(rules.version()).isEqualTo("v1");
        assertThat(rules.statesWithRules()).hasSize(2);
    }

    /** A line of {@link #GOOD} replaced, and what start-up must say: the file, the line, the problem. */
    @ParameterizedTest(name = "line {0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "13 | '        sun: \"12:00-2100\"' | line 13: TX hours sun: '12:00-2100' is not a window such as 08:00-21:00, nor none",
        "13 | '        sun: \"21:00-12:00\"' | line 13: TX hours sun: '21:00-12:00' ends before it starts",
        "13 | '        sat: \"12:00-21:00\"' | line 13: TX hours: saturday is given twice",
        "13 | '        funday: \"12:00-21:00\"' | line 13: 'funday' names no day",
        "8 | '  TZ:' | line 8: 'TZ' is not a two-letter US state code",
        "9 | '    hour:' | line 9: unknown field 'hour' in TX (expected one of [area-code-presumption, cap, holidays, hours, notes])",
        "16 | '      calls: three' | line 16: FL cap calls must be a whole number",
        "17 | '      per: a day' | line 17: FL cap per: 'a day' is not a duration such as 24h",
        "1 | 'version: \"v1\"\n version: \"v2\"' | not valid YAML",
        "10 | '      sourc: \"Tex. Bus. & Com. Code 301.051\"' | line 10: unknown field 'sourc' in TX hours",
    })
    void aBadFileStopsStartUpNamingTheLine(int line, String replacement, String message) throws IOException {
        String[] lines = GOOD.split("\n", -1);
        lines[line - 1] = replacement;
        String file = write(String.join("\n", lines));
        assertThatThrownBy(() -> CallingRulesFile.load(file, CallingWindows.parse(Map.of())))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("compliance.rules-file: " + file)
                .hasMessageContaining(message)
                .hasMessageNotContaining("\n");
    }

    @Test
    void aBadHolidayAndAMissingSourceNameTheirLines() throws IOException {
        String holidays = GOOD + """
              AL:
                holidays:
                  source: "Ala. Code 1-3-8"
                  days:
                    "Christmas Day": "fixed 12-32"
            """;
        assertThatThrownBy(() -> CallingRulesFile.load(write(holidays), CallingWindows.parse(Map.of())))
                .hasMessageContaining("line 23: AL holiday 'Christmas Day': cannot read 'fixed 12-32'");
        String noSource = GOOD.replace("      source: \"Fla. Stat. 501.616(6)(b)\"\n", "");
        assertThatThrownBy(() -> CallingRulesFile.load(write(noSource), CallingWindows.parse(Map.of())))
                .hasMessageContaining("line 15: 'source' is missing here");
        assertThatThrownBy(() -> CallingRulesFile.load(write(GOOD.replace("  TX:\n", "  FL:\n")), CallingWindows.parse(Map.of())))
                .hasMessageContaining("'FL' is given twice");
        assertThatThrownBy(() -> CallingRulesFile.load(dir.resolve("missing.yaml").toString(), CallingWindows.parse(Map.of())))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("compliance.rules-file: cannot read");
    }

    private String write(String text) throws IOException {
        Path file = Files.createTempFile(dir, "rules", ".yaml");
        Files.writeString(file, text);
        return file.toString();
    }
}
