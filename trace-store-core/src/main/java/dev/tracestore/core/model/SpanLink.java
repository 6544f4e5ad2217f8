package dev.tracestore.core.model;

import io.opentelemetry.api.common.Attributes;

import java.util.Objects;

/**
 * A link from a span to another span, possibly of another trace.
 *
 * <pre>{@code
 * SpanLink link = new SpanLink("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", Attributes.empty());
 * }</pre>
 *
 * @param traceId the linked span's trace ID (32 lowercase hex characters)
 * @param spanId the linked span's ID (16 lowercase hex characters)
 * @param attributes the link's attributes, never {@code null}
 */
public record SpanLink(String traceId, String spanId, Attributes attributes) {

    /** Validates the fields. */
    public SpanLink {
        HexIds.requireTraceId(traceId, "link.traceId");
        HexIds.requireSpanId(spanId, "link.spanId");
        Objects.requireNonNull(attributes, "link attributes");
    }
}
