package dev.tracestore.benchmarks.harness;

import dev.tracestore.benchmarks.workload.Stores;
import dev.tracestore.benchmarks.workload.Workload;
import dev.tracestore.core.store.InMemorySpanStore;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Query latency percentiles on a full store: the {@link QuerySet} runs {@value #WARMUP_ROUNDS} rounds untimed
 * (the JIT compiles the query paths), then {@value #ROUNDS} timed rounds; each query is timed on its own, one
 * thread, no concurrent writes.
 *
 * <p>Arguments: {@code ours|zipkin SPANS [QUERIES_PER_KIND]}. Ours is measured twice: searching spans and
 * searching traces (the question Zipkin answers, with the limit counting traces).
 *
 * <pre>{@code
 * java -Xmx8g -cp benchmarks.jar dev.tracestore.benchmarks.harness.Harness query ours 1000000
 * }</pre>
 */
final class QueryLatencyScenario implements Scenario {

    static final int WARMUP_ROUNDS = 2;
    static final int ROUNDS = 5;

    @Override
    public void run(String[] args, Results results) {
        Workload workload = Workload.ofSpans(Integer.parseInt(args[1]));
        int perKind = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        List<QuerySet.Query> queries = QuerySet.of(workload, perKind);
        if (args[0].equals("ours")) {
            InMemorySpanStore store = Stores.ours(workload);
            measure("ours.spans", QueryTarget.oursSpans(store), queries, results);
            List<QuerySet.Query> searches = queries.stream().filter(query -> query.kind() != QuerySet.Kind.TRACE_ID).toList();
            measure("ours.traces", QueryTarget.oursTraces(store), searches, results);
        } else {
            measure("zipkin", QueryTarget.zipkin(Stores.zipkin(workload)), queries, results);
        }
    }

    private static void measure(String side, QueryTarget target, List<QuerySet.Query> queries, Results results) {
        for (int round = 0; round < WARMUP_ROUNDS; round++) {
            queries.forEach(target::run);
        }
        Map<QuerySet.Kind, Latencies> byKind = new EnumMap<>(QuerySet.Kind.class);
        Map<QuerySet.Kind, Long> hits = new EnumMap<>(QuerySet.Kind.class);
        for (int round = 0; round < ROUNDS; round++) {
            for (QuerySet.Query query : queries) {
                long start = System.nanoTime();
                int found = target.run(query);
                long elapsed = System.nanoTime() - start;
                byKind.computeIfAbsent(query.kind(), kind -> new Latencies(ROUNDS * queries.size())).add(elapsed);
                hits.merge(query.kind(), (long) found, Long::sum);
            }
        }
        byKind.forEach((kind, latencies) -> {
            String prefix = side + "." + kind.name() + ".";
            results.put(prefix + "p50us", latencies.percentileMicros(50));
            results.put(prefix + "p95us", latencies.percentileMicros(95));
            results.put(prefix + "p99us", latencies.percentileMicros(99));
            results.put(prefix + "meanHits", hits.get(kind) / (double) latencies.count());
        });
    }
}
