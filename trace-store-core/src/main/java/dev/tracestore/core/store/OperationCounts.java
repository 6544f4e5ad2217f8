package dev.tracestore.core.store;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The live spans per operation (span name number, resource number, kind), kept up to date with every add and
 * eviction so that listing a service's operations reads a few hundred counters instead of a million spans. An entry
 * goes with its last span, before eviction can free and reuse the numbers it is made of. Not thread-safe; the store
 * guards it.
 */
final class OperationCounts {

    private final Map<Long, int[]> counts = new HashMap<>();

    void add(int nameId, int resourceId, int kind) {
        counts.computeIfAbsent(key(nameId, resourceId, kind), k -> new int[1])[0]++;
    }

    void remove(int nameId, int resourceId, int kind) {
        Long key = key(nameId, resourceId, kind);
        int[] count = counts.get(key);
        if (count != null && --count[0] == 0) {
            counts.remove(key);
        }
    }

    /** Hands each operation's (name number, resource number, kind) packed as {@link #key} to {@code sink}. */
    void forEach(BiConsumer<Long, Integer> sink) {
        counts.forEach((key, count) -> sink.accept(key, count[0]));
    }

    static long key(int nameId, int resourceId, int kind) {
        return (long) nameId << 32 | (long) resourceId << 3 | kind;
    }

    static int nameId(long key) {
        return (int) (key >>> 32);
    }

    static int resourceId(long key) {
        return (int) (key & 0xFFFF_FFFFL) >>> 3;
    }

    static int kind(long key) {
        return (int) (key & 0x7);
    }
}
