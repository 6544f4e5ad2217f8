package dev.tracestore.core.model;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One finished span as trace-store keeps it: immutable and validated.
 *
 * <pre>{@code
 * StoredSpan span = StoredSpan.builder()
 *         .traceId("4bf92f3577b34da6a3ce929d0e0e4736")
 *         .spanId("00f067aa0ba902b7")
 *         .name("GET /orders/{id}")
 *         .kind(SpanKind.SERVER)
 *         .startEpochNanos(start)
 *         .endEpochNanos(end)
 *         .status(StatusCode.ERROR, "timeout")
 *         .attributes(Attributes.of(AttributeKey.longKey("http.response.status_code"), 504L))
 *         .resource(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "orders")))
 *         .build();
 * }</pre>
 *
 * @param traceId 32 lowercase hex characters, not all zeros
 * @param spanId 16 lowercase hex characters, not all zeros
 * @param parentSpanId the parent's span ID, or the empty string for a root span
 * @param name the span name
 * @param kind the span kind
 * @param startEpochNanos start, in nanoseconds since the epoch
 * @param endEpochNanos end, in nanoseconds since the epoch, not before the start
 * @param statusCode UNSET, OK or ERROR
 * @param statusMessage the status description, empty when there is none
 * @param attributes the span's attributes (string, boolean, long, double and arrays of these)
 * @param events the span's events in the order they were recorded
 * @param links the span's links
 * @param resource the resource that produced the span (its {@code service.name} in particular)
 * @param scope the instrumentation scope (name and version) that created the span
 */
public record StoredSpan(
        String traceId,
        String spanId,
        String parentSpanId,
        String name,
        SpanKind kind,
        long startEpochNanos,
        long endEpochNanos,
        StatusCode statusCode,
        String statusMessage,
        Attributes attributes,
        List<SpanEvent> events,
        List<SpanLink> links,
        Resource resource,
        InstrumentationScopeInfo scope) {

    private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

    /** Validates every field and makes the lists immutable. */
    public StoredSpan {
        HexIds.requireTraceId(traceId, "traceId");
        HexIds.requireSpanId(spanId, "spanId");
        Objects.requireNonNull(parentSpanId, "parentSpanId must not be null (use \"\" for a root span)");
        if (!parentSpanId.isEmpty()) {
            HexIds.requireSpanId(parentSpanId, "parentSpanId");
        }
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(kind, "kind must not be null");
        if (endEpochNanos < startEpochNanos) {
            throw new IllegalArgumentException("endEpochNanos (" + endEpochNanos
                    + ") must not be before startEpochNanos (" + startEpochNanos + ")");
        }
        Objects.requireNonNull(statusCode, "statusCode must not be null");
        statusMessage = statusMessage == null ? "" : statusMessage;
        Objects.requireNonNull(attributes, "attributes must not be null");
        events = List.copyOf(events);
        links = List.copyOf(links);
        Objects.requireNonNull(resource, "resource must not be null");
        Objects.requireNonNull(scope, "scope must not be null");
    }

    /**
     * Starts a builder with empty attributes, no events or links, status UNSET, kind INTERNAL,
     * an empty resource and an empty scope.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return {@code endEpochNanos - startEpochNanos} */
    public long durationNanos() {
        return endEpochNanos - startEpochNanos;
    }

    /** @return the resource's {@code service.name}, or the empty string when it has none */
    public String serviceName() {
        String service = resource.getAttribute(SERVICE_NAME);
        return service == null ? "" : service;
    }

    /** @return {@code true} when the span has no parent */
    public boolean isRoot() {
        return parentSpanId.isEmpty();
    }

    /** @return the start as an {@link Instant} */
    public Instant startTime() {
        return toInstant(startEpochNanos);
    }

    /** @return the end as an {@link Instant} */
    public Instant endTime() {
        return toInstant(endEpochNanos);
    }

    private static Instant toInstant(long epochNanos) {
        return Instant.ofEpochSecond(0, epochNanos);
    }

    /** Builds a {@link StoredSpan}; {@link #build()} validates. */
    public static final class Builder {
        private String traceId;
        private String spanId;
        private String parentSpanId = "";
        private String name;
        private SpanKind kind = SpanKind.INTERNAL;
        private long startEpochNanos;
        private long endEpochNanos;
        private StatusCode statusCode = StatusCode.UNSET;
        private String statusMessage = "";
        private Attributes attributes = Attributes.empty();
        private List<SpanEvent> events = List.of();
        private List<SpanLink> links = List.of();
        private Resource resource = Resource.empty();
        private InstrumentationScopeInfo scope = InstrumentationScopeInfo.empty();

        private Builder() {
        }

        /** @param traceId 32 lowercase hex characters @return this */
        public Builder traceId(String traceId) {
            this.traceId = traceId;
            return this;
        }

        /** @param spanId 16 lowercase hex characters @return this */
        public Builder spanId(String spanId) {
            this.spanId = spanId;
            return this;
        }

        /** @param parentSpanId the parent span ID, or empty for a root span @return this */
        public Builder parentSpanId(String parentSpanId) {
            this.parentSpanId = parentSpanId;
            return this;
        }

        /** @param name the span name @return this */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** @param kind the span kind @return this */
        public Builder kind(SpanKind kind) {
            this.kind = kind;
            return this;
        }

        /** @param startEpochNanos start in epoch nanoseconds @return this */
        public Builder startEpochNanos(long startEpochNanos) {
            this.startEpochNanos = startEpochNanos;
            return this;
        }

        /** @param endEpochNanos end in epoch nanoseconds @return this */
        public Builder endEpochNanos(long endEpochNanos) {
            this.endEpochNanos = endEpochNanos;
            return this;
        }

        /** @param code the status code @param message the description, may be null @return this */
        public Builder status(StatusCode code, String message) {
            this.statusCode = code;
            this.statusMessage = message;
            return this;
        }

        /** @param attributes the span attributes @return this */
        public Builder attributes(Attributes attributes) {
            this.attributes = attributes;
            return this;
        }

        /** @param events the span events @return this */
        public Builder events(List<SpanEvent> events) {
            this.events = events;
            return this;
        }

        /** @param links the span links @return this */
        public Builder links(List<SpanLink> links) {
            this.links = links;
            return this;
        }

        /** @param resource the producing resource @return this */
        public Builder resource(Resource resource) {
            this.resource = resource;
            return this;
        }

        /** @param scope the instrumentation scope @return this */
        public Builder scope(InstrumentationScopeInfo scope) {
            this.scope = scope;
            return this;
        }

        /**
         * @return the validated span
         * @throws IllegalArgumentException naming the first invalid field
         */
        public StoredSpan build() {
            return new StoredSpan(traceId, spanId, parentSpanId, name, kind, startEpochNanos, endEpochNanos,
                    statusCode, statusMessage, attributes, events, links, resource, scope);
        }
    }
}
