package dev.tracestore.core.traceql;

import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.FailureRules;
import dev.tracestore.core.store.InMemorySpanStore;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random traces and random queries: the indexed search ({@link TraceQlSearch}: planner, store pages, evaluator,
 * time window) must answer exactly what {@link BruteForceTraceQl} finds by looking at every trace.
 */
class TraceQlDifferentialTest {

    @Test
    void indexedSearchAnswersWhatBruteForceFinds() {
        long seed = Long.getLong("traceql.seed", System.nanoTime()); // -Dtraceql.seed=... repeats a run
        System.out.println("TraceQlDifferentialTest seed " + seed);
        Random random = new Random(seed);
        List<List<StoredSpan>> traces = RandomTraces.traces(random, 200);
        InMemorySpanStore store = InMemorySpanStore.builder().maxSpans(10_000).queryTimeout(Duration.ofMinutes(1)).build();
        traces.forEach(trace -> trace.forEach(store::add));
        TraceQlSearch search = new TraceQlSearch(store, FailureRules.DEFAULT);
        RandomQueries queries = new RandomQueries(random, traces);
        int matchedSomething = 0;
        for (int i = 0; i < 200; i++) {
            String text = queries.next();
            Instant from = null;
            Instant to = null;
            if (random.nextBoolean()) {
                long fromNanos = RandomTraces.START + random.nextInt(200) * 1_000_000L;
                from = Instant.ofEpochSecond(0, fromNanos);
                to = Instant.ofEpochSecond(0, fromNanos + (1 + random.nextInt(100)) * 1_000_000L);
            }
            TraceQlQuery query = TraceQlQuery.parse(text);
            Map<String, List<String>> expected = bruteForce(query, store, traces, from, to);
            Map<String, List<String>> actual = new TreeMap<>();
            for (MatchedTrace trace : search.search(query, from, to, 10_000).traces()) {
                actual.put(trace.summary().traceId(), trace.spansets().stream()
                        .map(set -> set.groupedBy() + " " + set.spans().stream().map(m -> m.span().spanId()).toList())
                        .toList());
            }
            assertThat(actual).as("seed " + seed + ", query " + text + ", window " + from + " .. " + to)
                    .isEqualTo(expected);
            matchedSomething += actual.isEmpty() ? 0 : 1;
        }
        assertThat(matchedSomething).as("the random queries find traces").isGreaterThan(50);
    }

    private static Map<String, List<String>> bruteForce(TraceQlQuery query, InMemorySpanStore store,
            List<List<StoredSpan>> traces, Instant from, Instant to) {
        Map<String, List<String>> found = new TreeMap<>();
        for (List<StoredSpan> generated : traces) {
            List<StoredSpan> trace = store.getTrace(generated.get(0).traceId());
            List<String> sets = new ArrayList<>();
            for (BruteForceTraceQl.Set set : BruteForceTraceQl.run(query.pipeline(), trace)) {
                List<String> ids = set.spans().stream().filter(span -> inWindow(span, from, to))
                        .map(StoredSpan::spanId).toList();
                if (!ids.isEmpty()) {
                    sets.add(set.labels() + " " + ids);
                }
            }
            if (!sets.isEmpty()) {
                found.put(trace.get(0).traceId(), sets);
            }
        }
        return found;
    }

    private static boolean inWindow(StoredSpan span, Instant from, Instant to) {
        return (from == null || !span.startTime().isBefore(from)) && (to == null || span.startTime().isBefore(to));
    }
}
