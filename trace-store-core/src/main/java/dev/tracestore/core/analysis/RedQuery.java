package dev.tracestore.core.analysis;

import dev.tracestore.core.query.SpanQuery;
import io.opentelemetry.api.trace.SpanKind;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a RED analysis looks at and how it groups: the span filters of a search (service, time window, attributes...;
 * limit and order do not apply), the span kinds counted (server spans by default, as Jaeger's monitor does: one per
 * request a service answered), the group-by keys (service and span name by default) and the bucket width (none:
 * one stretch over the whole window).
 *
 * <p>A group-by key is {@value #SERVICE}, {@value #SPAN_NAME}, {@value #SPAN_KIND}, or an attribute key looked up
 * as {@code attr=} filters look it up (the span, then its resource, then the other HTTP convention's key:
 * {@code http.route} finds Micrometer's {@code uri} on a default Spring Boot app).
 *
 * <pre>{@code
 * RedQuery query = RedQuery.builder()
 *         .filter(SpanQuery.builder().service("shop").lookback(Duration.ofHours(1)).build())
 *         .groupBy(List.of("http.route"))
 *         .bucket(Duration.ofMinutes(1))
 *         .build();
 * }</pre>
 */
public final class RedQuery {

    /** The group-by key of the span's service ({@code service.name} of its resource). */
    public static final String SERVICE = "service.name";
    /** The group-by key of the span name. */
    public static final String SPAN_NAME = "span.name";
    /** The group-by key of the span kind. */
    public static final String SPAN_KIND = "span.kind";
    /** The grouping when none is given: per service and span name. */
    public static final List<String> DEFAULT_GROUP_BY = List.of(SERVICE, SPAN_NAME);
    /** The most buckets one analysis may have. */
    public static final int MAX_BUCKETS = 1_000;
    /** The widest bucket. */
    public static final Duration MAX_BUCKET = Duration.ofDays(366);
    /** The most group-by keys. */
    public static final int MAX_GROUP_BY = 5;

    private final SpanQuery filter;
    private final Set<SpanKind> kinds;
    private final List<String> groupBy;
    private final Duration bucket;

    private RedQuery(Builder builder) {
        this.filter = builder.filter.toBuilder().kind(null).build();
        this.kinds = builder.kinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(builder.kinds));
        this.groupBy = List.copyOf(builder.groupBy);
        this.bucket = builder.bucket;
        if (groupBy.isEmpty() || groupBy.size() > MAX_GROUP_BY || groupBy.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("groupBy must name 1 to " + MAX_GROUP_BY + " keys, but was " + groupBy);
        }
        if (bucket != null && (bucket.isNegative() || bucket.compareTo(MAX_BUCKET) > 0 || bucket.toMillis() < 1)) {
            throw new IllegalArgumentException("bucket must be from 1ms to " + MAX_BUCKET.toDays() + "d, but was "
                    + bucket);
        }
    }

    /** @return a builder: every span, server spans only, grouped by service and span name, no buckets */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the span filters (without a kind: see {@link #kinds()}) */
    public SpanQuery filter() {
        return filter;
    }

    /** @return the span kinds counted; empty: every kind */
    public Set<SpanKind> kinds() {
        return kinds;
    }

    /** @return the group-by keys, in order */
    public List<String> groupBy() {
        return groupBy;
    }

    /** @return the bucket width, or {@code null} for one stretch over the whole window */
    public Duration bucket() {
        return bucket;
    }

    /** @return the filters as the store scans them: with the kind when exactly one is counted, for its index */
    SpanQuery scanQuery() {
        return kinds.size() == 1 ? filter.toBuilder().kind(kinds.iterator().next()).build() : filter;
    }

    /** @return whether spans of this kind are counted */
    boolean counts(SpanKind kind) {
        return kinds.isEmpty() || kinds.contains(kind);
    }

    @Override
    public String toString() {
        return "RedQuery{filter=" + filter + ", kinds=" + kinds + ", groupBy=" + groupBy + ", bucket=" + bucket + "}";
    }

    /** Collects the settings of a {@link RedQuery}; {@link #build()} validates them. */
    public static final class Builder {
        private SpanQuery filter = SpanQuery.builder().build();
        private Set<SpanKind> kinds = EnumSet.of(SpanKind.SERVER);
        private List<String> groupBy = DEFAULT_GROUP_BY;
        private Duration bucket;

        private Builder() {
        }

        /** @param filter the span filters; its kind, limit and order are ignored @return this */
        public Builder filter(SpanQuery filter) {
            this.filter = Objects.requireNonNull(filter, "filter must not be null");
            return this;
        }

        /** @param kinds the span kinds to count; empty for every kind @return this */
        public Builder kinds(Set<SpanKind> kinds) {
            this.kinds = Set.copyOf(kinds);
            return this;
        }

        /** @param groupBy 1 to {@value RedQuery#MAX_GROUP_BY} group-by keys @return this */
        public Builder groupBy(List<String> groupBy) {
            this.groupBy = List.copyOf(groupBy);
            return this;
        }

        /** @param bucket the bucket width (1 ms to {@link RedQuery#MAX_BUCKET}), or {@code null} for none @return this */
        public Builder bucket(Duration bucket) {
            this.bucket = bucket;
            return this;
        }

        /**
         * @return the validated query
         * @throws IllegalArgumentException naming the invalid setting
         */
        public RedQuery build() {
            return new RedQuery(this);
        }
    }
}
