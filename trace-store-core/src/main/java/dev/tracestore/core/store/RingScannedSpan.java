package dev.tracestore.core.store;

import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;

/** A {@link ScannedSpan} reading one slot of the ring at a time, under the caller's read lock. */
final class RingScannedSpan implements ScannedSpan {

    private final SpanRing ring;
    private int slot;
    private Attributes attributes;
    private StoredSpan span;

    RingScannedSpan(SpanRing ring) {
        this.ring = ring;
    }

    /** Points at {@code slot}; {@code decoded} is the span there if matching already unpacked it, or null. */
    RingScannedSpan at(int slot, StoredSpan decoded) {
        this.slot = slot;
        this.span = decoded;
        this.attributes = decoded == null ? null : decoded.attributes();
        return this;
    }

    @Override
    public long traceIdHigh() {
        return ring.columns.traceHigh[slot];
    }

    @Override
    public long traceIdLow() {
        return ring.columns.traceLow[slot];
    }

    @Override
    public long spanId() {
        return ring.columns.spanId[slot];
    }

    @Override
    public long parentSpanId() {
        return ring.columns.parentSpanId[slot];
    }

    @Override
    public String service() {
        return ring.service(slot);
    }

    @Override
    public String name() {
        return ring.name(slot);
    }

    @Override
    public SpanKind kind() {
        return ring.columns.kind(slot);
    }

    @Override
    public long startEpochNanos() {
        return ring.columns.start[slot];
    }

    @Override
    public long durationNanos() {
        return ring.columns.duration[slot];
    }

    @Override
    public boolean failed() {
        return ring.columns.failed(slot);
    }

    @Override
    public Attributes attributes() {
        if (attributes == null) {
            attributes = ring.attributes(slot);
        }
        return attributes;
    }

    @Override
    public Attributes resourceAttributes() {
        return ring.resourceAttributes(slot);
    }

    @Override
    public StoredSpan span() {
        if (span == null) {
            span = ring.decode(slot);
        }
        return span;
    }
}
