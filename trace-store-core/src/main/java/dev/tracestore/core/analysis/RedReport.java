package dev.tracestore.core.analysis;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The answer of a RED analysis: per group, the rate, errors and duration of the spans over the window, and per
 * bucket when asked for. Groups come busiest first (most spans, ties by their values).
 *
 * <pre>{@code
 * RedReport report = RedAnalysis.run(store, query, Instant.now());
 * if (report.partial()) {
 *     System.err.println("incomplete: " + report.truncatedReason());
 * }
 * report.operations().forEach(operation -> System.out.println(operation.group() + " " + operation.total()));
 * }</pre>
 *
 * @param from the window's start: the query's, or the earliest start of the counted spans; {@code null} when
 *     no span was counted and the query gave none
 * @param to the window's end: the query's, now for a look-back, or the latest end of the counted spans
 * @param bucket the bucket width, or {@code null}
 * @param groupBy the group-by keys
 * @param operations the groups, busiest first
 * @param spans how many spans were counted
 * @param truncatedReason why the analysis stopped before it had counted every span, or {@code null}
 */
public record RedReport(Instant from, Instant to, Duration bucket, List<String> groupBy,
        List<OperationRed> operations, long spans, String truncatedReason) {

    /** Makes the lists immutable. */
    public RedReport {
        groupBy = List.copyOf(groupBy);
        operations = List.copyOf(operations);
    }

    /** @return {@code true} when spans that match were not counted (see {@link #truncatedReason()}) */
    public boolean partial() {
        return truncatedReason != null;
    }
}
