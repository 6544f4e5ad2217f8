package dev.tracestore.core.store;

import dev.tracestore.core.model.HexIds;
import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.FailureRules;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;

import java.util.Arrays;
import java.util.concurrent.locks.Lock;
import java.util.function.Function;

/**
 * {@link TraceSpans} over the slots of one trace, read from the columns and records under the store's read lock:
 * an attribute is read from its record without unpacking the others, a span is unpacked only when asked for.
 */
final class RingTraceSpans implements TraceSpans {

    /**
     * Above this many spans a trace is unpacked under the lock (as {@code getTrace} does) and handed over
     * unpacked, so that the reader's work on a large trace does not hold the lock.
     */
    static final int MAX_SPANS_READ_PACKED = 256;

    private final SpanRing ring;
    private final int[] slots;
    private final StoredSpan[] unpacked;
    private String traceId;

    private RingTraceSpans(SpanRing ring, int[] slots) {
        this.ring = ring;
        this.slots = slots;
        this.unpacked = new StoredSpan[slots.length];
    }

    /**
     * Reads a trace for {@link SpanStore#readTrace}: packed under the read lock, or unpacked when large.
     *
     * @return the reader's answer, or {@code null} when no span of the trace is stored
     */
    static <T> T read(Lock readLock, SpanRing ring, long high, long low,
            Function<? super TraceSpans, ? extends T> reader) {
        StoredSpan[] spans;
        readLock.lock();
        try {
            int[] slots = ring.traceSlots(high, low);
            if (slots.length == 0) {
                return null;
            }
            if (slots.length <= MAX_SPANS_READ_PACKED) {
                return reader.apply(new RingTraceSpans(ring, slots));
            }
            spans = TraceUnpacker.unpack(ring, slots);
        } finally {
            readLock.unlock();
        }
        return reader.apply(new UnpackedTraceSpans(Arrays.asList(spans), ring.failureRules()));
    }

    @Override
    public int size() {
        return slots.length;
    }

    @Override
    public String traceId() {
        if (traceId == null) {
            traceId = ring.traceId(slots[0]);
        }
        return traceId;
    }

    @Override
    public long spanId(int i) {
        return ring.columns.spanId[slots[i]];
    }

    @Override
    public long parentSpanId(int i) {
        return ring.columns.parentSpanId[slots[i]];
    }

    @Override
    public String name(int i) {
        return ring.name(slots[i]);
    }

    @Override
    public SpanKind kind(int i) {
        return ring.columns.kind(slots[i]);
    }

    @Override
    public StatusCode status(int i) {
        return ring.columns.status(slots[i]);
    }

    @Override
    public String statusMessage(int i) {
        return unpacked[i] != null ? unpacked[i].statusMessage() : ring.statusMessage(slots[i]);
    }

    @Override
    public long startEpochNanos(int i) {
        return ring.columns.start[slots[i]];
    }

    @Override
    public long durationNanos(int i) {
        return ring.columns.duration[slots[i]];
    }

    @Override
    public String service(int i) {
        return ring.service(slots[i]);
    }

    @Override
    public Resource resource(int i) {
        return ring.resources.get(ring.columns.resourceId[slots[i]]);
    }

    @Override
    public InstrumentationScopeInfo scope(int i) {
        return ring.scope(slots[i]);
    }

    @Override
    public Object attribute(int i, String name) {
        return unpacked[i] != null ? UnpackedTraceSpans.attribute(unpacked[i].attributes(), name)
                : ring.attribute(slots[i], name);
    }

    @Override
    public boolean failed(int i) {
        return ring.columns.failed(slots[i]);
    }

    @Override
    public FailureRules failureRules() {
        return ring.failureRules();
    }

    @Override
    public StoredSpan span(int i) {
        if (unpacked[i] == null) {
            int slot = slots[i];
            long parent = ring.columns.parentSpanId[slot];
            unpacked[i] = ring.decode(slot, traceId(), HexIds.toHex(ring.columns.spanId[slot]),
                    parent == 0 ? "" : HexIds.toHex(parent));
        }
        return unpacked[i];
    }
}
