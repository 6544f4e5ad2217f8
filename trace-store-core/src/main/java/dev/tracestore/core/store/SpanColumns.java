package dev.tracestore.core.store;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;

/**
 * The fixed-size fields of every stored span in primitive arrays indexed by slot: what queries test and sort on
 * without unpacking a span. IDs are kept as unsigned longs, whose numeric order is the order of their lowercase
 * hex form. Not thread-safe; the store guards it.
 */
final class SpanColumns {

    private static final SpanKind[] KINDS = SpanKind.values();
    private static final StatusCode[] STATUSES = StatusCode.values();
    private static final int STATUS_SHIFT = 3;
    private static final int FAILED = 1 << 5;

    final long[] traceHigh;
    final long[] traceLow;
    final long[] spanId;
    final long[] parentSpanId;
    final long[] start;
    final long[] duration;
    final long[] recordAddress;
    final int[] nameId;
    final int[] resourceId;
    final int[] scopeId;
    /** The slot of the previous span of the same trace, or -1: a chain from the trace's newest span. */
    final int[] previousInTrace;
    /** Kind (bits 0-2), status (bits 3-4), failed (bit 5). */
    final byte[] flags;

    SpanColumns(int capacity) {
        traceHigh = new long[capacity];
        traceLow = new long[capacity];
        spanId = new long[capacity];
        parentSpanId = new long[capacity];
        start = new long[capacity];
        duration = new long[capacity];
        recordAddress = new long[capacity];
        nameId = new int[capacity];
        resourceId = new int[capacity];
        scopeId = new int[capacity];
        previousInTrace = new int[capacity];
        flags = new byte[capacity];
    }

    static byte flags(SpanKind kind, StatusCode status, boolean failed) {
        return (byte) (kind.ordinal() | status.ordinal() << STATUS_SHIFT | (failed ? FAILED : 0));
    }

    SpanKind kind(int slot) {
        return KINDS[flags[slot] & 0x7];
    }

    int kindOrdinal(int slot) {
        return flags[slot] & 0x7;
    }

    StatusCode status(int slot) {
        return STATUSES[statusOrdinal(slot)];
    }

    int statusOrdinal(int slot) {
        return (flags[slot] >> STATUS_SHIFT) & 0x3;
    }

    boolean failed(int slot) {
        return (flags[slot] & FAILED) != 0;
    }
}
