package dev.tracestore.core.store;

import java.util.HashMap;
import java.util.Map;

/**
 * The live spans per operation of each service (span name number and kind), kept up to date with every add and
 * eviction so that listing a service's operations reads that service's few counters instead of a million spans.
 * An entry goes with its last span, before eviction can free and reuse the name number it holds. Not thread-safe;
 * the store guards it.
 */
final class OperationCounts {

    /** Receives one operation of a service. */
    interface Sink {
        void accept(int nameId, int kind, int spans);
    }

    private final Map<String, Map<Long, int[]>> byService = new HashMap<>();

    void add(String service, int nameId, int kind) {
        byService.computeIfAbsent(service, s -> new HashMap<>()).computeIfAbsent(key(nameId, kind),
                k -> new int[1])[0]++;
    }

    void remove(String service, int nameId, int kind) {
        Map<Long, int[]> operations = byService.get(service);
        Long key = key(nameId, kind);
        int[] count = operations == null ? null : operations.get(key);
        if (count != null && --count[0] == 0) {
            operations.remove(key);
            if (operations.isEmpty()) {
                byService.remove(service);
            }
        }
    }

    /** Hands each operation of {@code service} to {@code sink}. */
    void forEach(String service, Sink sink) {
        Map<Long, int[]> operations = byService.get(service);
        if (operations != null) {
            operations.forEach((key, count) -> sink.accept((int) (key >>> 3), (int) (key & 0x7), count[0]));
        }
    }

    private static Long key(int nameId, int kind) {
        return (long) nameId << 3 | kind;
    }
}
