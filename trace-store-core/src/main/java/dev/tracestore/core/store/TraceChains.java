package dev.tracestore.core.store;

import java.util.Arrays;

/**
 * The newest slot of every stored trace; each slot's {@link SpanColumns#previousInTrace} links on to the trace's
 * previous span, so a trace's spans are found without a list per trace. An open-addressing table of primitive
 * columns (linear probing, backward-shift deletion): no object per trace, no boxing, and a look-up is a hash and
 * a probe or two, which a reload of a million spans and every {@code getTrace} pay. Not thread-safe; the store
 * guards it.
 */
final class TraceChains {

    private static final int EMPTY = -1;
    private static final int MIN_CAPACITY = 16;

    private long[] highs;
    private long[] lows;
    /** The newest slot of the trace in each table entry, {@link #EMPTY} for a free entry. */
    private int[] newest;
    private int size;

    TraceChains() {
        allocate(MIN_CAPACITY);
    }

    private void allocate(int capacity) {
        highs = new long[capacity];
        lows = new long[capacity];
        newest = new int[capacity];
        Arrays.fill(newest, EMPTY);
    }

    /** Makes {@code slot} the trace's newest span. @return the slot of its previous newest span, or -1 */
    int link(long high, long low, int slot) {
        int at = find(high, low);
        if (newest[at] != EMPTY) {
            int previous = newest[at];
            newest[at] = slot;
            return previous;
        }
        highs[at] = high;
        lows[at] = low;
        newest[at] = slot;
        if (++size > newest.length / 2) {
            resize(newest.length * 2);
        }
        return -1;
    }

    /** Forgets the trace when {@code slot}, being evicted, is its newest span: then it is its last one too. */
    void unlink(long high, long low, int slot) {
        int at = find(high, low);
        if (newest[at] != slot) {
            return;
        }
        remove(at);
        size--;
        if (newest.length > MIN_CAPACITY && size < newest.length / 8) {
            resize(newest.length / 2);
        }
    }

    /** @return the slot of the trace's newest span, or -1 when none is stored */
    int newest(long high, long low) {
        int at = find(high, low);
        return newest[at];
    }

    /** @return how many traces are held */
    int size() {
        return size;
    }

    /** @return the entry holding the trace, or the free entry where it would go */
    private int find(long high, long low) {
        int mask = newest.length - 1;
        int at = home(high, low, mask);
        while (newest[at] != EMPTY && (highs[at] != high || lows[at] != low)) {
            at = (at + 1) & mask;
        }
        return at;
    }

    private static int home(long high, long low, int mask) {
        // trace IDs are random already, except in tests and from some tools: mix the bits anyway
        long h = (high ^ Long.rotateLeft(low, 32)) * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    /** Frees an entry, moving later entries of its probe run back so every look-up still finds them. */
    private void remove(int at) {
        int mask = newest.length - 1;
        int free = at;
        int next = (at + 1) & mask;
        while (newest[next] != EMPTY) {
            int home = home(highs[next], lows[next], mask);
            // the entry at next may move to free when its home is not within (free, next]
            if (((next - home) & mask) >= ((next - free) & mask)) {
                highs[free] = highs[next];
                lows[free] = lows[next];
                newest[free] = newest[next];
                free = next;
            }
            next = (next + 1) & mask;
        }
        newest[free] = EMPTY;
    }

    private void resize(int capacity) {
        long[] oldHighs = highs;
        long[] oldLows = lows;
        int[] oldNewest = newest;
        allocate(capacity);
        for (int i = 0; i < oldNewest.length; i++) {
            if (oldNewest[i] != EMPTY) {
                int at = find(oldHighs[i], oldLows[i]);
                highs[at] = oldHighs[i];
                lows[at] = oldLows[i];
                newest[at] = oldNewest[i];
            }
        }
    }
}
