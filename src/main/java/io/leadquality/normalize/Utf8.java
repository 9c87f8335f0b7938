package io.leadquality.normalize;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 checks: Jackson lets some invalid sequences through, so they are caught here. */
public final class Utf8 {
    private Utf8() {}

    /** The offset of the first byte that is not valid UTF-8, or -1 when all are. */
    public static int firstInvalidByte(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(4096);
        while (true) {
            CoderResult result = decoder.decode(in, out, true); // true: a sequence cut off at the end is an error
            if (result.isError()) {
                return in.position();
            }
            if (!result.isOverflow()) {
                return -1;
            }
            out.clear();
        }
    }

    public static boolean isValid(byte[] bytes) {
        return firstInvalidByte(bytes) < 0;
    }
}
