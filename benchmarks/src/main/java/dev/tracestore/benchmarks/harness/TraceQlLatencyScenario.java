package dev.tracestore.benchmarks.harness;

import dev.tracestore.benchmarks.workload.Stores;
import dev.tracestore.benchmarks.workload.Vocabulary;
import dev.tracestore.benchmarks.workload.Workload;
import dev.tracestore.core.query.FailureRules;
import dev.tracestore.core.store.InMemorySpanStore;
import dev.tracestore.core.traceql.TraceQlQuery;
import dev.tracestore.core.traceql.TraceQlResult;
import dev.tracestore.core.traceql.TraceQlSearch;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * TraceQL search latency on a full store, limit 100 traces, per kind of query: single spanset filters the indices
 * drive ({@code single}), structural queries ({@code structural}) and aggregates ({@code aggregate}), in wall-clock
 * and in thread CPU time (which a busy machine distorts less). Each query runs {@value #WARMUP_ROUNDS} rounds
 * untimed (the JIT compiles the paths), then the kind's queries take turns until {@value #TIMED_SEARCHES} searches
 * per kind are timed (or the count given as the second argument), so a p99 is the 1 % slowest, not the slowest
 * one or two; one thread, no concurrent writes. Further arguments: {@code per-query} adds each query's CPU p50 and
 * p99 (its share of the timed searches), and a kind's name ({@code single}, {@code structural}, {@code aggregate})
 * measures only the kinds named.
 *
 * <pre>{@code
 * java -Xms8g -Xmx8g -cp benchmarks/target/benchmarks.jar dev.tracestore.benchmarks.harness.Harness traceql 1000000
 * java -Xms8g -Xmx8g -cp benchmarks/target/benchmarks.jar dev.tracestore.benchmarks.harness.Harness traceql 1000000 5000
 * java -Xms8g -Xmx8g -cp benchmarks/target/benchmarks.jar dev.tracestore.benchmarks.harness.Harness traceql 1000000 2000 single per-query
 * }</pre>
 */
final class TraceQlLatencyScenario implements Scenario {

    private static final int LIMIT = 100;
    static final int WARMUP_ROUNDS = 10;
    static final int TIMED_SEARCHES = 1_000;

    @Override
    public void run(String[] args, Results results) {
        Workload workload = Workload.ofSpans(Integer.parseInt(args[0]));
        int timed = args.length > 1 ? Integer.parseInt(args[1]) : TIMED_SEARCHES;
        List<String> options = args.length > 2 ? List.of(args).subList(2, args.length) : List.of();
        boolean perQuery = options.contains("per-query");
        Map<String, List<String>> kinds = new LinkedHashMap<>();
        kinds.put("single", singleSpansetQueries());
        kinds.put("structural", structuralQueries());
        kinds.put("aggregate", aggregateQueries());
        for (String option : options) {
            if (!option.equals("per-query") && !kinds.containsKey(option)) {
                throw new IllegalArgumentException("unknown option " + option + ": per-query or one of "
                        + kinds.keySet());
            }
        }
        if (options.stream().anyMatch(kinds::containsKey)) {
            kinds.keySet().retainAll(options);
        }
        InMemorySpanStore store = Stores.ours(workload);
        TraceQlSearch search = new TraceQlSearch(store, FailureRules.DEFAULT);
        kinds.forEach((kind, queries) -> measure(kind, search, queries, timed, perQuery, results));
    }

    private static List<String> singleSpansetQueries() {
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < Vocabulary.SERVICES.size(); i++) {
            String service = Vocabulary.SERVICES.get(i);
            String route = Vocabulary.ROUTES.get(i * 7);
            queries.add("{ resource.service.name = \"" + service + "\" && status = error }");
            queries.add("{ span.http.route = \"" + route + "\" && kind = server }");
            queries.add("{ name = \"GET " + route + "\" && duration > 20ms }");
            queries.add("{ span.error.type = \"" + Vocabulary.ERROR_TYPES.get(i) + "\" }");
        }
        return queries;
    }

    private static List<String> structuralQueries() {
        List<String> queries = new ArrayList<>();
        for (String service : Vocabulary.SERVICES) {
            queries.add("{ resource.service.name = \"" + service + "\" && kind = server } >> { status = error }");
            queries.add("{ kind = server } > { resource.service.name = \"" + service + "\" && status = error }");
            queries.add("{ status = error } ~ { resource.service.name = \"" + service + "\" && kind = client }");
        }
        return queries;
    }

    private static List<String> aggregateQueries() {
        List<String> queries = new ArrayList<>();
        for (String service : Vocabulary.SERVICES) {
            queries.add("{ resource.service.name = \"" + service + "\" && status = error } | count() > 1");
            queries.add("{ resource.service.name = \"" + service + "\" && kind = server } | avg(duration) > 20ms");
            queries.add("{ status = error && resource.service.name = \"" + service + "\" } "
                    + "| by(span.http.route) | count() >= 1");
        }
        return queries;
    }

    private static void measure(String kind, TraceQlSearch search, List<String> texts, int timed, boolean perQuery,
            Results results) {
        List<TraceQlQuery> queries = texts.stream().map(TraceQlQuery::parse).toList();
        for (int round = 0; round < WARMUP_ROUNDS; round++) {
            queries.forEach(query -> search.search(query, null, null, LIMIT));
        }
        Latencies latencies = new Latencies(timed);
        Latencies cpu = new Latencies(timed);
        List<Latencies> cpuPerQuery = queries.stream().map(query -> new Latencies(timed / queries.size() + 1))
                .toList();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long traces = 0;
        int partial = 0;
        for (int i = 0; i < timed; i++) {
            TraceQlQuery query = queries.get(i % queries.size());
            long start = System.nanoTime();
            long startCpu = threads.getCurrentThreadCpuTime();
            TraceQlResult result = search.search(query, null, null, LIMIT);
            long cpuNanos = threads.getCurrentThreadCpuTime() - startCpu;
            cpu.add(cpuNanos);
            cpuPerQuery.get(i % queries.size()).add(cpuNanos);
            latencies.add(System.nanoTime() - start);
            traces += result.traces().size();
            partial += result.partial() ? 1 : 0;
        }
        String prefix = "traceql." + kind + ".";
        results.put(prefix + "searches", latencies.count());
        results.put(prefix + "p50us", latencies.percentileMicros(50));
        results.put(prefix + "p90us", latencies.percentileMicros(90));
        results.put(prefix + "p99us", latencies.percentileMicros(99));
        // on a shared machine the thread's CPU time shows the cost without the waits for a core
        results.put(prefix + "cpu.p50us", cpu.percentileMicros(50));
        results.put(prefix + "cpu.p90us", cpu.percentileMicros(90));
        results.put(prefix + "cpu.p99us", cpu.percentileMicros(99));
        results.put(prefix + "meanTraces", traces / (double) latencies.count());
        results.put(prefix + "partial", partial);
        if (perQuery) {
            for (int q = 0; q < queries.size(); q++) {
                System.out.printf(Locale.ROOT, "QUERY %s cpu.p50us=%.1f cpu.p99us=%.1f %s%n", kind,
                        cpuPerQuery.get(q).percentileMicros(50), cpuPerQuery.get(q).percentileMicros(99),
                        texts.get(q));
            }
        }
    }
}
