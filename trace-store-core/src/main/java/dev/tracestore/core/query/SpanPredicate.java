package dev.tracestore.core.query;

import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/**
 * The span conditions of a {@link SpanQuery} with its time window resolved against a moment: the one place that
 * decides whether a span matches, used by every store and tool.
 *
 * <pre>{@code
 * SpanPredicate matches = SpanPredicate.of(query, clock.instant());
 * List<StoredSpan> hits = spans.stream().filter(matches).toList();
 * }</pre>
 */
public final class SpanPredicate implements Predicate<StoredSpan> {

    private final String traceId;
    private final String service;
    private final List<String> spanNames;
    private final SpanKind kind;
    private final StatusCode status;
    private final String errorType;
    private final boolean failedOnly;
    private final List<AttributeFilter> attributes;
    private final long fromNanos;
    private final long toNanosExclusive;
    private final long minDurationNanos;
    private final long maxDurationNanos;
    private final FailureRules failureRules;

    private SpanPredicate(SpanQuery query, Instant now, FailureRules failureRules) {
        this.failureRules = failureRules;
        this.traceId = query.traceId().orElse(null);
        this.service = query.service().orElse(null);
        this.spanNames = query.spanNames();
        this.kind = query.kind().orElse(null);
        this.status = query.status().orElse(null);
        this.errorType = query.errorType().orElse(null);
        this.failedOnly = query.failedOnly();
        this.attributes = query.attributes();
        if (query.lookback().isPresent()) {
            long nowNanos = toNanos(now);
            this.fromNanos = saturatedSubtract(nowNanos, toNanos(query.lookback().get()));
            this.toNanosExclusive = nowNanos == Long.MAX_VALUE ? nowNanos : nowNanos + 1;
        } else {
            this.fromNanos = query.from().map(SpanPredicate::toNanos).orElse(Long.MIN_VALUE);
            this.toNanosExclusive = query.to().map(SpanPredicate::toNanos).orElse(Long.MAX_VALUE);
        }
        this.minDurationNanos = query.minDuration().map(SpanPredicate::toNanos).orElse(0L);
        this.maxDurationNanos = query.maxDuration().map(SpanPredicate::toNanos).orElse(Long.MAX_VALUE);
    }

    /**
     * @param query the query whose span conditions to apply
     * @param now the moment a look-back counts back from
     * @return the predicate
     */
    public static SpanPredicate of(SpanQuery query, Instant now) {
        return new SpanPredicate(query, now, FailureRules.DEFAULT);
    }

    /**
     * @param query the query whose span conditions to apply
     * @param now the moment a look-back counts back from
     * @param failureRules what counts as failed, for {@code failed} and {@code errorType}: the store's rules
     * @return the predicate
     */
    public static SpanPredicate of(SpanQuery query, Instant now, FailureRules failureRules) {
        return new SpanPredicate(query, now, java.util.Objects.requireNonNull(failureRules, "failureRules"));
    }

    @Override
    public boolean test(StoredSpan span) {
        long start = span.startEpochNanos();
        long duration = span.durationNanos();
        return start >= fromNanos && start < toNanosExclusive
                && duration >= minDurationNanos && duration <= maxDurationNanos
                && (traceId == null || traceId.equals(span.traceId()))
                && (service == null || service.equals(span.serviceName()))
                && (spanNames.isEmpty() || spanNames.contains(span.name()))
                && (kind == null || kind == span.kind())
                && (status == null || status == span.statusCode())
                && (errorType == null || failureRules.hasErrorType(span, errorType))
                && (!failedOnly || failureRules.isFailure(span))
                && attributesMatch(span);
    }

    private boolean attributesMatch(StoredSpan span) {
        for (AttributeFilter filter : attributes) {
            if (!filter.matches(span)) {
                return false;
            }
        }
        return true;
    }

    /** @return the inclusive lower bound on the start, in epoch nanoseconds */
    public long fromNanos() {
        return fromNanos;
    }

    /** @return the exclusive upper bound on the start, in epoch nanoseconds */
    public long toNanosExclusive() {
        return toNanosExclusive;
    }

    /** @return the inclusive minimum span duration in nanoseconds */
    public long minDurationNanos() {
        return minDurationNanos;
    }

    /** @return the inclusive maximum span duration in nanoseconds */
    public long maxDurationNanos() {
        return maxDurationNanos;
    }

    static long toNanos(Instant instant) {
        try {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
        } catch (ArithmeticException outOfRange) {
            return instant.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    static long toNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException outOfRange) {
            return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    private static long saturatedSubtract(long a, long b) {
        long result = a - b;
        // overflow when the operands have different signs and the result's sign differs from a's
        return ((a ^ b) & (a ^ result)) < 0 ? Long.MIN_VALUE : result;
    }
}
