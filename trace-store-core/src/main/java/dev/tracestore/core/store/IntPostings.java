package dev.tracestore.core.store;

import java.util.Arrays;

/**
 * An ascending list of span sequence numbers, four bytes each: only the low 32 bits are kept, and a full sequence
 * is rebuilt relative to the oldest live sequence (live sequences span less than 2^31). Eviction does not touch
 * the list; entries older than the oldest live span are skipped by readers and trimmed by writers (when the array
 * fills, and by the index's sweeps), so evicting a span costs nothing here. Not thread-safe; the store guards it (readers under the read lock never trim).
 */
final class IntPostings {

    private int[] values = new int[4];
    private int head;
    private int size;

    /**
     * Appends {@code sequence}, trimming entries older than {@code oldest} only when the array is full: the head
     * of a list is then read once per filling instead of once per append (a cache miss each time for the many
     * lists of a high-cardinality key), and readers skip what is not trimmed yet anyway.
     */
    void append(long sequence, long oldest) {
        if (head + size == values.length) {
            trimBefore(oldest);
        }
        if (head + size == values.length) {
            // A list that slides (appends at the tail, trims at the head) is compacted in place rather than
            // doubled, so that it keeps the size it had while it filled: a doubled array would stay half empty.
            int[] target = head > 0 && head >= values.length / 16 ? values
                    : new int[values.length + Math.max(4, values.length >> 1)];
            System.arraycopy(values, head, target, 0, size);
            values = target;
            head = 0;
        }
        values[head + size] = (int) sequence;
        size++;
    }

    /** Drops entries older than {@code oldest} and shrinks a mostly empty array. */
    void trimBefore(long oldest) {
        while (size > 0 && values[head] - (int) oldest < 0) {
            head++;
            size--;
        }
        if (size == 0) {
            head = 0;
        }
        if (values.length > 16 && size < values.length / 4) {
            values = Arrays.copyOfRange(values, head, head + Math.max(size * 2, 4));
            head = 0;
        }
    }

    /** @return the full sequence of entry {@code index}, given the oldest live sequence */
    long get(int index, long oldest) {
        return oldest + (values[head + index] - (int) oldest);
    }

    /** @return the index of the first entry not older than {@code sequence} (which is live), or {@link #size()} */
    int lowerBound(long sequence, long oldest) {
        int target = (int) (sequence - oldest);
        int low = 0;
        int high = size;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (values[head + mid] - (int) oldest < target) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** @return entries, counting not yet trimmed ones */
    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }
}
