package dev.tracestore.core.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The entries of a key with many values, by hash bucket of the value ({@link KeyPostings#HASH_BUCKETS} buckets).
 * An entry is appended to a pending run in sequence order; every {@value #BLOCK_ENTRIES} entries the run is sorted
 * by bucket (counting sort, stable) into a sealed block with the start of each bucket. A list per bucket would have
 * the adding thread write the tail of one of a thousand lists at random per span and key: a cache miss each time
 * that also evicts the application's cache lines; here it writes two arrays in order. A search for one bucket reads
 * its slice of each block and the pending entries of that bucket ({@link #list}); blocks go whole once their newest
 * entry is evicted. Not thread-safe; the store guards it.
 */
final class HashedPostings {

    /** Entries per sealed block: bucket starts fit in a {@code char}, and a block's 2 KB of starts is 1/4 B/entry. */
    static final int BLOCK_ENTRIES = 8192;

    private static final int BUCKETS = KeyPostings.HASH_BUCKETS;

    /** A sealed block: its entries grouped by bucket, ascending within a bucket, and where each bucket starts. */
    private record Block(int[] sequences, char[] starts, long newest) {
    }

    private final List<Block> blocks = new ArrayList<>();
    private int[] pendingSequences = new int[16];
    private short[] pendingBuckets = new short[16];
    private int pendingSize;
    private long pendingNewest = -1;

    /**
     * Lists the span {@code sequence} (the newest so far, or the same as the last call) in {@code bucket}; a span
     * with two values in one bucket is listed once.
     */
    void add(long sequence, int bucket, long oldest) {
        int low = (int) sequence;
        // a span's entries are the newest pending ones
        for (int i = pendingSize - 1; i >= 0 && pendingSequences[i] == low; i--) {
            if (pendingBuckets[i] == bucket) {
                return;
            }
        }
        if (pendingSize == pendingSequences.length) {
            if (pendingSize == BLOCK_ENTRIES) {
                seal(oldest);
            } else {
                pendingSequences = Arrays.copyOf(pendingSequences, pendingSize * 2);
                pendingBuckets = Arrays.copyOf(pendingBuckets, pendingSize * 2);
            }
        }
        pendingSequences[pendingSize] = low;
        pendingBuckets[pendingSize] = (short) bucket;
        pendingSize++;
        pendingNewest = sequence;
    }

    /** Sorts the pending entries that are still live by bucket into a new block, and drops evicted blocks. */
    private void seal(long oldest) {
        int[] starts = new int[BUCKETS + 1];
        int live = 0;
        for (int i = 0; i < pendingSize; i++) {
            if (pendingSequences[i] - (int) oldest >= 0) {
                starts[pendingBuckets[i] + 1]++;
                live++;
            }
        }
        if (live > 0) {
            for (int bucket = 0; bucket < BUCKETS; bucket++) {
                starts[bucket + 1] += starts[bucket];
            }
            char[] blockStarts = new char[BUCKETS + 1];
            for (int bucket = 0; bucket <= BUCKETS; bucket++) {
                blockStarts[bucket] = (char) starts[bucket];
            }
            int[] sequences = new int[live];
            for (int i = 0; i < pendingSize; i++) {
                if (pendingSequences[i] - (int) oldest >= 0) {
                    sequences[starts[pendingBuckets[i]]++] = pendingSequences[i];
                }
            }
            blocks.add(new Block(sequences, blockStarts, pendingNewest));
        }
        // the pending arrays keep their length: the key fills them again
        pendingSize = 0;
        dropBlocksBefore(oldest);
    }

    private void dropBlocksBefore(long oldest) {
        int drop = 0;
        while (drop < blocks.size() && blocks.get(drop).newest() < oldest) {
            drop++;
        }
        blocks.subList(0, drop).clear();
    }

    /**
     * Drops the blocks that hold no live entry and the evicted pending entries (the oldest), so that every entry kept
     * lies within 2^31 sequences of the oldest live one (entries keep only the low 32 bits); a key with few entries
     * left gives its pending room back. The store's sweeps call this.
     */
    void dropBefore(long oldest) {
        dropBlocksBefore(oldest);
        int dead = 0;
        while (dead < pendingSize && pendingSequences[dead] - (int) oldest < 0) {
            dead++;
        }
        pendingSize -= dead;
        if (pendingSize <= 16 && pendingSequences.length > 16) {
            pendingSequences = Arrays.copyOfRange(pendingSequences, dead, dead + 16);
            pendingBuckets = Arrays.copyOfRange(pendingBuckets, dead, dead + 16);
        } else if (dead > 0) {
            System.arraycopy(pendingSequences, dead, pendingSequences, 0, pendingSize);
            System.arraycopy(pendingBuckets, dead, pendingBuckets, 0, pendingSize);
        }
    }

    /** @return the live entries of {@code bucket}, ascending, each once; {@code null} when there is none */
    IntPostings list(int bucket, long oldest) {
        IntPostings list = new IntPostings();
        long previous = -1;
        for (Block block : blocks) {
            if (block.newest() < oldest) {
                continue;
            }
            for (int i = block.starts()[bucket]; i < block.starts()[bucket + 1]; i++) {
                previous = appendLive(list, block.sequences()[i], previous, oldest);
            }
        }
        for (int i = 0; i < pendingSize; i++) {
            if (pendingBuckets[i] == bucket) {
                previous = appendLive(list, pendingSequences[i], previous, oldest);
            }
        }
        return list.isEmpty() ? null : list;
    }

    /** Appends a live entry not equal to the previous one (a span split by a seal may be listed in two runs). */
    private static long appendLive(IntPostings list, int low, long previous, long oldest) {
        long sequence = oldest + (low - (int) oldest);
        if (low - (int) oldest < 0 || sequence == previous) {
            return previous;
        }
        list.append(sequence, oldest);
        return sequence;
    }
}
