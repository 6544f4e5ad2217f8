package dev.tracestore.core.store;

import java.util.HashMap;
import java.util.Map;

/**
 * The live spans per operation of each service (span name number and kind), kept up to date with every add and
 * eviction so that listing a service's operations reads that service's few counters instead of a million spans.
 * An entry goes with its last span, before eviction can free and reuse the name number it holds. The counters of a
 * service are a primitive table ({@link LongCounts}): counting a span boxes no key. Not thread-safe; the store
 * guards it.
 */
final class OperationCounts {

    /** Receives one operation of a service. */
    interface Sink {
        void accept(int nameId, int kind, int spans);
    }

    private final Map<String, LongCounts> byService = new HashMap<>();

    void add(String service, int nameId, int kind) {
        byService.computeIfAbsent(service, s -> new LongCounts()).increment(key(nameId, kind));
    }

    void remove(String service, int nameId, int kind) {
        LongCounts operations = byService.get(service);
        if (operations != null) {
            operations.decrement(key(nameId, kind));
            if (operations.isEmpty()) {
                byService.remove(service);
            }
        }
    }

    /** Hands each operation of {@code service} to {@code sink}. */
    void forEach(String service, Sink sink) {
        LongCounts operations = byService.get(service);
        if (operations != null) {
            operations.forEach((key, count) -> sink.accept((int) (key >>> 3), (int) (key & 0x7), count));
        }
    }

    private static long key(int nameId, int kind) {
        return (long) nameId << 3 | kind;
    }
}
