package dev.tracestore.core.store;

import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.AttributeFilter;
import dev.tracestore.core.query.SpanQuery;
import dev.tracestore.core.query.TraceSummary;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.tracestore.core.testing.TestSpans.span;
import static dev.tracestore.core.testing.TestSpans.traceId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InMemorySpanStoreTest {

    @Test
    void returnsTheSpansOfATraceOrderedByStartThenSpanId() {
        InMemorySpanStore store = new InMemorySpanStore(10);
        store.add(span(1, 3, 300).build());
        store.add(span(1, 2, 100).build());
        store.add(span(2, 9, 50).build());
        store.add(span(1, 1, 300).build());

        List<StoredSpan> trace = store.getTrace(traceId(1));

        assertThat(trace).extracting(StoredSpan::startEpochNanos).containsExactly(100L, 300L, 300L);
        assertThat(trace).extracting(StoredSpan::name).containsExactly("span-2", "span-1", "span-3");
        assertThatThrownBy(() -> trace.add(span(1, 4, 1).build())).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void unknownTraceIsEmptyAndMalformedTraceIdIsRejectedByName() {
        InMemorySpanStore store = new InMemorySpanStore(10);
        assertThat(store.getTrace(traceId(7))).isEmpty();
        assertThatThrownBy(() -> store.getTrace("xyz"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("traceId");
        assertThatThrownBy(() -> store.getTrace("00000000000000000000000000000000"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void evictsTheOldestSpansFirstAndForgetsEmptyTraces() {
        InMemorySpanStore store = new InMemorySpanStore(3);
        store.add(span(1, 1, 10).build());
        store.add(span(2, 2, 20).build());
        store.add(span(1, 3, 30).build());
        store.add(span(3, 4, 40).build());

        assertThat(store.size()).isEqualTo(3);
        assertThat(store.evictedCount()).isEqualTo(1);
        assertThat(store.getTrace(traceId(1))).extracting(StoredSpan::name).containsExactly("span-3");

        store.add(span(3, 5, 50).build());
        assertThat(store.getTrace(traceId(2))).isEmpty();
        assertThat(store.getTrace(traceId(3))).hasSize(2);
        assertThat(store.evictedCount()).isEqualTo(2);
    }

    @Test
    void wrapsAroundManyTimesKeepingExactlyTheNewestSpans() {
        int capacity = 7;
        InMemorySpanStore store = new InMemorySpanStore(capacity);
        for (int i = 0; i < 100; i++) {
            store.add(span(i % 5, i, i).build());
        }
        assertThat(store.size()).isEqualTo(capacity);
        List<Long> kept = new ArrayList<>();
        for (int t = 0; t < 5; t++) {
            store.getTrace(traceId(t)).forEach(s -> kept.add(s.startEpochNanos()));
        }
        assertThat(kept).containsExactlyInAnyOrder(93L, 94L, 95L, 96L, 97L, 98L, 99L);
    }

    @Test
    void addAllStoresLikeAddingOneByOneAcrossBatchesAndEvictions() {
        int capacity = 150;
        InMemorySpanStore oneByOne = new InMemorySpanStore(capacity);
        InMemorySpanStore batched = new InMemorySpanStore(capacity);
        List<StoredSpan> spans = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            spans.add(span(i % 37, i, i).attributes(Attributes.of(AttributeKey.longKey("shard"), (long) (i % 3)))
                    .build());
        }
        spans.forEach(oneByOne::add);
        // batches longer than one hold of the lock, and shorter ones
        batched.addAll(spans.subList(0, 3 * InMemorySpanStore.ADD_BATCH + 5));
        batched.addAll(spans.subList(3 * InMemorySpanStore.ADD_BATCH + 5, 700));
        batched.addAll(List.of());
        batched.addAll(spans.subList(700, 1_000));

        assertThat(batched.size()).isEqualTo(capacity);
        assertThat(batched.evictedCount()).isEqualTo(oneByOne.evictedCount()).isEqualTo(1_000 - capacity);
        for (int t = 0; t < 37; t++) {
            assertThat(batched.getTrace(traceId(t))).isEqualTo(oneByOne.getTrace(traceId(t)));
        }
        SpanQuery shard = SpanQuery.builder().attribute(AttributeFilter.parse("shard=2")).limit(1_000).build();
        assertThat(batched.findSpans(shard)).hasSize(50).isEqualTo(oneByOne.findSpans(shard));
    }

    @Test
    void findsOneValueOfAKeyWithManyValuesThroughItsHashBuckets() {
        int capacity = 3_000;
        InMemorySpanStore store = new InMemorySpanStore(capacity);
        for (int i = 0; i < 3 * capacity; i++) {
            // more distinct values than a list each is kept for: the key switches to hash buckets
            store.add(span(i, i, i).attributes(Attributes.of(
                    AttributeKey.stringKey("url.path"), "/orders/" + i,
                    AttributeKey.longKey("shard"), (long) (i % 3))).build());
        }
        for (int i = 2 * capacity; i < 3 * capacity; i += 97) {
            SpanQuery query = SpanQuery.builder()
                    .attribute(AttributeFilter.parse("url.path=/orders/" + i)).build();
            assertThat(store.findSpans(query)).extracting(StoredSpan::startEpochNanos).containsExactly((long) i);
            assertThat(store.findTraces(query)).extracting(TraceSummary::traceId).containsExactly(traceId(i));
        }
        SpanQuery evicted = SpanQuery.builder()
                .attribute(AttributeFilter.parse("url.path=/orders/5")).build();
        assertThat(store.findSpans(evicted)).isEmpty();
    }

    @Test
    void switchingToHashBucketsKeepsTheSpansAddedBefore() {
        InMemorySpanStore store = new InMemorySpanStore(10_000);
        for (int i = 0; i < 5_000; i++) {
            store.add(span(i, i, i).attributes(Attributes.of(AttributeKey.stringKey("request.id"), "r" + i)).build());
        }
        for (int i = 0; i < 5_000; i += 71) {
            SpanQuery query = SpanQuery.builder().attribute(AttributeFilter.parse("request.id=r" + i)).build();
            assertThat(store.findSpans(query)).extracting(StoredSpan::startEpochNanos).containsExactly((long) i);
        }
    }

    @Test
    void rejectsCapacityBelowOne() {
        assertThatThrownBy(() -> new InMemorySpanStore(0)).hasMessageContaining("maxSpans");
    }

    @Test
    void concurrentWritersAndReadersLeaveExactCounts() throws Exception {
        int writers = 6;
        int spansPerWriter = 20_000;
        int capacity = 50_000;
        InMemorySpanStore store = new InMemorySpanStore(capacity);
        ExecutorService pool = Executors.newFixedThreadPool(writers + 2);
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Future<?>> tasks = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            tasks.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < spansPerWriter; i++) {
                    // each writer owns its traces, ten spans per trace
                    long trace = writer * 1_000_000L + i / 10;
                    store.add(span(trace, writer * 1_000_000L + i, i).build());
                }
                return null;
            }));
        }
        for (int r = 0; r < 2; r++) {
            tasks.add(pool.submit(() -> {
                start.await();
                while (writing.get()) {
                    List<StoredSpan> trace = store.getTrace(traceId(1_000_000L + 5));
                    assertThat(trace.size()).isBetween(0, 10);
                    assertThat(store.size()).isBetween(0, capacity);
                }
                return null;
            }));
        }
        start.countDown();
        for (int i = 0; i < writers; i++) {
            tasks.get(i).get(60, TimeUnit.SECONDS);
        }
        writing.set(false);
        for (Future<?> task : tasks) {
            task.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        long total = (long) writers * spansPerWriter;
        assertThat(store.size()).isEqualTo(capacity);
        assertThat(store.evictedCount()).isEqualTo(total - capacity);
        long traced = 0;
        for (int w = 0; w < writers; w++) {
            for (int t = 0; t < spansPerWriter / 10; t++) {
                traced += store.getTrace(traceId(w * 1_000_000L + t)).size();
            }
        }
        assertThat(traced).isEqualTo(capacity);
    }
}
