package dev.tracestore.benchmarks.harness;

import dev.tracestore.benchmarks.workload.Stores;
import dev.tracestore.benchmarks.workload.Workload;
import dev.tracestore.benchmarks.workload.ZipkinSpans;
import dev.tracestore.core.query.AttributeFilter;
import dev.tracestore.core.query.SpanQuery;
import dev.tracestore.core.store.InMemorySpanStore;
import io.opentelemetry.api.trace.StatusCode;
import zipkin2.storage.InMemoryStorage;
import zipkin2.storage.QueryRequest;

import java.util.Locale;
import java.util.Map;

/**
 * Answers a {@link QuerySet.Query} through one store's own API, returning how many results it got.
 *
 * <pre>{@code
 * QueryTarget target = QueryTarget.oursSpans(store);
 * int hits = target.run(query);
 * }</pre>
 */
interface QueryTarget {

    /** Result limit of every search (spans for ours, traces for trace search and Zipkin). */
    int LIMIT = 100;

    /** @param query the question @return the number of spans or traces returned */
    int run(QuerySet.Query query);

    /** @return our store, searching spans ({@code findSpans}) */
    static QueryTarget oursSpans(InMemorySpanStore store) {
        return query -> query.kind() == QuerySet.Kind.TRACE_ID
                ? store.getTrace(query.traceId()).size()
                : store.findSpans(ours(query)).size();
    }

    /**
     * @return our store, searching traces ({@code findTraces}): the question Zipkin answers; for searches only,
     *     a trace by ID is the same {@code getTrace} as in {@link #oursSpans}
     */
    static QueryTarget oursTraces(InMemorySpanStore store) {
        return query -> store.findTraces(ours(query)).size();
    }

    /** @return Zipkin's storage; its searches need a time window, which here spans the whole workload */
    static QueryTarget zipkin(InMemoryStorage storage) {
        long endMillis = Workload.WINDOW_START.plus(Workload.WINDOW).toEpochMilli() + 3_600_000;
        long lookbackMillis = Workload.WINDOW.toMillis() + 2 * 3_600_000;
        return query -> {
            if (query.kind() == QuerySet.Kind.TRACE_ID) {
                return Stores.execute(storage.getTrace(query.traceId())).size();
            }
            QueryRequest.Builder request = QueryRequest.newBuilder().endTs(endMillis).lookback(lookbackMillis).limit(LIMIT);
            switch (query.kind()) {
                case SERVICE_AND_NAME -> request.serviceName(query.service()).spanName(query.spanName().toLowerCase(Locale.ROOT));
                case ERROR -> request.annotationQuery(Map.of(ZipkinSpans.ERROR_TAG, ""));
                case ERROR_TYPE -> request.annotationQuery(Map.of("error.type", query.errorType()));
                case ATTRIBUTE_LOW, ATTRIBUTE_HIGH ->
                        request.annotationQuery(Map.of(query.attributeKey(), String.valueOf(query.attributeValue())));
                case MIN_DURATION -> request.minDuration(query.minDuration().toNanos() / 1000);
                default -> throw new IllegalArgumentException(query.kind().name());
            }
            return Stores.execute(storage.getTraces(request.build())).size();
        };
    }

    private static SpanQuery ours(QuerySet.Query query) {
        SpanQuery.Builder builder = SpanQuery.builder().limit(LIMIT);
        switch (query.kind()) {
            case SERVICE_AND_NAME -> builder.service(query.service()).spanName(query.spanName());
            case ERROR -> builder.status(StatusCode.ERROR);
            case ERROR_TYPE -> builder.errorType(query.errorType());
            case ATTRIBUTE_LOW, ATTRIBUTE_HIGH ->
                    builder.attribute(AttributeFilter.equalTo(query.attributeKey(), query.attributeValue()));
            case MIN_DURATION -> builder.minDuration(query.minDuration());
            default -> throw new IllegalArgumentException(query.kind().name());
        }
        return builder.build();
    }
}
