package dev.tracestore.core.store;

import java.util.HashMap;
import java.util.Map;

/**
 * The newest slot of every stored trace; each slot's {@link SpanColumns#previousInTrace} links on to the trace's
 * previous span, so a trace's spans are found without a list per trace. Not thread-safe; the store guards it.
 */
final class TraceChains {

    /** A trace ID as two unsigned longs. */
    private record TraceKey(long high, long low) {
    }

    private final Map<TraceKey, Integer> newestSlot = new HashMap<>();

    /** Makes {@code slot} the trace's newest span. @return the slot of its previous newest span, or -1 */
    int link(long high, long low, int slot) {
        Integer previous = newestSlot.put(new TraceKey(high, low), slot);
        return previous == null ? -1 : previous;
    }

    /** Forgets the trace when {@code slot}, being evicted, is its newest span: then it is its last one too. */
    void unlink(long high, long low, int slot) {
        TraceKey trace = new TraceKey(high, low);
        Integer newest = newestSlot.get(trace);
        if (newest != null && newest == slot) {
            newestSlot.remove(trace);
        }
    }

    /** @return the slot of the trace's newest span, or -1 when none is stored */
    int newest(long high, long low) {
        Integer newest = newestSlot.get(new TraceKey(high, low));
        return newest == null ? -1 : newest;
    }
}
