package dev.tracestore.core.store;

import java.util.Arrays;

/**
 * Counts per small number (a resource or scope number) during one lock hold of a {@link WindowScan}, drained into
 * names before the hold ends, since eviction may free and reuse the numbers afterwards.
 */
final class IdCounts {

    /** Receives one number and its count. */
    interface Sink {
        void accept(int id, int count);
    }

    private int[] counts = new int[16];
    private int[] touched = new int[16];
    private int touchedSize;

    void add(int id) {
        if (id >= counts.length) {
            counts = Arrays.copyOf(counts, Math.max(counts.length * 2, id + 1));
        }
        if (counts[id]++ == 0) {
            if (touchedSize == touched.length) {
                touched = Arrays.copyOf(touched, touchedSize * 2);
            }
            touched[touchedSize++] = id;
        }
    }

    /** Hands every counted number to {@code sink} and starts again from zero. */
    void drain(Sink sink) {
        for (int i = 0; i < touchedSize; i++) {
            int id = touched[i];
            sink.accept(id, counts[id]);
            counts[id] = 0;
        }
        touchedSize = 0;
    }
}
