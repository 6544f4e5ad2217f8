package dev.tracestore.core.store;

import java.util.Arrays;

/**
 * Counts per non-negative {@code long} key in an open-addressing table (linear probing, deletion by shifting back),
 * so counting costs no boxed key and no entry object. A key goes when its count drops to zero, and the table
 * shrinks when it is mostly empty, so it stays as large as the keys counted now. Not thread-safe.
 */
final class LongCounts {

    /** Receives one key and its count. */
    interface Sink {
        void accept(long key, int count);
    }

    private static final long FREE = -1;
    private static final int MIN_CAPACITY = 8;

    private long[] keys = free(MIN_CAPACITY);
    private int[] counts = new int[MIN_CAPACITY];
    private int size;

    /** Counts one more of {@code key} (at least 0). */
    void increment(long key) {
        int mask = keys.length - 1;
        int at = home(key, mask);
        while (keys[at] != FREE) {
            if (keys[at] == key) {
                counts[at]++;
                return;
            }
            at = (at + 1) & mask;
        }
        keys[at] = key;
        counts[at] = 1;
        if (++size * 2 > keys.length) {
            resize(keys.length * 2);
        }
    }

    /** Counts one less of {@code key}, forgetting it at zero; a key not counted is left alone. */
    void decrement(long key) {
        int mask = keys.length - 1;
        int at = home(key, mask);
        while (keys[at] != key) {
            if (keys[at] == FREE) {
                return;
            }
            at = (at + 1) & mask;
        }
        if (--counts[at] > 0) {
            return;
        }
        removeAt(at, mask);
        if (--size * 8 < keys.length && keys.length > MIN_CAPACITY) {
            resize(keys.length / 2);
        }
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Hands every counted key to {@code sink}, in no particular order. */
    void forEach(Sink sink) {
        for (int at = 0; at < keys.length; at++) {
            if (keys[at] != FREE) {
                sink.accept(keys[at], counts[at]);
            }
        }
    }

    /** Empties slot {@code at}, moving later entries of its run back so that every key stays findable. */
    private void removeAt(int at, int mask) {
        int hole = at;
        for (int next = (hole + 1) & mask; keys[next] != FREE; next = (next + 1) & mask) {
            int home = home(keys[next], mask);
            // the entry at next may fill the hole unless its home lies cyclically in (hole, next]
            boolean homeBetween = hole <= next ? hole < home && home <= next : hole < home || home <= next;
            if (!homeBetween) {
                keys[hole] = keys[next];
                counts[hole] = counts[next];
                hole = next;
            }
        }
        keys[hole] = FREE;
        counts[hole] = 0;
    }

    private void resize(int capacity) {
        long[] oldKeys = keys;
        int[] oldCounts = counts;
        keys = free(capacity);
        counts = new int[capacity];
        int mask = capacity - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != FREE) {
                int at = home(oldKeys[i], mask);
                while (keys[at] != FREE) {
                    at = (at + 1) & mask;
                }
                keys[at] = oldKeys[i];
                counts[at] = oldCounts[i];
            }
        }
    }

    private static int home(long key, int mask) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> 40) & mask;
    }

    private static long[] free(int capacity) {
        long[] keys = new long[capacity];
        Arrays.fill(keys, FREE);
        return keys;
    }
}
