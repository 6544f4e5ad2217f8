package dev.tracestore.core.log;

import java.io.EOFException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The read side of {@link SnapshotOutput}: reads a block whole, checks its CRC-32C, then hands out its values. Any
 * value read past the block's end, a bad tag or a block the file ends inside is an {@link IOException}: the snapshot
 * is then not used.
 */
final class SnapshotInput {

    /** A block larger than this is damage, not data: the writer ends a block every few hundred spans. */
    static final int MAX_BLOCK_BYTES = 1 << 30;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final FileChannel channel;
    private final String[] table = new String[SnapshotOutput.TABLE_SLOTS];
    private final CRC32C crc = new CRC32C();
    private final ByteBuffer frame = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    private byte[] block = new byte[1 << 17];
    private int size;
    private int position;

    SnapshotInput(FileChannel channel) {
        this.channel = channel;
    }

    /** Reads exactly {@code bytes.remaining()} bytes outside any block. */
    void readRaw(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            if (channel.read(bytes) < 0) {
                throw new EOFException("the snapshot ends early");
            }
        }
    }

    /** Reads the next block and checks it. */
    void nextBlock() throws IOException {
        frame.clear();
        readRaw(frame);
        frame.flip();
        int length = frame.getInt();
        int expectedCrc = frame.getInt();
        if (length < 0 || length > MAX_BLOCK_BYTES) {
            throw new IOException("a snapshot block claims " + length + " bytes");
        }
        if (length > block.length) {
            block = new byte[length];
        }
        readRaw(ByteBuffer.wrap(block, 0, length));
        crc.reset();
        crc.update(block, 0, length);
        if ((int) crc.getValue() != expectedCrc) {
            throw new IOException("a snapshot block fails its checksum");
        }
        size = length;
        position = 0;
    }

    /** @return whether the current block has values left */
    boolean blockHasMore() {
        return position < size;
    }

    int readByte() throws IOException {
        need(1);
        return block[position++] & 0xFF;
    }

    long readLong() throws IOException {
        need(8);
        long value = (long) LONGS.get(block, position);
        position += 8;
        return value;
    }

    long readVarLong() throws IOException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readByte();
            value |= (long) (b & 0x7F) << shift;
            if (b < 0x80) {
                return value;
            }
        }
        throw new IOException("a snapshot number runs past 64 bits");
    }

    /** @return a number that must fit an int and not be negative: a count or a table number */
    int readCount() throws IOException {
        long value = readVarLong();
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw new IOException("a snapshot count is " + value);
        }
        return (int) value;
    }

    long readSignedVarLong() throws IOException {
        long value = readVarLong();
        return (value >>> 1) ^ -(value & 1);
    }

    /** Reads what {@link SnapshotOutput#writeString} wrote, keeping the same table from the tags. */
    String readString() throws IOException {
        long tag = readVarLong();
        int kind = (int) (tag & 3);
        long slot = tag >>> 2;
        if (kind == SnapshotOutput.TAG_NULL) {
            return null;
        }
        if (slot >= SnapshotOutput.TABLE_SLOTS) {
            throw new IOException("a snapshot string names slot " + slot);
        }
        if (kind == SnapshotOutput.TAG_IN_TABLE) {
            String held = table[(int) slot];
            if (held == null) {
                throw new IOException("a snapshot string names the empty slot " + slot);
            }
            return held;
        }
        String value = readCharacters();
        if (kind == SnapshotOutput.TAG_INTO_TABLE) {
            table[(int) slot] = value;
        }
        return value;
    }

    private String readCharacters() throws IOException {
        long lengthAndKind = readVarLong();
        long length = lengthAndKind >>> 1;
        boolean utf16 = (lengthAndKind & 1) == 1;
        long bytes = utf16 ? length * 2 : length;
        if (length > Integer.MAX_VALUE || bytes > size - position) {
            throw new IOException("a snapshot string of " + length + " characters runs past its block");
        }
        if (!utf16) {
            String value = new String(block, position, (int) length, StandardCharsets.UTF_8);
            position += (int) length;
            return value;
        }
        char[] chars = new char[(int) length];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) ((block[position] & 0xFF) | (block[position + 1] & 0xFF) << 8);
            position += 2;
        }
        return new String(chars);
    }

    /** @return a string that must be there */
    String readRequiredString() throws IOException {
        String value = readString();
        if (value == null) {
            throw new IOException("a snapshot string is missing");
        }
        return value;
    }

    private void need(int bytes) throws IOException {
        if (position + bytes > size) {
            throw new IOException("a snapshot value runs past its block");
        }
    }
}
