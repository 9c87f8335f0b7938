package io.leadquality.normalize;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class Utf8Test {

    @Test
    void findsTheFirstInvalidByte() {
        assertThat(Utf8.firstInvalidByte("plain ascii and é and 😀".getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
        assertThat(Utf8.firstInvalidByte(new byte[] {'a', 'b', (byte) 0xC3, (byte) 0x28})).isEqualTo(2);
        assertThat(Utf8.firstInvalidByte(new byte[] {(byte) 0xFF})).isZero();
        assertThat(Utf8.isValid(new byte[] {'x', (byte) 0xE2, (byte) 0x82})).isFalse(); // cut off at the end
        assertThat(Utf8.isValid(new byte[0])).isTrue();
    }
}
