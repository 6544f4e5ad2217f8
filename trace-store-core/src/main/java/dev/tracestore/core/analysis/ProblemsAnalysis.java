package dev.tracestore.core.analysis;

import dev.tracestore.core.store.ScanResult;
import dev.tracestore.core.store.ScannedSpan;
import dev.tracestore.core.store.SpanStore;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The "what's wrong right now" summary over a window, in one pass over the spans of the query's filter: the RED
 * figures of the query's operations (server spans by default) ranked by p95 duration and by error rate, and the
 * error types of every failed span, whatever its kind.
 *
 * <pre>{@code
 * ProblemsReport problems = ProblemsAnalysis.run(store, RedQuery.builder()
 *         .filter(SpanQuery.builder().lookback(Duration.ofMinutes(15)).build()).build(), 10, Instant.now());
 * }</pre>
 */
public final class ProblemsAnalysis implements Consumer<ScannedSpan> {

    /** The most operations per list when none is given. */
    public static final int DEFAULT_LIMIT = 10;

    private static final Comparator<OperationRed> SLOWEST = Comparator
            .comparingLong((OperationRed operation) -> operation.total().p95Nanos()).reversed()
            .thenComparing(Comparator.comparingLong((OperationRed operation) -> operation.total().count()).reversed());
    private static final Comparator<OperationRed> MOST_FAILING = Comparator
            .comparingDouble((OperationRed operation) -> operation.total().errorRate()).reversed()
            .thenComparing(Comparator.comparingLong((OperationRed operation) -> operation.total().errors()).reversed());

    private final RedAnalysis red;
    private final ExceptionTally exceptions = new ExceptionTally();
    private final int limit;

    /**
     * @param query the operations to rank (its bucket is ignored) and the filters of every span read
     * @param limit the most operations per list, at least 1
     * @param now the moment a look-back counts back from
     */
    public ProblemsAnalysis(RedQuery query, int limit, Instant now) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, but was " + limit);
        }
        RedQuery withoutBuckets = RedQuery.builder().filter(query.filter()).kinds(query.kinds())
                .groupBy(query.groupBy()).build();
        this.red = new RedAnalysis(withoutBuckets, now);
        this.limit = limit;
    }

    /**
     * @param store the store
     * @param query the operations to rank and the filters of every span read
     * @param limit the most operations per list
     * @param now the moment a look-back counts back from (the store's clock)
     * @return the summary; partial when the store's query budget ran out
     */
    public static ProblemsReport run(SpanStore store, RedQuery query, int limit, Instant now) {
        ProblemsAnalysis analysis = new ProblemsAnalysis(query, limit, now);
        ScanResult scanned = store.scan(query.filter(), store.startQuery(), analysis);
        return analysis.report(scanned.truncatedReason());
    }

    /** @param span a span that matches the query's filter, of any kind; valid during the call only */
    @Override
    public void accept(ScannedSpan span) {
        red.accept(span);
        if (span.failed()) {
            exceptions.add(span.span());
        }
    }

    /**
     * @param scanTruncatedReason why the spans fed in are incomplete, or {@code null}
     * @return the summary
     */
    public ProblemsReport report(String scanTruncatedReason) {
        RedReport operations = red.report(scanTruncatedReason);
        String reason = operations.truncatedReason() != null ? operations.truncatedReason()
                : exceptions.truncatedReason();
        List<OperationRed> slowest = operations.operations().stream().sorted(SLOWEST).limit(limit).toList();
        List<OperationRed> failing = operations.operations().stream()
                .filter(operation -> operation.total().errors() > 0).sorted(MOST_FAILING).limit(limit).toList();
        return new ProblemsReport(operations.from(), operations.to(), operations.groupBy(), slowest, failing,
                exceptions.seen(), reason);
    }
}
