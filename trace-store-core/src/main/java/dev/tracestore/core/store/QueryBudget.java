package dev.tracestore.core.store;

import dev.tracestore.core.query.RegexBudget;

import java.time.Duration;

/**
 * What one query may spend: a deadline on the monotonic clock and the characters its regular expressions may read
 * together. Once either runs out the query stops and answers what it found, with the reason.
 */
final class QueryBudget {

    private final long deadlineNanos;
    private final Duration timeout;
    private final RegexBudget regex;
    private String spentReason;

    private QueryBudget(Duration timeout, long regexSteps) {
        this.timeout = timeout;
        long now = System.nanoTime();
        long nanos = timeout.toNanos();
        this.deadlineNanos = Long.MAX_VALUE - now < nanos ? Long.MAX_VALUE : now + nanos;
        this.regex = RegexBudget.of(regexSteps);
    }

    static QueryBudget start(Duration timeout, long regexSteps) {
        return new QueryBudget(timeout, regexSteps);
    }

    RegexBudget regex() {
        return regex;
    }

    /** @return whether the query must stop now; notes the reason when the deadline has passed */
    boolean spent() {
        if (spentReason == null && System.nanoTime() - deadlineNanos >= 0) {
            spentReason = "the query ran longer than the query timeout (" + timeout
                    + ", tracestore.query-timeout); narrow it with a time window, a service or a span name";
        }
        return spentReason != null;
    }

    /** Notes that the regular expressions spent their budget. */
    void regexSpent() {
        if (spentReason == null) {
            spentReason = "the regular expressions of the query read " + InMemorySpanStore.MAX_REGEX_STEPS_PER_QUERY
                    + " characters, the most a query may; narrow it with a time window, a service, a span name or "
                    + "an equality filter";
        }
    }

    /** @return why the query stopped early, or {@code null} when it did not */
    String spentReason() {
        return spentReason;
    }
}
