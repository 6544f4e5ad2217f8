package dev.tracestore.core.traceql;

import java.util.List;

/**
 * What a TraceQL search found, and whether it stopped early (like {@link dev.tracestore.core.store.SearchResult}):
 * a search that runs out of its query timeout answers the traces found so far, with the reason.
 *
 * <pre>{@code
 * TraceQlResult result = search.search(TraceQlQuery.parse("{ status = error }"), null, null, 20);
 * if (result.partial()) {
 *     log.warn("incomplete: {}", result.truncatedReason());
 * }
 * }</pre>
 *
 * @param traces the matched traces, at most the limit
 * @param truncatedReason why the search stopped before it looked at every candidate; {@code null} when complete
 */
public record TraceQlResult(List<MatchedTrace> traces, String truncatedReason) {

    /** Copies the traces. */
    public TraceQlResult {
        traces = List.copyOf(traces);
    }

    /** @return {@code true} when the search stopped early and may miss matches */
    public boolean partial() {
        return truncatedReason != null;
    }
}
