package dev.tracestore.core.traceql;

import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.FailureRules;
import dev.tracestore.core.query.SpanQuery;
import dev.tracestore.core.query.TraceSummary;
import dev.tracestore.core.store.InMemorySpanStore;
import dev.tracestore.core.store.SpanStore;
import dev.tracestore.core.testing.ForwardingSpanStore;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random traces and random queries: the indexed search ({@link TraceQlSearch}: planner, store pages, evaluator on
 * packed or unpacked spans, time window) must answer exactly what {@link BruteForceTraceQl} finds by looking at
 * every trace, with the stored spans and the summaries a trace search gives.
 */
class TraceQlDifferentialTest {

    @Test
    void indexedSearchAnswersWhatBruteForceFinds() {
        run("packed", 0, 200, store -> store, FailureRules.DEFAULT);
    }

    /** Traces above the most spans the store evaluates packed are unpacked first, then evaluated the same way. */
    @Test
    void largeTracesAnswerTheSame() {
        run("large traces", 2, 60, store -> store, FailureRules.DEFAULT);
    }

    /**
     * A store without its own {@link dev.tracestore.core.store.SpanStore#readTrace} hands over unpacked spans; the
     * search's failure rules differ from the store's, so the summaries count failures on unpacked spans.
     */
    @Test
    void unpackedTracesAnswerTheSame() {
        run("unpacked", 0, 60, ForwardingSpanStore::new, FailureRules.countingStaticNotFound());
    }

    private static void run(String configuration, int largeTraces, int queryCount, UnaryOperator<SpanStore> view,
            FailureRules failureRules) {
        long seed = Long.getLong("traceql.seed", System.nanoTime()); // -Dtraceql.seed=... repeats a run
        System.out.println("TraceQlDifferentialTest " + configuration + " seed " + seed);
        Random random = new Random(seed);
        // above the most spans the in-memory store reads packed (RingTraceSpans, 256)
        List<List<StoredSpan>> traces = RandomTraces.traces(random, 200, largeTraces, 257);
        InMemorySpanStore store = InMemorySpanStore.builder().maxSpans(10_000).queryTimeout(Duration.ofMinutes(1)).build();
        traces.forEach(trace -> trace.forEach(store::add));
        TraceQlSearch search = new TraceQlSearch(view.apply(store), failureRules);
        RandomQueries queries = new RandomQueries(random, traces);
        int matchedSomething = 0;
        for (int i = 0; i < queryCount; i++) {
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
                String traceId = trace.summary().traceId();
                List<StoredSpan> stored = store.getTrace(traceId);
                actual.put(traceId, trace.spansets().stream()
                        .map(set -> set.groupedBy() + " " + set.spans().stream().map(m -> m.span().spanId()).toList())
                        .toList());
                String where = "seed " + seed + ", query " + text + ", trace " + traceId;
                // the answered spans are the stored spans, and the summary is the one a trace search gives
                trace.spansets().forEach(set -> set.spans().forEach(matched -> assertThat(stored)
                        .as(where).contains(matched.span())));
                assertThat(trace.summary()).as(where).isEqualTo(summary(store, traceId));
            }
            assertThat(actual).as("seed " + seed + ", query " + text + ", window " + from + " .. " + to)
                    .isEqualTo(expected);
            matchedSomething += actual.isEmpty() ? 0 : 1;
        }
        assertThat(matchedSomething).as("the random queries find traces").isGreaterThan(queryCount / 4);
    }

    private static TraceSummary summary(InMemorySpanStore store, String traceId) {
        return store.findTraces(SpanQuery.builder().traceId(traceId).limit(1).build()).get(0);
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
