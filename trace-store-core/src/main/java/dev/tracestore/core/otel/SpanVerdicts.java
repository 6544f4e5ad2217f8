package dev.tracestore.core.otel;

import java.util.Arrays;

/**
 * The exclusion verdicts of the last spans decided, by span ID, for the spans that end after their parent. Every
 * span ends up here, so it is two open-addressing tables of primitive IDs in turn: the current one takes new
 * verdicts; when it holds {@code capacity} it becomes the previous one, and the previous one is cleared to become
 * the current. A verdict is thus remembered for at least {@code capacity} and at most {@code 2 x capacity} later
 * verdicts. A {@code LinkedHashMap<String, Boolean>} did the same with an entry object per span and a read of the
 * evicted entry's key string at every insert: cache misses that made it a fifth of the ingest thread's CPU under
 * HTTP load. Not thread-safe.
 */
final class SpanVerdicts {

    /** Marks an empty slot: OpenTelemetry's invalid span ID, never the ID of a recorded span. */
    private static final long EMPTY = 0;

    private final int capacity;
    private long[] currentIds;
    private boolean[] currentVerdicts;
    private int currentSize;
    private long[] previousIds;
    private boolean[] previousVerdicts;

    /** @param capacity verdicts remembered at least; a table is twice as many slots rounded up to a power of two */
    SpanVerdicts(int capacity) {
        this.capacity = capacity;
        int slots = Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) << 1;
        currentIds = new long[slots];
        currentVerdicts = new boolean[slots];
        previousIds = new long[slots];
        previousVerdicts = new boolean[slots];
    }

    /** Remembers a span's verdict, {@code true} for excluded; the invalid span ID 0 is ignored. */
    void put(long spanId, boolean excluded) {
        if (spanId == EMPTY) {
            return;
        }
        int slot = find(currentIds, spanId);
        if (currentIds[slot] == EMPTY) {
            if (currentSize == capacity) {
                swap();
                slot = find(currentIds, spanId);
            }
            currentIds[slot] = spanId;
            currentSize++;
        }
        currentVerdicts[slot] = excluded;
    }

    /** @return the span's verdict ({@code true} for excluded), or {@code null} when it is not remembered */
    Boolean get(long spanId) {
        if (spanId == EMPTY) {
            return null;
        }
        int slot = find(currentIds, spanId);
        if (currentIds[slot] == spanId) {
            return currentVerdicts[slot];
        }
        slot = find(previousIds, spanId);
        return previousIds[slot] == spanId ? previousVerdicts[slot] : null;
    }

    private void swap() {
        long[] ids = previousIds;
        boolean[] verdicts = previousVerdicts;
        previousIds = currentIds;
        previousVerdicts = currentVerdicts;
        Arrays.fill(ids, EMPTY);
        currentIds = ids;
        currentVerdicts = verdicts;
        currentSize = 0;
    }

    /** @return the slot holding {@code spanId}, or the empty slot where it would go (linear probing) */
    private static int find(long[] ids, long spanId) {
        int mask = ids.length - 1;
        // span IDs are random: the low bits spread well after mixing in the high ones
        int slot = (int) (spanId ^ (spanId >>> 32)) & mask;
        while (ids[slot] != EMPTY && ids[slot] != spanId) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }
}
