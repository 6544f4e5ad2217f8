package dev.tracestore.core.store;

import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.FailureRules;
import dev.tracestore.core.query.SpanOrder;
import dev.tracestore.core.query.SpanPredicate;
import dev.tracestore.core.query.SpanQuery;
import dev.tracestore.core.testing.Seeds;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static dev.tracestore.core.testing.TestSpans.span;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-name duration figures ({@link NameDurations}) that let a name and duration query skip windows: a window
 * holding a live span of the name that lasts the least duration is never skipped, after eviction, after span name
 * numbers are freed and reused, and while spans are added during the query; and a window where no span of the name
 * comes near the least duration is skipped. Random spans, printed seeds (rerun one with {@code -Dseed=N}).
 */
class NameDurationSkipTest {

    private static final long BASE = 1_700_000_000_000_000_000L;

    @Test
    void neverSkipsAWindowHoldingALiveSpanOfTheNameThatLastsLongEnough() {
        Seeds.check("NameDurationSkipTest sound", 30, seed -> {
            Random random = new Random(seed);
            int capacity = 1 + random.nextInt(3_000);
            SpanRing ring = new SpanRing(capacity, FailureRules.DEFAULT);
            int count = random.nextInt(12 * capacity + 1);
            Names names = new Names(random);
            for (int i = 0; i < count; i++) {
                ring.add(randomSpan(random, i, names.next()));
                if (random.nextInt(Math.max(1, count / 4)) == 0 || i == count - 1) {
                    assertEveryLiveSpanKeepsItsWindow(ring, seed);
                }
            }
        });
    }

    private static void assertEveryLiveSpanKeepsItsWindow(SpanRing ring, long seed) {
        for (long sequence = ring.oldestSequence(); sequence < ring.nextSequence(); sequence++) {
            int slot = ring.slotOf(sequence);
            int nameId = ring.columns.nameId[slot];
            long duration = ring.columns.duration[slot];
            if (duration == 0) {
                continue; // a query with no least duration skips nothing
            }
            NameDurationSkip skip = new NameDurationSkip(duration);
            skip.refresh(ring.nameDurations, new int[] {nameId}, ring.oldestSequence());
            assertThat(skip.mayHold(sequence))
                    .as("seed %d: window of sequence %d (name %s, %d ns, oldest %d)", seed, sequence,
                            ring.name(slot), duration, ring.oldestSequence())
                    .isTrue();
        }
    }

    @Test
    void skipsTheWindowsWhereNoSpanOfTheNameComesNearTheLeastDuration() {
        Seeds.check("NameDurationSkipTest tight", 20, seed -> {
            Random random = new Random(seed);
            int count = 500 + random.nextInt(5_000);
            SpanRing ring = new SpanRing(count, FailureRules.DEFAULT);
            Names names = new Names(random);
            List<StoredSpan> added = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                StoredSpan span = randomSpan(random, i, names.next());
                ring.add(span);
                added.add(span);
            }
            int skipped = 0;
            for (String name : added.stream().map(StoredSpan::name).distinct().toList()) {
                long least = 1 + (long) (Math.exp(random.nextDouble() * 16) * 1_000);
                NameDurationSkip skip = new NameDurationSkip(least);
                skip.refresh(ring.nameDurations, new int[] {ring.nameId(name)}, ring.oldestSequence());
                for (int window = 0; window * NameDurations.WINDOW_SIZE < count; window++) {
                    long first = (long) window * NameDurations.WINDOW_SIZE;
                    List<StoredSpan> ofName = added.subList((int) first, (int) Math.min(count,
                            first + NameDurations.WINDOW_SIZE)).stream().filter(s -> s.name().equals(name)).toList();
                    boolean reaches = ofName.stream().anyMatch(s -> s.durationNanos() >= least);
                    // durations are kept rounded up to 1 024 ns: a span within that of the least may be read
                    boolean near = ofName.stream().anyMatch(s -> s.durationNanos() + 1_024 >= least);
                    boolean mayHold = skip.mayHold(first);
                    if (reaches) {
                        assertThat(mayHold).as("seed %d, %s in window %d, least %d", seed, name, window, least)
                                .isTrue();
                    } else if (!near) {
                        assertThat(mayHold).as("seed %d, %s in window %d, least %d", seed, name, window, least)
                                .isFalse();
                        skipped++;
                    }
                }
            }
            assertThat(skipped).as("seed %d: windows skipped", seed).isPositive();
        });
    }

    @Test
    void nameAndDurationQueriesEqualBruteForceWhileNamesChurn() {
        Seeds.check("NameDurationSkipTest queries", 30, seed -> {
            Random random = new Random(seed);
            int capacity = 1 + random.nextInt(3_000);
            InMemorySpanStore store = new InMemorySpanStore(capacity);
            Deque<StoredSpan> held = new ArrayDeque<>();
            Names names = new Names(random);
            int count = random.nextInt(10 * capacity + 1);
            for (int i = 0; i < count; i++) {
                StoredSpan span = randomSpan(random, i, names.next());
                store.add(span);
                held.addLast(span);
                if (held.size() > capacity) {
                    held.removeFirst();
                }
            }
            List<StoredSpan> live = new ArrayList<>(held);
            for (int q = 0; q < 30 && !live.isEmpty(); q++) {
                SpanQuery query = randomQuery(random, live);
                assertThat(store.findSpans(query)).as("seed %d: %s", seed, query)
                        .isEqualTo(RandomizedQueryTest.bruteForceSpans(live, query));
                assertThat(store.findTraces(query)).as("seed %d: traces for %s", seed, query)
                        .isEqualTo(RandomizedQueryTest.bruteForceTraces(live, query));
            }
        });
    }

    /**
     * Queries racing the adds (and so the eviction and reuse of name numbers): a matching span that was stored before
     * the query began and is still stored when it ends must be in the answer, which holds every match.
     */
    @Test
    void queriesRacingAddsFindEveryMatchStoredThroughout() throws Exception {
        long seed = Long.getLong("seed", System.nanoTime());
        System.out.println("NameDurationSkipTest racing seed " + seed + " (rerun with -Dseed=" + seed + ")");
        int capacity = 2_000;
        int spans = 150_000;
        Random random = new Random(seed);
        Names names = new Names(random);
        List<StoredSpan> all = new ArrayList<>(spans);
        for (int i = 0; i < spans; i++) {
            all.add(randomSpan(random, i, names.next()));
        }
        InMemorySpanStore store = new InMemorySpanStore(capacity);
        AtomicLong stored = new AtomicLong();
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> reader = threads.submit(() -> {
                Random queries = new Random(seed + 1);
                int checked = 0;
                while (!done.get()) {
                    long before = stored.get();
                    if (before == 0) {
                        continue;
                    }
                    StoredSpan pick = all.get((int) (before - 1 - queries.nextInt((int) Math.min(before, capacity))));
                    long least = Math.max(1, pick.durationNanos() - queries.nextInt(3) * 1_000L);
                    SpanQuery query = SpanQuery.builder().exactSpanName(pick.name())
                            .minDuration(Duration.ofNanos(least)).limit(SpanQuery.MAX_LIMIT).build();
                    List<StoredSpan> found = store.findSpans(query);
                    // one more than the adds seen may have evicted already
                    long after = stored.get() + 1;
                    SpanPredicate predicate = SpanPredicate.of(query, Instant.now());
                    Set<String> foundIds = new HashSet<>();
                    for (StoredSpan span : found) {
                        assertThat(predicate.test(span)).as("seed %d: %s matches %s", seed, span, query).isTrue();
                        foundIds.add(span.spanId());
                    }
                    for (long i = Math.max(0, after - capacity); i < before; i++) {
                        StoredSpan span = all.get((int) i);
                        if (predicate.test(span)) {
                            assertThat(foundIds).as("seed %d: %s found by %s", seed, span, query)
                                    .contains(span.spanId());
                        }
                    }
                    checked++;
                }
                return checked;
            });
            for (StoredSpan span : all) {
                store.add(span);
                stored.incrementAndGet();
            }
            done.set(true);
            assertThat(reader.get(5, TimeUnit.MINUTES)).as("queries checked (seed %d)", seed).isPositive();
        } finally {
            done.set(true);
            threads.shutdownNow();
        }
    }

    private static SpanQuery randomQuery(Random random, List<StoredSpan> live) {
        StoredSpan pick = live.get(random.nextInt(live.size()));
        long least = switch (random.nextInt(3)) {
            case 0 -> pick.durationNanos();
            case 1 -> Math.max(1, pick.durationNanos() + random.nextInt(4_000) - 2_000);
            default -> 1 + (long) (Math.exp(random.nextDouble() * 16) * 1_000);
        };
        SpanQuery.Builder query = SpanQuery.builder().exactSpanName(pick.name()).minDuration(Duration.ofNanos(least))
                .order(SpanOrder.values()[random.nextInt(SpanOrder.values().length)])
                .limit(1 + random.nextInt(random.nextBoolean() ? 5 : 300));
        if (random.nextInt(4) == 0) {
            query.maxDuration(Duration.ofNanos(least + random.nextInt(50_000_000)));
        }
        return query.build();
    }

    /** A few common names, and names that live for a few spans each, so their numbers are freed and reused. */
    private static final class Names {
        private final Random random;
        private long n;

        Names(Random random) {
            this.random = random;
        }

        String next() {
            n++;
            return random.nextInt(3) == 0 ? "GET /common" + random.nextInt(4) : "op" + n / (1 + random.nextInt(8));
        }
    }

    /** Mostly short spans, a few long ones: durations from 0 to minutes, many near one another. */
    private static StoredSpan randomSpan(Random random, int n, String name) {
        long duration = switch (random.nextInt(4)) {
            case 0 -> random.nextInt(3_000);
            case 1 -> (long) (Math.exp(random.nextDouble() * 20) * 100);
            default -> 1_000L * random.nextInt(100);
        };
        long start = BASE + n * 1_000L;
        return span(n / 4, n, start).name(name).endEpochNanos(start + duration).build();
    }
}
