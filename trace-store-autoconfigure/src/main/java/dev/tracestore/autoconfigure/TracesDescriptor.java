package dev.tracestore.autoconfigure;

import dev.tracestore.core.query.TraceSummary;
import dev.tracestore.core.store.SearchResult;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;

import java.util.List;

/**
 * The traces a trace search ({@code view=traces}, the default) found, in the query's order. Fetch a trace's spans
 * from {@code /actuator/traces/{traceId}}.
 *
 * <pre>{@code
 * {"traces": [{"traceId": "4bf92f3577b34da6a3ce929d0e0e4736", "rootService": "orders",
 *              "rootName": "GET /orders/{id}", "startTime": "2025-01-01T10:00:00.123456789Z",
 *              "durationNanos": 5000001, "spanCount": 4, "errorCount": 0, "services": ["orders"]}],
 *  "partial": false, "reloading": false}
 * }</pre>
 *
 * @param traces the traces
 * @param partial whether the search stopped early (its time or regular-expression budget ran out), so that
 *     {@code traces} may miss matches
 * @param partialReason why it stopped early and how to narrow the query; absent when complete
 * @param reloading {@code true} while the span files are read back after a start: older spans may still be missing
 */
public record TracesDescriptor(List<Summary> traces, boolean partial, @Nullable String partialReason,
        boolean reloading) implements OperationResponseBody {

    /** Makes the list immutable. */
    public TracesDescriptor {
        traces = List.copyOf(traces);
    }

    static TracesDescriptor of(SearchResult<TraceSummary> found, boolean reloading) {
        return new TracesDescriptor(found.items().stream().map(Summary::of).toList(), found.partial(),
                found.truncatedReason(), reloading);
    }

    /**
     * One trace, summarised from its stored spans.
     *
     * @param traceId the trace ID, 32 lowercase hex characters
     * @param rootService the {@code service.name} of the root span (of the earliest stored span when the root is
     *     not stored)
     * @param rootName the name of that span
     * @param startTime the earliest start of the trace's stored spans, ISO-8601 with nanoseconds
     * @param durationNanos from the earliest start to the latest end of the stored spans, in nanoseconds
     * @param spanCount how many spans of the trace are stored
     * @param errorCount how many of them failed
     * @param services the distinct services of the trace's spans, sorted
     */
    public record Summary(String traceId, String rootService, String rootName, String startTime,
            long durationNanos, int spanCount, int errorCount, List<String> services) {

        /** Makes the list immutable. */
        public Summary {
            services = List.copyOf(services);
        }

        static Summary of(TraceSummary trace) {
            return new Summary(trace.traceId(), trace.rootService(), trace.rootName(), trace.startTime().toString(),
                    trace.durationNanos(), trace.spanCount(), trace.errorCount(), trace.services());
        }
    }
}
