package io.leadquality.ingest;

import io.leadquality.model.DeadLetterCode;
import io.leadquality.model.RawRecord;
import io.leadquality.model.SuppressionAction;
import io.leadquality.model.SuppressionUpdate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SuppressionParserTest {
    private final SuppressionParser parser = new SuppressionParser(1 << 20);

    @Test
    void aPhoneEntryIsNormalisedAsLeadPhonesAreSoTheyMatch() throws Exception {
        SuppressionUpdate update = parser.parse(record("{\"phone_number\":\"(804) 222-1111\",\"action\":\"ADD\","
                + "\"reason\":\"asked on a call\"}", null));
        assertThat(update.identity).isEqualTo("phone_number:+18042221111");
        assertThat(update.action).isEqualTo(SuppressionAction.ADD);
        assertThat(update.reason).isEqualTo("asked on a call");
        assertThat(update.topic).isEqualTo("leads.suppressions");
        assertThat(update.offset).isEqualTo(7L);
    }

    @Test
    void anEmailEntryIsTrimmedAndLowerCasedAndTheActionIsCaseInsensitive() throws Exception {
        SuppressionUpdate update = parser.parse(record("{\"email\":\" Jo@Example.COM \",\"action\":\"remove\"}", null));
        assertThat(update.identity).isEqualTo("email:jo@example.com");
        assertThat(update.action).isEqualTo(SuppressionAction.REMOVE);
        assertThat(update.reason).isNull();
    }

    @Test
    void aTombstoneRemovesWhatItsKeyNames() throws Exception {
        assertThat(parser.parse(record(null, "804-222-1111")).identity).isEqualTo("phone_number:+18042221111");
        SuppressionUpdate byEmail = parser.parse(record(null, "Jo@example.com"));
        assertThat(byEmail.identity).isEqualTo("email:jo@example.com");
        assertThat(byEmail.action).isEqualTo(SuppressionAction.REMOVE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"phone_number\":\"8042221111\"}|INVALID_FIELD|Field action is missing",
        "{\"phone_number\":\"8042221111\",\"action\":\"BLOCK\"}|INVALID_FIELD|'BLOCK' is not ADD or REMOVE",
        "{\"action\":\"ADD\",\"reason\":\"x\"}|MISSING_IDENTITY|neither phone_number nor email",
        "{\"phone_number\":\"8042221111\",\"email\":\"a@b.co\",\"action\":\"ADD\"}|INVALID_FIELD|names both",
        "{\"email\":\"not-an-address\",\"action\":\"ADD\"}|INVALID_FIELD|is not an email address",
        "{\"phone_number\":[1],\"action\":\"ADD\"}|INVALID_FIELD|Field phone_number must be a string",
        "not json|MALFORMED_JSON|not valid JSON",
    })
    void badEntriesAreRejectedWithACodeAndASentenceNamingTheField(String value, DeadLetterCode code, String message) {
        assertThatThrownBy(() -> parser.parse(record(value, null)))
                .isInstanceOfSatisfying(InvalidLeadException.class, e -> assertThat(e.code()).isEqualTo(code))
                .hasMessageContaining(message);
    }

    @Test
    void aTombstoneWithoutAKeyIsRejected() {
        assertThatThrownBy(() -> parser.parse(record(null, null)))
                .isInstanceOfSatisfying(InvalidLeadException.class,
                        e -> assertThat(e.code()).isEqualTo(DeadLetterCode.MISSING_IDENTITY));
    }

    private static RawRecord record(String value, String key) {
        RawRecord record = new RawRecord("leads.suppressions", 0, 7, 0,
                value == null ? null : value.getBytes(StandardCharsets.UTF_8));
        record.key = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
        return record;
    }
}
