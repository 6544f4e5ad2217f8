package dev.tracestore.core.query;

import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.store.SpanStore;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The questions developers ask of stored spans, answered from a {@link SpanStore}. Every method returns an
 * immutable snapshot; every bad argument is an {@link IllegalArgumentException} naming it.
 *
 * <pre>{@code
 * TraceQueries queries = new TraceQueries(store);
 * List<StoredSpan> trace = queries.getTrace("4bf92f3577b34da6a3ce929d0e0e4736");
 * List<StoredSpan> failures = queries.recentFailures(Duration.ofHours(1), 50);
 * List<StoredSpan> timeouts = queries.filterByErrorType("java.net.SocketTimeoutException", 20);
 * List<StoredSpan> tenant = queries.filterByAttribute("tenant.id", 42L, 20);
 * List<TraceSummary> slow = queries.searchTraces(SpanQuery.builder()
 *         .spanName("GET /orders").minDuration(Duration.ofMillis(500)).build());
 * }</pre>
 */
public final class TraceQueries {

    private final SpanStore store;

    /** @param store the store to query */
    public TraceQueries(SpanStore store) {
        this.store = Objects.requireNonNull(store, "store must not be null");
    }

    /**
     * @param traceId 32 lowercase hex characters
     * @return the trace's spans ordered by start time, ties by span ID; empty for an unknown trace
     */
    public List<StoredSpan> getTrace(String traceId) {
        return store.getTrace(traceId);
    }

    /**
     * The failed spans (see {@link Failures}) whose start lies in {@code [now - window, now]}, newest first.
     *
     * @param window how far back to look; positive
     * @param limit 1 to {@value SpanQuery#MAX_LIMIT}
     * @return the failures
     */
    public List<StoredSpan> recentFailures(Duration window, int limit) {
        Objects.requireNonNull(window, "window must not be null");
        return store.findSpans(SpanQuery.builder().failedOnly(true).lookback(window).limit(limit).build());
    }

    /**
     * The spans with this error type (see {@link Failures#errorTypes}), newest first.
     *
     * @param errorType the error type, e.g. {@code java.net.SocketTimeoutException}
     * @param limit 1 to {@value SpanQuery#MAX_LIMIT}
     * @return the spans
     */
    public List<StoredSpan> filterByErrorType(String errorType, int limit) {
        requireText(errorType, "errorType");
        return store.findSpans(SpanQuery.builder().errorType(errorType).limit(limit).build());
    }

    /**
     * The spans whose attribute {@code key} equals {@code value}, newest first. Matching is typed: the long 200
     * does not match the string "200" (see {@link AttributeFilter}).
     *
     * @param key the attribute key, optionally prefixed with {@code span.} or {@code resource.}
     * @param value a String, Long, Integer, Double or Boolean
     * @param limit 1 to {@value SpanQuery#MAX_LIMIT}
     * @return the spans
     */
    public List<StoredSpan> filterByAttribute(String key, Object value, int limit) {
        requireText(key, "key");
        return store.findSpans(SpanQuery.builder().attribute(AttributeFilter.equalTo(key, value)).limit(limit).build());
    }

    /**
     * @param query the conditions, order and limit
     * @return the matching spans
     */
    public List<StoredSpan> querySpans(SpanQuery query) {
        return store.findSpans(Objects.requireNonNull(query, "query must not be null"));
    }

    /**
     * @param query the conditions (a trace matches when one of its spans matches them all), trace-duration
     *     bounds, order and limit (counting traces)
     * @return the matching traces
     */
    public List<TraceSummary> searchTraces(SpanQuery query) {
        return store.findTraces(Objects.requireNonNull(query, "query must not be null"));
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
    }
}
