package dev.tracestore.core.store;

import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.SpanPredicate;
import dev.tracestore.core.query.SpanQuery;
import dev.tracestore.core.query.TraceSummary;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.resources.Resource;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static dev.tracestore.core.testing.TestSpans.span;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Queries racing ingest and eviction: every answer must match its query and hold spans exactly as they were added,
 * and no query may throw. Names and resources churn, so numbers freed by eviction are reused while queries run.
 * A failure prints the seed; rerun one seed with {@code -Dseed=N}.
 */
class ChurnConsistencyTest {

    private static final int CAPACITY = 2_048;
    private static final int SPANS = 100_000;

    @Test
    void queriesRacingIngestAnswerOnlyMatchingSpansAndNeverThrow() throws Exception {
        long seed = Long.getLong("seed", System.nanoTime());
        System.out.println("ChurnConsistencyTest seed " + seed + " (rerun with -Dseed=" + seed + ")");
        InMemorySpanStore store = new InMemorySpanStore(CAPACITY);
        Map<String, StoredSpan> added = new ConcurrentHashMap<>();
        AtomicLong newest = new AtomicLong();
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            Future<?> writer = threads.submit(() -> {
                Random random = new Random(seed);
                for (int i = 0; i < SPANS; i++) {
                    StoredSpan stored = churningSpan(random, i);
                    added.put(stored.spanId(), stored);
                    store.add(stored);
                    newest.set(i);
                    if (i >= CAPACITY * 2) {
                        added.remove(span(0, i - CAPACITY * 2, 0).build().spanId());
                    }
                }
                done.set(true);
                return null;
            });
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                long readerSeed = seed + 1 + r;
                readers.add(threads.submit(() -> query(store, added, newest, done, new Random(readerSeed))));
            }
            writer.get(5, TimeUnit.MINUTES);
            int queries = 0;
            for (Future<Integer> reader : readers) {
                queries += reader.get(5, TimeUnit.MINUTES);
            }
            assertThat(queries).as("queries run (seed %d)", seed).isPositive();
        } finally {
            done.set(true);
            threads.shutdownNow();
        }
    }

    /**
     * The differential test's random spans and queries, with queries racing the adds: each answer must match its
     * query and hold spans as added; once the adds are done, the answers must equal the brute-force reference.
     */
    @Test
    void randomQueriesRacingIngestMatchAndThenEqualBruteForce() throws Exception {
        long seed = Long.getLong("seed", System.nanoTime());
        System.out.println("ChurnConsistencyTest random seed " + seed + " (rerun with -Dseed=" + seed + ")");
        Random random = new Random(seed);
        int capacity = 500 + random.nextInt(2_000);
        InMemorySpanStore store = InMemorySpanStore.builder().maxSpans(capacity)
                .clock(Clock.fixed(RandomizedQueryTest.NOW, ZoneOffset.UTC)).build();
        List<StoredSpan> spans = new ArrayList<>();
        for (int i = 0; i < 20 * capacity; i++) {
            spans.add(RandomizedQueryTest.randomSpan(random, i));
        }
        Map<String, StoredSpan> bySpanId = new ConcurrentHashMap<>();
        spans.forEach(span -> bySpanId.put(span.spanId(), span));
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> reader = threads.submit(() -> {
                Random queries = new Random(seed + 1);
                int count = 0;
                while (!done.get()) {
                    SpanQuery query = RandomizedQueryTest.randomQuery(queries, spans.subList(0, capacity));
                    SpanPredicate predicate = SpanPredicate.of(query, RandomizedQueryTest.NOW);
                    for (StoredSpan found : store.findSpans(query)) {
                        assertThat(predicate.test(found)).as("%s matches %s", found, query).isTrue();
                        assertThat(found).isEqualTo(bySpanId.get(found.spanId()));
                    }
                    assertThat(store.findTraces(query)).allMatch(trace -> trace.spanCount() > 0);
                    count++;
                }
                return count;
            });
            for (StoredSpan span : spans) {
                store.add(span);
            }
            done.set(true);
            assertThat(reader.get(5, TimeUnit.MINUTES)).as("queries run (seed %d)", seed).isPositive();
        } finally {
            done.set(true);
            threads.shutdownNow();
        }
        List<StoredSpan> held = spans.subList(spans.size() - capacity, spans.size());
        for (int q = 0; q < 40; q++) {
            SpanQuery query = RandomizedQueryTest.randomQuery(random, held);
            assertThat(store.findSpans(query)).as("spans for %s (seed %d)", query, seed)
                    .isEqualTo(RandomizedQueryTest.bruteForceSpans(held, query));
            assertThat(store.findTraces(query)).as("traces for %s (seed %d)", query, seed)
                    .isEqualTo(RandomizedQueryTest.bruteForceTraces(held, query));
        }
    }

    private static int query(InMemorySpanStore store, Map<String, StoredSpan> added, AtomicLong newest,
            AtomicBoolean done, Random random) {
        int queries = 0;
        while (!done.get()) {
            long recent = Math.max(0, newest.get() - random.nextInt(CAPACITY));
            SpanQuery.Builder builder = SpanQuery.builder().limit(1 + random.nextInt(50));
            switch (random.nextInt(3)) {
                case 0 -> builder.spanName(nameOf(recent));
                case 1 -> builder.service(serviceOf(recent));
                default -> builder.spanName(nameOf(recent)).service(serviceOf(recent));
            }
            SpanQuery query = builder.build();
            SpanPredicate predicate = SpanPredicate.of(query, Instant.now());
            for (StoredSpan found : store.findSpans(query)) {
                assertThat(predicate.test(found)).as("%s matches %s", found, query).isTrue();
                StoredSpan original = added.get(found.spanId());
                if (original != null) {
                    assertThat(found).isEqualTo(original);
                }
            }
            for (TraceSummary trace : store.findTraces(query)) {
                assertThat(trace.spanCount()).isPositive();
            }
            queries++;
        }
        return queries;
    }

    /** Names and services that live for a few spans each, so their numbers are freed and reused all the time. */
    private static StoredSpan churningSpan(Random random, long n) {
        return span(n / 3, n, 1_000_000L * n)
                .name(nameOf(n))
                .attributes(Attributes.of(AttributeKey.longKey("n"), n, AttributeKey.stringKey("pick"),
                        "p" + random.nextInt(4)))
                .resource(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), serviceOf(n),
                        AttributeKey.stringKey("host.name"), "h" + random.nextInt(1_000))))
                .build();
    }

    private static String nameOf(long n) {
        return "n" + n / 4;
    }

    private static String serviceOf(long n) {
        return "s" + n / 16;
    }
}
