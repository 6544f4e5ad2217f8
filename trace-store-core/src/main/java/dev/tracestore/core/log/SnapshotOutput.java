package dev.tracestore.core.log;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The write side of a {@link SpanSnapshot} file: values are put into a block in memory, and each finished block goes
 * to the file as its length, its CRC-32C and its bytes, so that the reader can tell a torn or damaged block before
 * it decodes a value of it. Repeated strings are written once: a table of {@value #TABLE_SLOTS} slots, a string's
 * slot chosen by its hash, keeps the last string written to each slot, and a string found in its slot is written as
 * the slot's number. The reader keeps the same table from the tags alone. A direct-mapped table (no map, no entry
 * objects) because a million spans write tens of millions of strings, and a hash map of them was most of the cost.
 */
final class SnapshotOutput {

    /** Slots of the string table: a power of two. */
    static final int TABLE_SLOTS = 1 << 16;
    /** Longer strings are written in full each time: they rarely repeat, and would only push others out. */
    static final int MAX_TABLE_STRING_LENGTH = 256;

    /** The tags of a string: null, one in the table, one put into the table, one written in full only. */
    static final int TAG_NULL = 0;
    static final int TAG_IN_TABLE = 1;
    static final int TAG_INTO_TABLE = 2;
    static final int TAG_WHOLE = 3;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final FileChannel channel;
    private final String[] table = new String[TABLE_SLOTS];
    private final CRC32C crc = new CRC32C();
    private final ByteBuffer frame = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    private byte[] block = new byte[1 << 17];
    private int size;
    private long bytesWritten;

    SnapshotOutput(FileChannel channel) {
        this.channel = channel;
    }

    /** Writes bytes outside any block: the file's magic number and version. */
    void writeRaw(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            bytesWritten += channel.write(bytes);
        }
    }

    /** @return bytes put into the current block so far */
    int blockSize() {
        return size;
    }

    /** Writes the current block (length, CRC-32C, bytes) to the file and starts a new one. */
    void endBlock() throws IOException {
        crc.reset();
        crc.update(block, 0, size);
        frame.clear();
        frame.putInt(size).putInt((int) crc.getValue()).flip();
        writeRaw(frame);
        writeRaw(ByteBuffer.wrap(block, 0, size));
        size = 0;
    }

    /** @return bytes written to the file so far */
    long bytesWritten() {
        return bytesWritten;
    }

    void writeByte(int value) {
        ensure(1);
        block[size++] = (byte) value;
    }

    void writeLong(long value) {
        ensure(8);
        LONGS.set(block, size, value);
        size += 8;
    }

    /** An unsigned variable-length number: 7 bits a byte. */
    void writeVarLong(long value) {
        ensure(10);
        while ((value & ~0x7FL) != 0) {
            block[size++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        block[size++] = (byte) value;
    }

    void writeVarInt(int value) {
        writeVarLong(value & 0xFFFFFFFFL);
    }

    /** A signed number that is usually small either side of zero (zig-zag, then variable length). */
    void writeSignedVarLong(long value) {
        writeVarLong((value << 1) ^ (value >> 63));
    }

    /**
     * Writes a string, or {@code null}, as a tag ({@code (slot << 2) | kind}) and, unless it is in the table, its
     * characters: {@code (length << 1) | utf16}, then its UTF-8 bytes, or its UTF-16 chars when it holds a lone
     * surrogate (which UTF-8 would turn into '?').
     */
    void writeString(String value) {
        if (value == null) {
            writeByte(TAG_NULL);
            return;
        }
        if (value.length() > MAX_TABLE_STRING_LENGTH) {
            writeByte(TAG_WHOLE);
        } else {
            int slot = slotOf(value);
            String held = table[slot];
            if (held == value || (held != null && held.hashCode() == value.hashCode() && held.equals(value))) {
                writeVarInt(slot << 2 | TAG_IN_TABLE);
                return;
            }
            table[slot] = value;
            writeVarInt(slot << 2 | TAG_INTO_TABLE);
        }
        writeCharacters(value);
    }

    /** @return the slot of a string: its hash, spread */
    static int slotOf(String value) {
        int hash = value.hashCode();
        return (hash ^ (hash >>> 16)) & (TABLE_SLOTS - 1);
    }

    private void writeCharacters(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        // UTF-8 turns a lone surrogate into '?': a string of one byte per char may hold some only where it has '?'
        boolean mayHoldLoneSurrogate = utf8.length != value.length() || holdsQuestionMark(utf8);
        if (!mayHoldLoneSurrogate || !hasLoneSurrogate(value)) {
            writeVarLong((long) utf8.length << 1);
            ensure(utf8.length);
            System.arraycopy(utf8, 0, block, size, utf8.length);
            size += utf8.length;
        } else {
            writeVarLong((long) value.length() << 1 | 1);
            ensure(value.length() * 2);
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                block[size++] = (byte) c;
                block[size++] = (byte) (c >>> 8);
            }
        }
    }

    private static boolean holdsQuestionMark(byte[] utf8) {
        for (byte b : utf8) {
            if (b == '?') {
                return true;
            }
        }
        return false;
    }

    /** @return whether the string holds a surrogate that is not part of a pair */
    static boolean hasLoneSurrogate(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private void ensure(int bytes) {
        if (size + bytes > block.length) {
            block = Arrays.copyOf(block, Math.max(block.length * 2, size + bytes));
        }
    }
}
