package dev.tracestore.sample;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.springframework.stereotype.Component;

/** The trace ID of the request being served, or the empty string when no span is current. */
@Component
class CurrentTraceId {

    private final Tracer tracer;

    CurrentTraceId(Tracer tracer) {
        this.tracer = tracer;
    }

    String get() {
        Span span = tracer.currentSpan();
        return span == null ? "" : span.context().traceId();
    }
}
