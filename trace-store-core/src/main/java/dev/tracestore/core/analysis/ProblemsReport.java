package dev.tracestore.core.analysis;

import java.time.Instant;
import java.util.List;

/**
 * What is wrong right now: the slowest operations, the most failing ones, and the exceptions seen.
 *
 * <pre>{@code
 * ProblemsReport problems = ProblemsAnalysis.run(store, RedQuery.builder().build(), 10, now);
 * problems.slowest().forEach(operation -> System.out.println(operation.group() + " p95 "
 *         + operation.total().p95Nanos() / 1_000_000 + " ms"));
 * }</pre>
 *
 * @param from the window's start (as in {@link RedReport#from()})
 * @param to the window's end
 * @param groupBy the group-by keys of the operations
 * @param slowest the operations with the highest p95 duration, slowest first
 * @param failing the operations with failed spans, highest error rate first (ties: more errors first)
 * @param exceptions the error types of failed spans of any kind, most spans first
 * @param truncatedReason why spans that match were not counted, or {@code null}
 */
public record ProblemsReport(Instant from, Instant to, List<String> groupBy, List<OperationRed> slowest,
        List<OperationRed> failing, List<ExceptionSeen> exceptions, String truncatedReason) {

    /** Makes the lists immutable. */
    public ProblemsReport {
        groupBy = List.copyOf(groupBy);
        slowest = List.copyOf(slowest);
        failing = List.copyOf(failing);
        exceptions = List.copyOf(exceptions);
    }

    /** @return {@code true} when spans that match were not counted (see {@link #truncatedReason()}) */
    public boolean partial() {
        return truncatedReason != null;
    }
}
