package dev.tracestore.core.store;

import java.time.Duration;
import java.util.Objects;

/**
 * When a query must stop, on the monotonic clock: one deadline can be shared by the several searches that answer one
 * request (a response built in rounds, an analysis that searches and then reads traces), so that together they never
 * outlive the query timeout.
 *
 * <pre>{@code
 * QueryDeadline deadline = store.startQuery();          // now + tracestore.query-timeout
 * SearchResult<StoredSpan> first = store.searchSpans(query.toBuilder().limit(8).build(), deadline);
 * SearchResult<StoredSpan> more = store.searchSpans(query, deadline);   // same deadline, not a fresh one
 * }</pre>
 */
public final class QueryDeadline {

    private final long deadlineNanos;
    private final Duration timeout;

    private QueryDeadline(Duration timeout) {
        this.timeout = timeout;
        long now = System.nanoTime();
        long nanos = timeout.toNanos();
        this.deadlineNanos = Long.MAX_VALUE - now < nanos ? Long.MAX_VALUE : now + nanos;
    }

    /**
     * @param timeout how long from now, positive
     * @return a deadline {@code timeout} from now
     */
    public static QueryDeadline after(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout must not be null");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, but was " + timeout);
        }
        return new QueryDeadline(timeout);
    }

    /** @return whether the deadline has passed */
    public boolean passed() {
        return System.nanoTime() - deadlineNanos >= 0;
    }

    /** @return the timeout it was started with, for messages */
    public Duration timeout() {
        return timeout;
    }
}
