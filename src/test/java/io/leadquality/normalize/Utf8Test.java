package io.leadquality.normalize;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;

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

    @Test
    void rejectsOverlongFormsSurrogatesAndCodePointsAboveTheUnicodeRange() {
        assertThat(Utf8.firstInvalidByte(new byte[] {(byte) 0xC0, (byte) 0xAF})).isZero(); // overlong '/'
        assertThat(Utf8.firstInvalidByte(new byte[] {'a', (byte) 0xE0, (byte) 0x80, (byte) 0xAF})).isEqualTo(1);
        assertThat(Utf8.firstInvalidByte(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})).isZero(); // U+D800
        assertThat(Utf8.firstInvalidByte(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80})).isZero();
        assertThat(Utf8.firstInvalidByte(new byte[] {(byte) 0xF4, (byte) 0x8F, (byte) 0xBF, (byte) 0xBF})).isEqualTo(-1);
    }

    /** The scan is written by hand for speed; the JDK's strict decoder is the reference it must agree with. */
    @Test
    void agreesWithTheJdkDecoderOnRandomBytes() {
        Random random = new Random(42);
        for (int run = 0; run < 50_000; run++) {
            byte[] bytes = new byte[random.nextInt(12)];
            for (int i = 0; i < bytes.length; i++) {
                // mostly the interesting lead bytes and continuation bytes, some ASCII
                int pick = random.nextInt(4);
                bytes[i] = (byte) (pick == 0 ? random.nextInt(0x80) : pick == 1 ? 0x80 + random.nextInt(0x40)
                        : 0xC0 + random.nextInt(0x40));
            }
            assertThat(Utf8.firstInvalidByte(bytes)).as("bytes %s", java.util.Arrays.toString(bytes))
                    .isEqualTo(jdkFirstInvalidByte(bytes));
        }
    }

    private static int jdkFirstInvalidByte(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(64);
        CoderResult result = decoder.decode(in, out, true);
        return result.isError() ? in.position() : -1;
    }
}
