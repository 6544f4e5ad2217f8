package dev.tracestore.core.store;

import dev.tracestore.core.model.HexIds;
import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;

/** A {@link ScannedSpan} over a span already unpacked. */
record UnpackedScannedSpan(StoredSpan span, boolean failed) implements ScannedSpan {

    @Override
    public long traceIdHigh() {
        return HexIds.parseLong(span.traceId(), 0);
    }

    @Override
    public long traceIdLow() {
        return HexIds.parseLong(span.traceId(), 16);
    }

    @Override
    public long spanId() {
        return HexIds.parseLong(span.spanId(), 0);
    }

    @Override
    public long parentSpanId() {
        return span.isRoot() ? 0 : HexIds.parseLong(span.parentSpanId(), 0);
    }

    @Override
    public String service() {
        String service = span.serviceName();
        return service == null ? "" : service;
    }

    @Override
    public String name() {
        return span.name();
    }

    @Override
    public SpanKind kind() {
        return span.kind();
    }

    @Override
    public long startEpochNanos() {
        return span.startEpochNanos();
    }

    @Override
    public long durationNanos() {
        return span.durationNanos();
    }

    @Override
    public Attributes attributes() {
        return span.attributes();
    }

    @Override
    public Attributes resourceAttributes() {
        return span.resource().getAttributes();
    }
}
