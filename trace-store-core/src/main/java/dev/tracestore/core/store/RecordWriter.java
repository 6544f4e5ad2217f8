package dev.tracestore.core.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer with the primitive encodings of span records: unsigned and zig-zag varints, fixed
 * 8-byte doubles, and string references (a dictionary number, or the UTF-8 bytes inline). Reused for every record.
 */
final class RecordWriter {

    private byte[] buffer = new byte[512];
    private int position;

    void reset() {
        position = 0;
    }

    byte[] buffer() {
        return buffer;
    }

    int length() {
        return position;
    }

    void writeByte(int value) {
        ensure(1);
        buffer[position++] = (byte) value;
    }

    void writeVarint(long value) {
        ensure(10);
        while ((value & ~0x7FL) != 0) {
            buffer[position++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        buffer[position++] = (byte) value;
    }

    void writeZigZag(long value) {
        writeVarint((value << 1) ^ (value >> 63));
    }

    void writeDouble(double value) {
        writeFixedLong(Double.doubleToRawLongBits(value));
    }

    void writeFixedLong(long bits) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buffer[position++] = (byte) (bits >>> (8 * i));
        }
    }

    /** Writes {@code 2 * id} for a dictionary number, or {@code 2 * length + 1} and the UTF-8 bytes. */
    void writeString(String value, int dictionaryId) {
        if (dictionaryId >= 0) {
            writeVarint(2L * dictionaryId);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        writeVarint(2L * utf8.length + 1);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, buffer, position, utf8.length);
        position += utf8.length;
    }

    private void ensure(int more) {
        if (position + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, position + more));
        }
    }
}
