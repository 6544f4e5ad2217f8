package dev.tracestore.benchmarks.harness;

import dev.tracestore.benchmarks.workload.Vocabulary;
import dev.tracestore.benchmarks.workload.Workload;
import dev.tracestore.core.model.StoredSpan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A fixed, seeded set of queries over a {@link Workload}, in neutral form so that each store translates the same
 * question into its own API. Every value asked for exists in the workload.
 *
 * <pre>{@code
 * for (QuerySet.Query query : QuerySet.of(workload, 20)) {
 *     ours.run(query);
 * }
 * }</pre>
 */
final class QuerySet {

    /** What is asked. */
    enum Kind {
        /** A whole trace by its ID. */
        TRACE_ID("trace by id"),
        /** Spans of one service with one span name. */
        SERVICE_AND_NAME("service + span name"),
        /** Spans with status ERROR. */
        ERROR("status ERROR"),
        /** Spans with one {@code error.type}. */
        ERROR_TYPE("error.type"),
        /** A low-cardinality long attribute: {@code http.response.status_code} of an error. */
        ATTRIBUTE_LOW("attr status_code (4 values)"),
        /** A high-cardinality string attribute no index can serve: {@code url.path}. */
        ATTRIBUTE_HIGH("attr url.path (250k values)"),
        /** Spans at least this long. */
        MIN_DURATION("min duration");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    /**
     * One query. Only the fields its kind uses are set.
     *
     * @param kind what is asked
     * @param traceId for TRACE_ID
     * @param service for SERVICE_AND_NAME
     * @param spanName for SERVICE_AND_NAME
     * @param errorType for ERROR_TYPE
     * @param attributeKey for the attribute kinds
     * @param attributeValue typed as the span holds it (a Long or a String)
     * @param minDuration for MIN_DURATION
     */
    record Query(Kind kind, String traceId, String service, String spanName, String errorType, String attributeKey,
            Object attributeValue, Duration minDuration) {
    }

    /**
     * Lookups by trace ID take microseconds: many more of them give a p99 that is not just the one sample a GC
     * pause happened to hit.
     */
    static final int TRACE_ID_FACTOR = 50;

    private QuerySet() {
    }

    /**
     * @param workload the spans the stores hold
     * @param perKind how many queries of each kind; {@value #TRACE_ID_FACTOR} times as many trace-ID lookups
     * @return the queries, kind by kind
     */
    static List<Query> of(Workload workload, int perKind) {
        List<Query> queries = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            // one generator per kind: a smaller set is a prefix of a larger one, so sides asked fewer
            // queries still get the same first ones
            SplittableRandom random = new SplittableRandom(11 + kind.ordinal());
            int count = kind == Kind.TRACE_ID ? perKind * TRACE_ID_FACTOR : perKind;
            for (int i = 0; i < count; i++) {
                StoredSpan sample = pick(workload, random);
                queries.add(switch (kind) {
                    case TRACE_ID -> new Query(kind, sample.traceId(), null, null, null, null, null, null);
                    case SERVICE_AND_NAME -> new Query(kind, null, sample.serviceName(), sample.name(), null, null, null, null);
                    case ERROR -> new Query(kind, null, null, null, null, null, null, null);
                    case ERROR_TYPE -> new Query(kind, null, null, null,
                            Vocabulary.ERROR_TYPES.get(i % Vocabulary.ERROR_TYPES.size()), null, null, null);
                    case ATTRIBUTE_LOW -> new Query(kind, null, null, null, null, Vocabulary.STATUS_CODE.getKey(),
                            500L + i % 4, null);
                    case ATTRIBUTE_HIGH -> new Query(kind, null, null, null, null, Vocabulary.URL_PATH.getKey(),
                            sample.attributes().get(Vocabulary.URL_PATH), null);
                    case MIN_DURATION -> new Query(kind, null, null, null, null, null, null,
                            Duration.ofMillis(List.of(50, 100, 200, 500, 1000).get(i % 5)));
                });
            }
        }
        return queries;
    }

    private static StoredSpan pick(Workload workload, SplittableRandom random) {
        List<StoredSpan> trace = workload.trace(random.nextInt(workload.traceCount()));
        return trace.get(random.nextInt(trace.size()));
    }
}
