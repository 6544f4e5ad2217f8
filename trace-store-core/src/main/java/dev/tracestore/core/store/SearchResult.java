package dev.tracestore.core.store;

import java.util.List;
import java.util.Objects;

/**
 * What a search found, and whether it stopped early. A search stops early when it runs out of its budget (the
 * store's query timeout, or the characters all its regular expressions may read together): it then answers what
 * it found so far, and {@link #truncatedReason()} says why, so a caller can narrow the query (a shorter time
 * window, a service or span name, a simpler expression) instead of trusting an incomplete answer.
 *
 * <pre>{@code
 * SearchResult<StoredSpan> found = store.searchSpans(query);
 * if (found.partial()) {
 *     log.warn("incomplete answer: {}", found.truncatedReason());
 * }
 * found.items().forEach(span -> ...);
 * }</pre>
 *
 * @param items what was found, in the query's order, at most its limit; immutable
 * @param truncatedReason why the search stopped before it had looked at every candidate; {@code null} when the
 *     answer is complete
 * @param <T> spans or trace summaries
 */
public record SearchResult<T>(List<T> items, String truncatedReason) {

    /** Copies the items. */
    public SearchResult {
        items = List.copyOf(Objects.requireNonNull(items, "items must not be null"));
    }

    /**
     * @param items everything that matched
     * @param <T> spans or trace summaries
     * @return a complete answer
     */
    public static <T> SearchResult<T> complete(List<T> items) {
        return new SearchResult<>(items, null);
    }

    /** @return {@code true} when the search stopped early and {@link #items()} may miss matches */
    public boolean partial() {
        return truncatedReason != null;
    }
}
