package dev.tracestore.core.store;

/**
 * Per block of {@value #BLOCK_SIZE} consecutive sequences, bounds on the start times and durations of its
 * spans, so a query can skip blocks outside its window and stop once no unread block can beat its results.
 * Bounds are never shrunk on eviction: they stay valid upper and lower bounds. Not thread-safe; the store
 * guards it.
 */
final class TimeBlocks {

    static final int BLOCK_SHIFT = 10;
    static final int BLOCK_SIZE = 1 << BLOCK_SHIFT;

    private final long[] blockIds;
    private final long[] minStart;
    private final long[] maxStart;
    private final long[] maxDuration;

    TimeBlocks(int capacity) {
        // live sequences span at most capacity / BLOCK_SIZE + 1 blocks; one more keeps a reused slot clear
        int blocks = capacity / BLOCK_SIZE + 2;
        blockIds = new long[blocks];
        minStart = new long[blocks];
        maxStart = new long[blocks];
        maxDuration = new long[blocks];
        java.util.Arrays.fill(blockIds, -1);
    }

    static long blockOf(long sequence) {
        return sequence >> BLOCK_SHIFT;
    }

    static long firstSequence(long block) {
        return block << BLOCK_SHIFT;
    }

    void add(long sequence, long startNanos, long durationNanos) {
        long block = blockOf(sequence);
        int at = ring(block);
        if (blockIds[at] != block) {
            blockIds[at] = block;
            minStart[at] = startNanos;
            maxStart[at] = startNanos;
            maxDuration[at] = durationNanos;
            return;
        }
        minStart[at] = Math.min(minStart[at], startNanos);
        maxStart[at] = Math.max(maxStart[at], startNanos);
        maxDuration[at] = Math.max(maxDuration[at], durationNanos);
    }

    long minStart(long block) {
        return minStart[ring(block)];
    }

    long maxStart(long block) {
        return maxStart[ring(block)];
    }

    long maxDuration(long block) {
        return maxDuration[ring(block)];
    }

    private int ring(long block) {
        return (int) (block % blockIds.length);
    }
}
