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
import java.util.Map;

/**
 * TraceQL search latency on a full store, limit 100 traces, per kind of query: single spanset filters the indices
 * drive ({@code single}), structural queries ({@code structural}) and aggregates ({@code aggregate}), in wall-clock
 * and in thread CPU time (which a busy machine distorts less). Each query runs {@value #WARMUP_ROUNDS} rounds
 * untimed (the JIT compiles the paths), then the kind's queries take turns until {@value #TIMED_SEARCHES} searches
 * per kind are timed (or the count given as the second argument), so a p99 is the 1 % slowest, not the slowest
 * one or two; one thread, no concurrent writes.
 *
 * <pre>{@code
 * java -Xms8g -Xmx8g -cp benchmarks/target/benchmarks.jar dev.tracestore.benchmarks.harness.Harness traceql 1000000
 * java -Xms8g -Xmx8g -cp benchmarks/target/benchmarks.jar dev.tracestore.benchmarks.harness.Harness traceql 1000000 5000
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
        InMemorySpanStore store = Stores.ours(workload);
        TraceQlSearch search = new TraceQlSearch(store, FailureRules.DEFAULT);
        Map<String, List<TraceQlQuery>> kinds = new LinkedHashMap<>();
        kinds.put("single", parse(singleSpansetQueries()));
        kinds.put("structural", parse(structuralQueries()));
        kinds.put("aggregate", parse(aggregateQueries()));
        kinds.forEach((kind, queries) -> measure(kind, search, queries, timed, results));
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

    private static List<TraceQlQuery> parse(List<String> queries) {
        return queries.stream().map(TraceQlQuery::parse).toList();
    }

    private static void measure(String kind, TraceQlSearch search, List<TraceQlQuery> queries, int timed,
            Results results) {
        for (int round = 0; round < WARMUP_ROUNDS; round++) {
            queries.forEach(query -> search.search(query, null, null, LIMIT));
        }
        Latencies latencies = new Latencies(timed);
        Latencies cpu = new Latencies(timed);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long traces = 0;
        int partial = 0;
        for (int i = 0; i < timed; i++) {
            TraceQlQuery query = queries.get(i % queries.size());
            long start = System.nanoTime();
            long startCpu = threads.getCurrentThreadCpuTime();
            TraceQlResult result = search.search(query, null, null, LIMIT);
            cpu.add(threads.getCurrentThreadCpuTime() - startCpu);
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
    }
}
