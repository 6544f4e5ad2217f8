package dev.tracestore.cli;

import dev.tracestore.core.model.HexIds;

import java.util.Arrays;

/**
 * A set of trace IDs that numbers them densely in the order they were added, so that callers can keep
 * per-trace counters in primitive arrays. A trace ID is kept as two longs, about 30 bytes per trace with the
 * hash slots, where a {@code HashMap<String, ...>} would take over 100: a directory of a million traces must
 * fit in a small heap.
 */
final class TraceIdTable {

    private long[] high = new long[64];
    private long[] low = new long[64];
    /** Open addressing, linear probing: 0 is a free slot, otherwise the index plus one. */
    private int[] slots = new int[128];
    private int size;

    /** @return how many trace IDs were added */
    int size() {
        return size;
    }

    /**
     * @param traceId 32 lowercase hex characters (as {@code StoredSpan} guarantees)
     * @return the trace's index, a new one ({@link #size()} before the call) when it was not there
     */
    int add(String traceId) {
        long h = parseHigh(traceId);
        long l = parseLow(traceId);
        int slot = find(h, l);
        if (slots[slot] != 0) {
            return slots[slot] - 1;
        }
        if (size == high.length) {
            high = Arrays.copyOf(high, size * 2);
            low = Arrays.copyOf(low, size * 2);
        }
        high[size] = h;
        low[size] = l;
        slots[slot] = ++size;
        if (size * 2 > slots.length) {
            rehash();
        }
        return size - 1;
    }

    /**
     * @param traceId 32 lowercase hex characters
     * @return the trace's index, or -1 when it was not added
     */
    int indexOf(String traceId) {
        return slots[find(parseHigh(traceId), parseLow(traceId))] - 1;
    }

    /** Orders two traces as their IDs compare as strings: fixed-length lowercase hex sorts like the number. */
    int compare(int index, int other) {
        int order = Long.compareUnsigned(high[index], high[other]);
        return order != 0 ? order : Long.compareUnsigned(low[index], low[other]);
    }

    private int find(long h, long l) {
        int mask = slots.length - 1;
        int slot = hash(h, l) & mask;
        while (slots[slot] != 0) {
            int index = slots[slot] - 1;
            if (high[index] == h && low[index] == l) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void rehash() {
        slots = new int[slots.length * 2];
        for (int index = 0; index < size; index++) {
            slots[find(high[index], low[index])] = index + 1;
        }
    }

    /** Random IDs would hash well as they are, but IDs from other tools need not be random. */
    private static int hash(long h, long l) {
        long x = h * 0x9E3779B97F4A7C15L + l;
        x ^= x >>> 33;
        x *= 0xFF51AFD7ED558CCDL;
        x ^= x >>> 33;
        return (int) x;
    }

    private static long parseHigh(String traceId) {
        return HexIds.parseLong(traceId, 0);
    }

    private static long parseLow(String traceId) {
        return HexIds.parseLong(traceId, 16);
    }
}
