package dev.tracestore.core.store;

/**
 * An append-only list of ascending sequence numbers that also shrinks from the front. Eviction is first in,
 * first out, so the sequence evicted from a posting list is always its first one: removal is O(1).
 * Not thread-safe; the store guards it.
 */
final class SequenceList {

    private long[] values = new long[2];
    private int head;
    private int size;

    void append(long sequence) {
        if (head + size == values.length) {
            grow();
        }
        values[head + size] = sequence;
        size++;
    }

    /** Removes the first entry, which must be {@code sequence}. */
    void removeFirst(long sequence) {
        if (size == 0 || values[head] != sequence) {
            throw new IllegalStateException("posting list out of order: expected first " + sequence);
        }
        head++;
        size--;
        if (size == 0) {
            head = 0;
        }
    }

    long get(int index) {
        return values[head + index];
    }

    /** @return the index of the first entry not less than {@code sequence}, or {@link #size()} when none is */
    int lowerBound(long sequence) {
        int low = 0;
        int high = size;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (values[head + mid] < sequence) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    private void grow() {
        long[] target = size * 2 <= values.length ? values : new long[Math.max(4, values.length * 2)];
        System.arraycopy(values, head, target, 0, size);
        values = target;
        head = 0;
    }
}
