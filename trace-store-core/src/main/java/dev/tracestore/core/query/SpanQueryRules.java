package dev.tracestore.core.query;

import java.time.Duration;
import java.time.Instant;

/**
 * The rules a {@link SpanQuery}'s conditions must keep together: a limit in range, a time window that is not empty
 * and not mixed with a look-back, duration ranges that are not negative or reversed. Each broken rule is an
 * {@link IllegalArgumentException} whose message names the field.
 */
final class SpanQueryRules {

    private SpanQueryRules() {
    }

    static void check(SpanQuery query) {
        int limit = query.limit();
        if (limit < 1 || limit > SpanQuery.MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + SpanQuery.MAX_LIMIT + ", but was "
                    + limit);
        }
        Instant from = query.from().orElse(null);
        Instant to = query.to().orElse(null);
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("from (" + from + ") must be before to (" + to + ")");
        }
        Duration lookback = query.lookback().orElse(null);
        if (lookback != null) {
            if (from != null || to != null) {
                throw new IllegalArgumentException("lookback cannot be combined with from or to");
            }
            requirePositive(lookback, "lookback");
        }
        requireRange(query.minDuration().orElse(null), query.maxDuration().orElse(null), "minDuration",
                "maxDuration");
        requireRange(query.minTraceDuration().orElse(null), query.maxTraceDuration().orElse(null),
                "minTraceDuration", "maxTraceDuration");
    }

    private static void requirePositive(Duration duration, String field) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(field + " must be positive, but was " + duration);
        }
    }

    private static void requireRange(Duration min, Duration max, String minField, String maxField) {
        if (min != null && min.isNegative()) {
            throw new IllegalArgumentException(minField + " must not be negative, but was " + min);
        }
        if (max != null && max.isNegative()) {
            throw new IllegalArgumentException(maxField + " must not be negative, but was " + max);
        }
        if (min != null && max != null && min.compareTo(max) > 0) {
            throw new IllegalArgumentException(minField + " (" + min + ") must not exceed " + maxField + " (" + max
                    + ")");
        }
    }
}
