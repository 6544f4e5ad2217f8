package dev.tracestore.core.store;

import java.util.ArrayList;
import java.util.List;

/**
 * Span records packed one after another in large chunks instead of one array each (an array costs 16 bytes of
 * header and a reference per span). Records are appended in insertion order and released oldest first, so a chunk
 * is freed as a whole once the oldest live record lies beyond it. An address is the chunk number in the high 32
 * bits and the offset in the low 32. Not thread-safe; the store guards it.
 */
final class ByteArena {

    static final int CHUNK_SIZE = 1 << 20;

    /**
     * The chunks of a large store: 4 MB less an array's header, which fills whole G1 regions of 1, 2 or 4 MB and is
     * humongous there, so a chunk goes straight to the old generation instead of being copied by every young
     * collection while it fills (at a reload of a million spans those copies were most of the collection pauses).
     */
    static final int LARGE_CHUNK_SIZE = (4 << 20) - 16;

    /** Stores of at least this many spans use {@link #LARGE_CHUNK_SIZE}: a chunk stays a small part of the records. */
    static final int LARGE_STORE_SPANS = 1 << 19;

    private final int chunkSize;

    private final List<byte[]> chunks = new ArrayList<>();
    /** The chunk number of {@code chunks.get(0)}. */
    private long firstChunk;
    private byte[] current;
    private int writeOffset;

    /** @param capacity the most spans the store holds: large stores get large chunks */
    ByteArena(int capacity) {
        this.chunkSize = capacity >= LARGE_STORE_SPANS ? LARGE_CHUNK_SIZE : CHUNK_SIZE;
    }

    /** Appends {@code length} bytes of {@code source} and returns their address. */
    long append(byte[] source, int length) {
        if (current == null || length > current.length - writeOffset) {
            // a record never straddles chunks; an oversized record gets a chunk of its own
            current = new byte[Math.max(chunkSize, length)];
            chunks.add(current);
            writeOffset = 0;
        }
        long chunk = firstChunk + chunks.size() - 1;
        System.arraycopy(source, 0, current, writeOffset, length);
        long address = (chunk << 32) | writeOffset;
        writeOffset += length;
        return address;
    }

    /** Frees every chunk before the one holding {@code oldestLiveAddress}. */
    void releaseBefore(long oldestLiveAddress) {
        int release = (int) Math.min((oldestLiveAddress >>> 32) - firstChunk, chunks.size() - 1L);
        if (release > 0) {
            chunks.subList(0, release).clear();
            firstChunk += release;
        }
    }

    byte[] chunk(long address) {
        return chunks.get((int) ((address >>> 32) - firstChunk));
    }

    static int offset(long address) {
        return (int) address;
    }
}
