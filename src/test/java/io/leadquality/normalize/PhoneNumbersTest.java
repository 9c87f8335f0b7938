package io.leadquality.normalize;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class PhoneNumbersTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "(804) 222-1111|+18042221111",
        "804-222-1111|+18042221111",
        "+1-804-222-1111|+18042221111",
        "+1 415 555 0114|+14155550114",
        "8042221111|+18042221111",
        "1 (804) 222.1111|+18042221111",
        "+1-555-123-4567|+15551234567",
    })
    void normalisesUsFormatsToE164(String raw, String e164) {
        assertThat(PhoneNumbers.normalize(raw)).isEqualTo(e164);
    }

    @Test
    void keepsWhatIsNoPhoneNumberSoTheEvidenceSurvives() {
        assertThat(PhoneNumbers.normalize("  call me maybe ")).isEqualTo("call me maybe");
        assertThat(PhoneNumbers.normalize("   ")).isNull();
        assertThat(PhoneNumbers.normalize(null)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"+18042221111", "(415) 222-3333", "+15125550142", "+19155551234"})
    void validNanpNumbers(String phone) {
        assertThat(PhoneNumbers.isValidNanp(phone)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "+1-555-123-4567", // 555 is not a geographic area code (PollyBot's docs example)
        "+1234567890",     // Instantly's docs example: too short
        "+1-911-222-1111", // N11 area code
        "+1-804-122-1111", // exchange starting with 1
        "+1-104-222-1111", // area code starting with 1
        "+44 20 7946 0958", // valid, but not NANP
        "not a number"})
    void invalidNanpNumbers(String phone) {
        assertThat(PhoneNumbers.isValidNanp(phone)).isFalse();
    }

    @Test
    void areaCodesNameTheirState() {
        assertThat(PhoneNumbers.stateOf("+18042221111")).isEqualTo(UsState.VA);
        assertThat(PhoneNumbers.stateOf("+14152223333")).isEqualTo(UsState.CA);
        assertThat(PhoneNumbers.stateOf("+19155551234")).isEqualTo(UsState.TX);
        assertThat(PhoneNumbers.stateOf("+18005551234")).isNull(); // toll-free
        assertThat(PhoneNumbers.stateOf("+14165551234")).isNull(); // Toronto
    }

    @Test
    void areaCodesNameTheirZone() {
        assertThat(PhoneNumbers.zonesOf("+19155551234")).containsExactly(ZoneId.of("America/Denver")); // El Paso
        assertThat(PhoneNumbers.zonesOf("+15125550142")).containsExactly(ZoneId.of("America/Chicago")); // Austin
        assertThat(PhoneNumbers.zonesOf("garbage")).isEmpty();
    }
}
