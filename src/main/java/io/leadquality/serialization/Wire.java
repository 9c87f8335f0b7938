package io.leadquality.serialization;

import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The field encodings of {@link LeadEventSerializer}. A string's header is a varint: 0 for null, else
 * its length plus one, shifted left, with the low bit set when every char is ASCII; an ASCII string is
 * then its bytes, copied whole, and any other is written a char at a time, seven bits to a byte, so
 * every char (a lone surrogate too) comes back as it was. Flink's own string serializer writes every
 * string the second way and fetches a buffer from a thread-local on every read, which was most of its
 * cost in the profile.
 */
final class Wire {
    private Wire() {}

    static void writeString(DataOutputView out, String value) throws IOException {
        if (value == null) {
            out.writeByte(0);
            return;
        }
        int length = value.length();
        boolean ascii = isAscii(value);
        writeVarInt(out, (length + 1) << 1 | (ascii ? 1 : 0));
        if (ascii) { // most texts, the Sela JSON among them: one copy, not a call per char
            out.write(value.getBytes(StandardCharsets.ISO_8859_1));
            return;
        }
        for (int i = 0; i < length; i++) {
            int c = value.charAt(i);
            while (c >= 0x80) {
                out.writeByte(c | 0x80);
                c >>>= 7;
            }
            out.writeByte(c);
        }
    }

    static String readString(DataInputView in) throws IOException {
        int header = readVarInt(in);
        int length = (header >>> 1) - 1;
        if (length < 0) {
            return null;
        }
        if ((header & 1) != 0) {
            byte[] bytes = new byte[length];
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            int c = in.readUnsignedByte();
            if (c >= 0x80) {
                c &= 0x7f;
                int shift = 7;
                int next;
                while ((next = in.readUnsignedByte()) >= 0x80) {
                    c |= (next & 0x7f) << shift;
                    shift += 7;
                }
                c |= next << shift;
            }
            chars[i] = (char) c;
        }
        return new String(chars);
    }

    private static boolean isAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    static void writeVarInt(DataOutputView out, int value) throws IOException {
        while ((value & ~0x7f) != 0) {
            out.writeByte((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        out.writeByte(value);
    }

    static int readVarInt(DataInputView in) throws IOException {
        int value = 0;
        int shift = 0;
        int b;
        while ((b = in.readUnsignedByte()) >= 0x80) {
            value |= (b & 0x7f) << shift;
            shift += 7;
        }
        return value | b << shift;
    }

    static void writeLong(DataOutputView out, Long value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeLong(value);
        }
    }

    static Long readLong(DataInputView in) throws IOException {
        return in.readBoolean() ? in.readLong() : null;
    }

    /** 0 null, 1 false, 2 true. */
    static void writeBoolean(DataOutputView out, Boolean value) throws IOException {
        out.writeByte(value == null ? 0 : value ? 2 : 1);
    }

    static Boolean readBoolean(DataInputView in) throws IOException {
        int b = in.readUnsignedByte();
        return b == 0 ? null : b == 2;
    }

    /** The ordinal plus one, 0 for null: the senders and receivers of one job run the same enum. */
    static void writeEnum(DataOutputView out, Enum<?> value) throws IOException {
        out.writeByte(value == null ? 0 : value.ordinal() + 1);
    }

    static <E extends Enum<E>> E readEnum(DataInputView in, E[] values) throws IOException {
        int b = in.readUnsignedByte();
        return b == 0 ? null : values[b - 1];
    }

    static void writeLongs(DataOutputView out, long[] values) throws IOException {
        if (values == null) {
            out.writeByte(0);
            return;
        }
        writeVarInt(out, values.length + 1);
        for (long value : values) {
            out.writeLong(value);
        }
    }

    static long[] readLongs(DataInputView in) throws IOException {
        int length = readVarInt(in) - 1;
        if (length < 0) {
            return null;
        }
        long[] values = new long[length];
        for (int i = 0; i < length; i++) {
            values[i] = in.readLong();
        }
        return values;
    }
}
