package dev.tracestore.benchmarks.workload;

import io.opentelemetry.sdk.trace.IdGenerator;

/**
 * An {@link IdGenerator} that hands out the IDs set just before a span starts, so that SDK spans carry the
 * workload's IDs. Single-threaded, like the benchmarks that use it.
 *
 * <pre>{@code
 * ids.next(span.traceId(), span.spanId());
 * tracer.spanBuilder(span.name()).startSpan();   // gets exactly these IDs
 * }</pre>
 */
final class PresetIdGenerator implements IdGenerator {

    private String traceId;
    private String spanId;

    void next(String traceId, String spanId) {
        this.traceId = traceId;
        this.spanId = spanId;
    }

    @Override
    public String generateSpanId() {
        return spanId;
    }

    @Override
    public String generateTraceId() {
        return traceId;
    }
}
