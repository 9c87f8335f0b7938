package io.leadquality.normalize;

/**
 * Strict UTF-8 checks: Jackson lets some invalid sequences through, so they are caught here. A
 * hand-written scan rather than a {@code CharsetDecoder}: it runs on every input record, and the
 * decoder's buffers cost more than the parse they guard.
 */
public final class Utf8 {
    private Utf8() {}

    /**
     * The offset of the first byte that is not valid UTF-8 (the start of the bad sequence), or -1
     * when all are: no overlong forms, no surrogates, nothing above U+10FFFF, nothing cut off at the end.
     */
    public static int firstInvalidByte(byte[] bytes) {
        int i = 0;
        int n = bytes.length;
        while (i < n) {
            int b0 = bytes[i] & 0xFF;
            if (b0 < 0x80) {
                i++;
                continue;
            }
            int length;
            int min1 = 0x80; // the valid range of the second byte, narrowed where the first byte requires
            int max1 = 0xBF;
            if (b0 >= 0xC2 && b0 <= 0xDF) {
                length = 2;
            } else if (b0 >= 0xE0 && b0 <= 0xEF) {
                length = 3;
                if (b0 == 0xE0) {
                    min1 = 0xA0; // overlong
                } else if (b0 == 0xED) {
                    max1 = 0x9F; // surrogates
                }
            } else if (b0 >= 0xF0 && b0 <= 0xF4) {
                length = 4;
                if (b0 == 0xF0) {
                    min1 = 0x90; // overlong
                } else if (b0 == 0xF4) {
                    max1 = 0x8F; // above U+10FFFF
                }
            } else {
                return i;
            }
            if (i + length > n) {
                return i;
            }
            int b1 = bytes[i + 1] & 0xFF;
            if (b1 < min1 || b1 > max1) {
                return i;
            }
            for (int k = 2; k < length; k++) {
                if ((bytes[i + k] & 0xC0) != 0x80) {
                    return i;
                }
            }
            i += length;
        }
        return -1;
    }

    public static boolean isValid(byte[] bytes) {
        return firstInvalidByte(bytes) < 0;
    }
}
