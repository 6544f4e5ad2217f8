package dev.tracestore.core.query;

import dev.tracestore.core.model.HexIds;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated search over stored spans. Every condition that is set must hold (they are ANDed); unset
 * conditions match everything.
 *
 * <p>The time window is half-open on the span's start time: {@code from <= start < to}. A look-back is
 * resolved when the query runs as {@code [now - lookback, now]}, both ends inclusive; it cannot be combined
 * with {@code from} or {@code to}. Span durations filter with {@code minDuration <= duration <= maxDuration};
 * trace durations ({@code minTraceDuration}, {@code maxTraceDuration}) apply only to trace search.
 *
 * <pre>{@code
 * SpanQuery slowCheckouts = SpanQuery.builder()
 *         .service("shop")
 *         .spanName("GET /checkout")
 *         .minDuration(Duration.ofMillis(500))
 *         .lookback(Duration.ofHours(1))
 *         .attribute(AttributeFilter.parse("tenant.id=42"))
 *         .limit(20)
 *         .build();
 * }</pre>
 */
public final class SpanQuery {

    /** The limit used when none is given. */
    public static final int DEFAULT_LIMIT = 100;

    /** The largest limit a query may ask for. */
    public static final int MAX_LIMIT = 10_000;

    private final String traceId;
    private final String service;
    private final String spanName;
    private final boolean spanNameExact;
    private final List<String> spanNames;
    private final SpanKind kind;
    private final StatusCode status;
    private final String errorType;
    private final boolean failedOnly;
    private final List<AttributeFilter> attributes;
    private final Instant from;
    private final Instant to;
    private final Duration lookback;
    private final Duration minDuration;
    private final Duration maxDuration;
    private final Duration minTraceDuration;
    private final Duration maxTraceDuration;
    private final int limit;
    private final SpanOrder order;

    private SpanQuery(Builder builder) {
        this.traceId = builder.traceId == null ? null : HexIds.requireTraceId(builder.traceId, "traceId");
        this.service = builder.service;
        this.spanName = builder.spanName;
        this.spanNameExact = builder.spanNameExact;
        this.spanNames = spanName == null ? List.of()
                : spanNameExact ? List.of(spanName) : HttpSpanNames.alternatives(spanName);
        this.kind = builder.kind;
        this.status = builder.status;
        this.errorType = builder.errorType;
        this.failedOnly = builder.failedOnly;
        this.attributes = List.copyOf(builder.attributes);
        this.from = builder.from;
        this.to = builder.to;
        this.lookback = builder.lookback;
        this.minDuration = builder.minDuration;
        this.maxDuration = builder.maxDuration;
        this.minTraceDuration = builder.minTraceDuration;
        this.maxTraceDuration = builder.maxTraceDuration;
        this.limit = builder.limit;
        this.order = Objects.requireNonNull(builder.order, "order must not be null");
        SpanQueryRules.check(this);
    }

    /** @return a builder with no conditions, limit {@value #DEFAULT_LIMIT} and newest first */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this query's settings */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.traceId = traceId;
        builder.service = service;
        builder.spanName = spanName;
        builder.spanNameExact = spanNameExact;
        builder.kind = kind;
        builder.status = status;
        builder.errorType = errorType;
        builder.failedOnly = failedOnly;
        builder.attributes.addAll(attributes);
        builder.from = from;
        builder.to = to;
        builder.lookback = lookback;
        builder.minDuration = minDuration;
        builder.maxDuration = maxDuration;
        builder.minTraceDuration = minTraceDuration;
        builder.maxTraceDuration = maxTraceDuration;
        builder.limit = limit;
        builder.order = order;
        return builder;
    }

    /** @return the trace ID condition */
    public Optional<String> traceId() {
        return Optional.ofNullable(traceId);
    }

    /** @return the {@code service.name} condition */
    public Optional<String> service() {
        return Optional.ofNullable(service);
    }

    /** @return the span name condition, as given */
    public Optional<String> spanName() {
        return Optional.ofNullable(spanName);
    }

    /**
     * The names a span may have to match the name condition: the name given and, unless it was given with
     * {@link Builder#exactSpanName}, the same HTTP span's name under the other convention
     * ({@code GET /orders/{id}} and Micrometer's {@code http get /orders/{id}}).
     *
     * <pre>{@code
     * SpanQuery.builder().spanName("GET /orders/{id}").build().spanNames();      // [GET /orders/{id}, http get /orders/{id}]
     * SpanQuery.builder().exactSpanName("GET /orders/{id}").build().spanNames(); // [GET /orders/{id}]
     * }</pre>
     *
     * @return the accepted names; empty when there is no name condition
     */
    public List<String> spanNames() {
        return spanNames;
    }

    /** @return the span kind condition */
    public Optional<SpanKind> kind() {
        return Optional.ofNullable(kind);
    }

    /** @return the status code condition */
    public Optional<StatusCode> status() {
        return Optional.ofNullable(status);
    }

    /** @return the error type condition (see {@code TraceQueries} for how an error type is recorded) */
    public Optional<String> errorType() {
        return Optional.ofNullable(errorType);
    }

    /** @return {@code true} when only failed spans match (see {@code Failures}) */
    public boolean failedOnly() {
        return failedOnly;
    }

    /** @return the attribute conditions, all of which must hold */
    public List<AttributeFilter> attributes() {
        return attributes;
    }

    /** @return the inclusive lower bound on the start time */
    public Optional<Instant> from() {
        return Optional.ofNullable(from);
    }

    /** @return the exclusive upper bound on the start time */
    public Optional<Instant> to() {
        return Optional.ofNullable(to);
    }

    /** @return the look-back from the moment the query runs */
    public Optional<Duration> lookback() {
        return Optional.ofNullable(lookback);
    }

    /** @return the inclusive minimum span duration */
    public Optional<Duration> minDuration() {
        return Optional.ofNullable(minDuration);
    }

    /** @return the inclusive maximum span duration */
    public Optional<Duration> maxDuration() {
        return Optional.ofNullable(maxDuration);
    }

    /** @return the inclusive minimum trace duration, for trace search */
    public Optional<Duration> minTraceDuration() {
        return Optional.ofNullable(minTraceDuration);
    }

    /** @return the inclusive maximum trace duration, for trace search */
    public Optional<Duration> maxTraceDuration() {
        return Optional.ofNullable(maxTraceDuration);
    }

    /** @return the most results to return (spans, or traces for trace search) */
    public int limit() {
        return limit;
    }

    /** @return the order of the results */
    public SpanOrder order() {
        return order;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SpanQuery that && limit == that.limit && order == that.order
                && Objects.equals(traceId, that.traceId) && Objects.equals(service, that.service)
                && Objects.equals(spanName, that.spanName) && spanNameExact == that.spanNameExact && kind == that.kind && status == that.status
                && Objects.equals(errorType, that.errorType) && failedOnly == that.failedOnly && attributes.equals(that.attributes)
                && Objects.equals(from, that.from) && Objects.equals(to, that.to)
                && Objects.equals(lookback, that.lookback) && Objects.equals(minDuration, that.minDuration)
                && Objects.equals(maxDuration, that.maxDuration)
                && Objects.equals(minTraceDuration, that.minTraceDuration)
                && Objects.equals(maxTraceDuration, that.maxTraceDuration);
    }

    @Override
    public int hashCode() {
        return Objects.hash(traceId, service, spanName, spanNameExact, kind, status, errorType, failedOnly, attributes, from, to, lookback,
                minDuration, maxDuration, minTraceDuration, maxTraceDuration, limit, order);
    }

    @Override
    public String toString() {
        return "SpanQuery{traceId=" + traceId + ", service=" + service + ", spanName=" + spanName + (spanNameExact ? " (exact)" : "") + ", kind=" + kind
                + ", status=" + status + ", errorType=" + errorType + ", failedOnly=" + failedOnly + ", attributes=" + attributes + ", from=" + from
                + ", to=" + to + ", lookback=" + lookback + ", minDuration=" + minDuration + ", maxDuration="
                + maxDuration + ", minTraceDuration=" + minTraceDuration + ", maxTraceDuration=" + maxTraceDuration
                + ", limit=" + limit + ", order=" + order + "}";
    }

    /** Collects the conditions of a {@link SpanQuery}; {@link #build()} validates them. */
    public static final class Builder {
        private String traceId;
        private String service;
        private String spanName;
        private boolean spanNameExact;
        private SpanKind kind;
        private StatusCode status;
        private String errorType;
        private boolean failedOnly;
        private final List<AttributeFilter> attributes = new ArrayList<>();
        private Instant from;
        private Instant to;
        private Duration lookback;
        private Duration minDuration;
        private Duration maxDuration;
        private Duration minTraceDuration;
        private Duration maxTraceDuration;
        private int limit = DEFAULT_LIMIT;
        private SpanOrder order = SpanOrder.NEWEST_FIRST;

        private Builder() {
        }

        /** @param traceId 32 lowercase hex characters, or null for any @return this */
        public Builder traceId(String traceId) {
            this.traceId = traceId;
            return this;
        }

        /** @param service the resource's {@code service.name}, or null for any @return this */
        public Builder service(String service) {
            this.service = service;
            return this;
        }

        /**
         * @param spanName the span name, or null for any; an HTTP span name also matches the other convention's
         *     name of the same span (see {@link SpanQuery#spanNames()})
         * @return this
         */
        public Builder spanName(String spanName) {
            this.spanName = spanName;
            this.spanNameExact = false;
            return this;
        }

        /** @param spanName the span name, matched exactly and only, or null for any @return this */
        public Builder exactSpanName(String spanName) {
            this.spanName = spanName;
            this.spanNameExact = true;
            return this;
        }

        /** @param kind the span kind, or null for any @return this */
        public Builder kind(SpanKind kind) {
            this.kind = kind;
            return this;
        }

        /** @param status the status code, or null for any @return this */
        public Builder status(StatusCode status) {
            this.status = status;
            return this;
        }

        /** @param errorType the error type, or null for any @return this */
        public Builder errorType(String errorType) {
            this.errorType = errorType;
            return this;
        }

        /** @param failedOnly {@code true} to match only failed spans (see {@code Failures}) @return this */
        public Builder failedOnly(boolean failedOnly) {
            this.failedOnly = failedOnly;
            return this;
        }

        /** @param filter one more attribute condition @return this */
        public Builder attribute(AttributeFilter filter) {
            attributes.add(Objects.requireNonNull(filter, "attribute filter must not be null"));
            return this;
        }

        /** @param from the inclusive lower bound on the start time, or null @return this */
        public Builder from(Instant from) {
            this.from = from;
            return this;
        }

        /** @param to the exclusive upper bound on the start time, or null @return this */
        public Builder to(Instant to) {
            this.to = to;
            return this;
        }

        /** @param lookback how far back from now, or null @return this */
        public Builder lookback(Duration lookback) {
            this.lookback = lookback;
            return this;
        }

        /** @param minDuration the inclusive minimum span duration, or null @return this */
        public Builder minDuration(Duration minDuration) {
            this.minDuration = minDuration;
            return this;
        }

        /** @param maxDuration the inclusive maximum span duration, or null @return this */
        public Builder maxDuration(Duration maxDuration) {
            this.maxDuration = maxDuration;
            return this;
        }

        /** @param minTraceDuration the inclusive minimum trace duration, or null @return this */
        public Builder minTraceDuration(Duration minTraceDuration) {
            this.minTraceDuration = minTraceDuration;
            return this;
        }

        /** @param maxTraceDuration the inclusive maximum trace duration, or null @return this */
        public Builder maxTraceDuration(Duration maxTraceDuration) {
            this.maxTraceDuration = maxTraceDuration;
            return this;
        }

        /** @param limit 1 to {@value SpanQuery#MAX_LIMIT} @return this */
        public Builder limit(int limit) {
            this.limit = limit;
            return this;
        }

        /** @param order the result order @return this */
        public Builder order(SpanOrder order) {
            this.order = order;
            return this;
        }

        /**
         * @return the validated query
         * @throws IllegalArgumentException naming the first invalid field
         */
        public SpanQuery build() {
            return new SpanQuery(this);
        }
    }
}
