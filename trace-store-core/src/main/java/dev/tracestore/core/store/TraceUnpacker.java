package dev.tracestore.core.store;

import dev.tracestore.core.model.HexIds;
import dev.tracestore.core.model.StoredSpan;

import java.util.HashMap;
import java.util.Map;

/**
 * Unpacks the spans of one trace for {@code getTrace}: the trace ID is formatted once for all of them, and a
 * parent's ID is the very string of its span when the parent is stored (nine of ten spans in a typical trace),
 * so a trace costs one ID string per span instead of three.
 */
final class TraceUnpacker {

    /** Above this many spans, parents are found through a map instead of by looking at every span. */
    private static final int LINEAR_LOOKUP_SPANS = 32;

    private TraceUnpacker() {
    }

    /** @return the spans in {@code slots} (all of one trace), unpacked, in the same order; under the read lock */
    static StoredSpan[] unpack(SpanRing ring, int[] slots) {
        StoredSpan[] spans = new StoredSpan[slots.length];
        if (slots.length == 0) {
            return spans;
        }
        SpanColumns c = ring.columns;
        String traceId = ring.traceId(slots[0]);
        String[] spanIds = new String[slots.length];
        for (int i = 0; i < slots.length; i++) {
            spanIds[i] = HexIds.toHex(c.spanId[slots[i]]);
        }
        Map<Long, String> byId = slots.length > LINEAR_LOOKUP_SPANS ? index(c, slots, spanIds) : null;
        for (int i = 0; i < slots.length; i++) {
            long parent = c.parentSpanId[slots[i]];
            String parentId = parent == 0 ? "" : byId != null ? byId.get(parent) : find(c, slots, spanIds, parent);
            if (parentId == null) {
                parentId = HexIds.toHex(parent);
            }
            spans[i] = ring.decode(slots[i], traceId, spanIds[i], parentId);
        }
        return spans;
    }

    private static String find(SpanColumns c, int[] slots, String[] spanIds, long spanId) {
        for (int i = 0; i < slots.length; i++) {
            if (c.spanId[slots[i]] == spanId) {
                return spanIds[i];
            }
        }
        return null;
    }

    private static Map<Long, String> index(SpanColumns c, int[] slots, String[] spanIds) {
        Map<Long, String> byId = new HashMap<>(slots.length * 2);
        for (int i = 0; i < slots.length; i++) {
            byId.put(c.spanId[slots[i]], spanIds[i]);
        }
        return byId;
    }
}
