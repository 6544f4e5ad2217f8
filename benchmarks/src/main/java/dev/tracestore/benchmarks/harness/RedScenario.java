package dev.tracestore.benchmarks.harness;

import dev.tracestore.benchmarks.workload.Vocabulary;
import dev.tracestore.benchmarks.workload.Workload;
import dev.tracestore.core.analysis.RedAnalysis;
import dev.tracestore.core.analysis.RedQuery;
import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.FailureRules;
import dev.tracestore.core.query.SpanPredicate;
import dev.tracestore.core.query.SpanQuery;
import dev.tracestore.core.store.InMemorySpanStore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * RED analysis latency on a full store, beside a brute-force pass over the same spans held as {@link StoredSpan}s
 * (filter, group in a hash map, sort each group's durations for exact percentiles), in the same JVM and run. Each
 * case runs {@value #WARMUP} times untimed, then {@value #ROUNDS} times timed, one thread, no concurrent writes.
 *
 * <p>Cases: {@code all.server} (every operation's server spans over the whole store, the default query),
 * {@code all.anyKind} (every span), {@code service.1h} (one service, one hour, server spans), {@code all.buckets}
 * (server spans in 1-hour buckets). Arguments: {@code SPANS}.
 *
 * <pre>{@code
 * java -Xmx8g -cp benchmarks.jar dev.tracestore.benchmarks.harness.Harness red 1000000
 * }</pre>
 */
final class RedScenario implements Scenario {

    static final int WARMUP = 5;
    // 200: with fewer, the p99 is the single worst run (one GC pause or scheduling hiccup)
    static final int ROUNDS = 200;
    private static final Instant NOW = Workload.WINDOW_START.plus(Workload.WINDOW);

    @Override
    public void run(String[] args, Results results) {
        Workload workload = Workload.ofSpans(Integer.parseInt(args[0]));
        InMemorySpanStore store = InMemorySpanStore.builder().maxSpans((int) workload.spanCount())
                .queryTimeout(Duration.ofMinutes(1)).build();
        List<StoredSpan> spans = new ArrayList<>((int) workload.spanCount());
        for (int trace = 0; trace < workload.traceCount(); trace++) {
            for (StoredSpan span : workload.trace(trace)) {
                store.add(span);
                spans.add(span);
            }
        }
        Instant noon = Workload.WINDOW_START.plus(Duration.ofHours(12));
        Map<String, RedQuery> cases = new java.util.LinkedHashMap<>();
        cases.put("all.server", RedQuery.builder().build());
        cases.put("all.anyKind", RedQuery.builder().kinds(Set.of()).build());
        cases.put("service.1h", RedQuery.builder().filter(SpanQuery.builder().service(Vocabulary.SERVICES.get(0))
                .from(noon).to(noon.plus(Duration.ofHours(1))).build()).build());
        cases.put("all.buckets", RedQuery.builder().bucket(Duration.ofHours(1)).build());
        cases.forEach((name, query) -> {
            long expectedSpans = bruteForce(spans, query);
            long counted = RedAnalysis.run(store, query, NOW).spans();
            if (counted != expectedSpans) {
                throw new IllegalStateException(name + ": counted " + counted + " spans, brute force " + expectedSpans);
            }
            Latencies ours = time(() -> RedAnalysis.run(store, query, NOW).spans());
            Latencies brute = time(() -> bruteForce(spans, query));
            results.put("red." + name + ".spans", counted);
            results.put("red." + name + ".p50us", ours.percentileMicros(50));
            results.put("red." + name + ".p99us", ours.percentileMicros(99));
            results.put("red." + name + ".bruteForce.p50us", brute.percentileMicros(50));
            results.put("red." + name + ".bruteForce.p99us", brute.percentileMicros(99));
            results.put("red." + name + ".speedup.p50", brute.percentileMicros(50) / ours.percentileMicros(50));
        });
    }

    private static Latencies time(java.util.function.LongSupplier run) {
        for (int i = 0; i < WARMUP; i++) {
            run.getAsLong();
        }
        Latencies latencies = new Latencies(ROUNDS);
        for (int i = 0; i < ROUNDS; i++) {
            long start = System.nanoTime();
            run.getAsLong();
            latencies.add(System.nanoTime() - start);
        }
        return latencies;
    }

    /** The same figures the simple way: every span tested, exact percentiles by sorting. @return spans counted */
    private static long bruteForce(List<StoredSpan> spans, RedQuery query) {
        SpanPredicate matches = SpanPredicate.of(query.filter(), NOW);
        Map<List<String>, long[]> durations = new HashMap<>();
        Map<List<String>, int[]> sizes = new HashMap<>();
        Map<List<String>, long[]> errors = new HashMap<>();
        long counted = 0;
        for (StoredSpan span : spans) {
            if (!matches.test(span) || !(query.kinds().isEmpty() || query.kinds().contains(span.kind()))) {
                continue;
            }
            List<String> group = List.of(span.serviceName(), span.name());
            int[] size = sizes.computeIfAbsent(group, key -> new int[1]);
            long[] values = durations.computeIfAbsent(group, key -> new long[64]);
            if (size[0] == values.length) {
                values = Arrays.copyOf(values, values.length * 2);
                durations.put(group, values);
            }
            values[size[0]++] = span.durationNanos();
            if (FailureRules.DEFAULT.isFailure(span)) {
                errors.computeIfAbsent(group, key -> new long[1])[0]++;
            }
            counted++;
        }
        long checksum = 0;
        for (Map.Entry<List<String>, long[]> entry : durations.entrySet()) {
            int size = sizes.get(entry.getKey())[0];
            long[] sorted = Arrays.copyOf(entry.getValue(), size);
            Arrays.sort(sorted);
            checksum += sorted[(int) Math.ceil(0.99 * size) - 1];
        }
        return checksum == Long.MIN_VALUE ? -1 : counted;
    }
}
