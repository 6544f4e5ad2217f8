package dev.tracestore.core.traceql;

import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.FailureRules;
import dev.tracestore.core.query.TraceSummary;
import dev.tracestore.core.store.InMemorySpanStore;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order of TraceQL answers and their time window: the traces that start latest first (ties by trace ID), as a
 * trace search orders them, whatever the limit; a look-back counts back from the store's clock.
 */
class TraceQlOrderTest {

    private static final long MS = 1_000_000L;

    @Test
    void answersTheTracesThatStartLatestFirstWhateverTheLimit() {
        long seed = Long.getLong("traceql.seed", System.nanoTime()); // -Dtraceql.seed=... repeats a run
        System.out.println("TraceQlOrderTest seed " + seed);
        Random random = new Random(seed);
        List<List<StoredSpan>> traces = overlapping(random, RandomTraces.traces(random, 150));
        InMemorySpanStore store = InMemorySpanStore.builder().maxSpans(10_000).queryTimeout(Duration.ofMinutes(1))
                .build();
        traces.forEach(trace -> trace.forEach(store::add));
        TraceQlSearch search = new TraceQlSearch(store, FailureRules.DEFAULT);
        RandomQueries queries = new RandomQueries(random, traces);
        int cut = 0;
        for (int i = 0; i < 150; i++) {
            String text = queries.next();
            TraceQlQuery query = TraceQlQuery.parse(text);
            int limit = 1 + random.nextInt(12);
            Instant from = null;
            Instant to = null;
            if (random.nextInt(3) == 0) {
                from = Instant.ofEpochSecond(0, RandomTraces.START + random.nextInt(150) * MS);
                to = from.plusNanos((1 + random.nextInt(60)) * MS);
            }
            List<String> expected = bruteForce(query, store, traces, from, to);
            TraceQlResult result = search.search(query, from, to, limit);

            assertThat(result.traces()).extracting(trace -> trace.summary().traceId())
                    .as("seed " + seed + ", query " + text + ", limit " + limit + ", window " + from + " .. " + to)
                    .containsExactlyElementsOf(expected.subList(0, Math.min(limit, expected.size())));
            assertThat(result.partial()).isFalse();
            cut += expected.size() > limit ? 1 : 0;
        }
        assertThat(cut).as("queries whose answer the limit cuts").isGreaterThan(20);
    }

    @Test
    void aTraceThatStartedLaterComesFirstEvenWhenAnotherHasTheNewestSpan() {
        InMemorySpanStore store = new InMemorySpanStore(100);
        // trace 1 starts first but its last span is the newest of all; trace 2 starts later, ends earlier
        store.add(span(1, 1, "", RandomTraces.START));
        store.add(span(1, 2, spanId(1), RandomTraces.START + 50 * MS));
        store.add(span(2, 3, "", RandomTraces.START + 10 * MS));
        TraceQlSearch search = new TraceQlSearch(store, FailureRules.DEFAULT);

        TraceQlResult all = search.search(TraceQlQuery.parse("{ }"), null, null, 10);
        TraceQlResult one = search.search(TraceQlQuery.parse("{ }"), null, null, 1);

        assertThat(all.traces()).extracting(trace -> trace.summary().traceId()).containsExactly(traceId(2), traceId(1));
        assertThat(one.traces()).extracting(trace -> trace.summary().traceId()).containsExactly(traceId(2));
    }

    @Test
    void aLookbackCountsBackFromTheStoresClock() {
        Instant now = Instant.ofEpochSecond(0, RandomTraces.START).plus(Duration.ofHours(3));
        InMemorySpanStore store = InMemorySpanStore.builder().maxSpans(100).clock(Clock.fixed(now, ZoneOffset.UTC))
                .build();
        store.add(span(1, 1, "", toNanos(now.minus(Duration.ofMinutes(90)))));
        store.add(span(2, 2, "", toNanos(now.minus(Duration.ofMinutes(30)))));
        store.add(span(3, 3, "", toNanos(now))); // the end is inclusive, as in a parameter search
        store.add(span(4, 4, "", toNanos(now) + 1));
        TraceQlSearch search = new TraceQlSearch(store, FailureRules.DEFAULT);

        TraceQlResult result = search.search(TraceQlQuery.parse("{ }"), Duration.ofHours(1), 10, store.startQuery());

        assertThat(result.traces()).extracting(trace -> trace.summary().traceId())
                .containsExactly(traceId(3), traceId(2));
    }

    /** Stretches each trace over a random few milliseconds, so that traces overlap and end in another order. */
    private static List<List<StoredSpan>> overlapping(Random random, List<List<StoredSpan>> traces) {
        List<List<StoredSpan>> stretched = new ArrayList<>();
        for (List<StoredSpan> trace : traces) {
            long stretch = 1 + random.nextInt(8);
            List<StoredSpan> spans = new ArrayList<>();
            for (StoredSpan s : trace) {
                long shift = (s.startEpochNanos() - trace.get(0).startEpochNanos()) / 1000 * stretch * MS / 4;
                spans.add(new StoredSpan(s.traceId(), s.spanId(), s.parentSpanId(), s.name(), s.kind(),
                        s.startEpochNanos() + shift, s.endEpochNanos() + shift, s.statusCode(), s.statusMessage(),
                        s.attributes(), s.events(), s.links(), s.resource(), s.scope()));
            }
            stretched.add(spans);
        }
        return stretched;
    }

    /** @return the IDs of the traces with a matched span in the window, latest trace start first, ties by ID */
    private static List<String> bruteForce(TraceQlQuery query, InMemorySpanStore store, List<List<StoredSpan>> traces,
            Instant from, Instant to) {
        List<TraceSummary> found = new ArrayList<>();
        for (List<StoredSpan> generated : traces) {
            List<StoredSpan> trace = store.getTrace(generated.get(0).traceId());
            boolean matched = BruteForceTraceQl.run(query.pipeline(), trace).stream()
                    .anyMatch(set -> set.spans().stream().anyMatch(span -> inWindow(span, from, to)));
            if (matched) {
                long start = trace.stream().mapToLong(StoredSpan::startEpochNanos).min().orElseThrow();
                found.add(new TraceSummary(trace.get(0).traceId(), "", "", start, 0, trace.size(), 0, List.of()));
            }
        }
        found.sort(Comparator.comparingLong(TraceSummary::startEpochNanos).reversed()
                .thenComparing(TraceSummary::traceId));
        return found.stream().map(TraceSummary::traceId).toList();
    }

    private static boolean inWindow(StoredSpan span, Instant from, Instant to) {
        return (from == null || !span.startTime().isBefore(from)) && (to == null || span.startTime().isBefore(to));
    }

    private static StoredSpan span(int trace, int span, String parent, long start) {
        return StoredSpan.builder().traceId(traceId(trace)).spanId(spanId(span)).parentSpanId(parent).name("op")
                .startEpochNanos(start).endEpochNanos(start + MS).build();
    }

    private static String traceId(int trace) {
        return String.format("%032x", trace);
    }

    private static String spanId(int span) {
        return String.format("%016x", span);
    }

    private static long toNanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
