package dev.tracestore.core.model;

import io.opentelemetry.api.common.Attributes;

import java.util.Objects;

/**
 * An event recorded on a span, such as the {@code exception} event of a failure.
 *
 * <pre>{@code
 * SpanEvent event = new SpanEvent("exception", epochNanos,
 *         Attributes.of(AttributeKey.stringKey("exception.type"), "java.io.IOException"));
 * }</pre>
 *
 * @param name the event name, never {@code null}
 * @param epochNanos when the event happened, in nanoseconds since the epoch
 * @param attributes the event's attributes, never {@code null}
 */
public record SpanEvent(String name, long epochNanos, Attributes attributes) {

    /** Validates the fields. */
    public SpanEvent {
        Objects.requireNonNull(name, "event name");
        Objects.requireNonNull(attributes, "event attributes");
    }
}
