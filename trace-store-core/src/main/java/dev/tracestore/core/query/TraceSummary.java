package dev.tracestore.core.query;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One trace as trace search answers it.
 *
 * <pre>{@code
 * for (TraceSummary trace : queries.searchTraces(SpanQuery.builder().service("shop").build())) {
 *     System.out.println(trace.traceId() + " " + trace.rootName() + " " + trace.durationNanos());
 * }
 * }</pre>
 *
 * @param traceId the trace ID
 * @param rootService the {@code service.name} of the root span (or of the earliest stored span when the root
 *     is not stored)
 * @param rootName the name of that span
 * @param startEpochNanos the earliest start of the trace's stored spans
 * @param durationNanos from the earliest start to the latest end of the trace's stored spans
 * @param spanCount how many spans of the trace are stored
 * @param errorCount how many of them failed (see {@link Failures})
 * @param services the distinct services of the trace's spans, sorted
 */
public record TraceSummary(String traceId, String rootService, String rootName, long startEpochNanos,
        long durationNanos, int spanCount, int errorCount, List<String> services) {

    /** Makes the services list immutable. */
    public TraceSummary {
        Objects.requireNonNull(traceId, "traceId");
        services = List.copyOf(services);
    }

    /** @return the start as an {@link Instant} */
    public Instant startTime() {
        return Instant.ofEpochSecond(0, startEpochNanos);
    }
}
