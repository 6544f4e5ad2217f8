package dev.tracestore.core.store;

import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.QueryParameters;
import dev.tracestore.core.query.SpanQuery;
import dev.tracestore.core.query.TraceSummary;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import static dev.tracestore.core.testing.TestSpans.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A query has a budget (a deadline, and the characters all its regular expressions read together) and answers what
 * it found when it runs out, saying why; while it runs, it holds the store's lock only in short steps.
 */
class QueryBudgetTest {

    private static final String SLOW_REGEX = "payload=~.*.*z";
    private static final AttributeKey<String> PAYLOAD = AttributeKey.stringKey("payload");

    /**
     * 1 000 spans with 650-character values, one in four ending in z: {@code .*.*z} reads about 200 000 characters
     * on each of the others.
     */
    private static InMemorySpanStore storeWithLongValues(InMemorySpanStore.Builder builder) {
        InMemorySpanStore store = builder.maxSpans(2_000).build();
        for (int i = 0; i < 1_000; i++) {
            store.add(span(i, i, 1_000L * i)
                    .attributes(Attributes.of(PAYLOAD, "x".repeat(649) + (i % 4 == 0 ? "z" : "y"))).build());
        }
        return store;
    }

    private static SpanQuery query(String attr) {
        return QueryParameters.parse(Map.of("attr", List.of(attr), "limit", List.of("10000")));
    }

    @Test
    void searchesSharingADeadlineThatHasPassedAnswerPartialAtOnce() {
        InMemorySpanStore store = storeWithLongValues(InMemorySpanStore.builder().queryTimeout(Duration.ofHours(1)));
        QueryDeadline deadline = QueryDeadline.after(Duration.ofNanos(1));
        await().until(deadline::passed);

        SearchResult<StoredSpan> spans = store.searchSpans(query(SLOW_REGEX), deadline);
        SearchResult<TraceSummary> traces = store.searchTraces(query(SLOW_REGEX), deadline);

        assertThat(spans.partial()).isTrue();
        assertThat(spans.truncatedReason()).contains("query timeout (PT0.000000001S");
        assertThat(traces.partial()).isTrue();
        // a fresh deadline from the store's own timeout lets the same search run
        assertThat(store.searchSpans(query("payload=~x{649}z"), store.startQuery()).partial()).isFalse();
    }

    @Test
    void aQueryWhoseRegularExpressionsReadTooMuchAnswersWhatItFoundMarkedPartial() {
        // a deadline far off: on a loaded machine the default 5 s could run out before the regex budget does
        InMemorySpanStore store = storeWithLongValues(InMemorySpanStore.builder().queryTimeout(Duration.ofHours(1)));

        SearchResult<StoredSpan> spans = store.searchSpans(query(SLOW_REGEX));
        SearchResult<TraceSummary> traces = store.searchTraces(query(SLOW_REGEX));

        // each value alone is within the per-value limit; together they exceed the query's total
        assertThat(spans.partial()).isTrue();
        assertThat(spans.truncatedReason()).contains("regular expressions").contains("narrow");
        assertThat(spans.items().size()).isBetween(1, 249);
        assertThat(spans.items()).allMatch(span -> span.attributes().get(PAYLOAD).endsWith("z"));
        assertThat(traces.partial()).isTrue();
        assertThat(traces.items().size()).isBetween(1, 249);
        // a cheap query over the same spans is complete
        SearchResult<StoredSpan> cheap = store.searchSpans(query("payload=~x+z"));
        assertThat(cheap.partial()).isFalse();
        assertThat(cheap.truncatedReason()).isNull();
        assertThat(cheap.items().size()).isEqualTo(250);
    }

    @Test
    void aQueryPastItsDeadlineStopsAndSaysSo() {
        InMemorySpanStore store = storeWithLongValues(InMemorySpanStore.builder().queryTimeout(Duration.ofNanos(1)));

        SearchResult<StoredSpan> spans = store.searchSpans(query("payload=~x+z"));

        assertThat(spans.partial()).isTrue();
        assertThat(spans.truncatedReason()).contains("query timeout").contains("tracestore.query-timeout");
        assertThat(store.searchTraces(query("payload")).partial()).isTrue();
    }

    @Test
    void addsGoAheadWhileAQueryIsStillReadingOneBlock() throws Exception {
        InMemorySpanStore store = storeWithLongValues(InMemorySpanStore.builder());
        ReentrantReadWriteLock lock = (ReentrantReadWriteLock) field(store, "lock");
        // the 1 000 spans lie in one block of 1 024: a query that held the lock per block would hold it throughout
        CompletableFuture<SearchResult<StoredSpan>> query = CompletableFuture.supplyAsync(
                () -> store.searchSpans(query(SLOW_REGEX)));
        await().atMost(1, TimeUnit.MINUTES).until(() -> lock.getReadLockCount() > 0 || query.isDone());
        assertThat(query.isDone()).as("the query is still running").isFalse();

        for (int i = 0; i < 20; i++) {
            store.add(span(5_000 + i, 5_000 + i, 1).build());
        }

        assertThat(query.isDone()).as("20 adds finished while the query was still running").isFalse();
        assertThat(query.get(1, TimeUnit.MINUTES).partial()).isTrue();
        assertThat(store.size()).isEqualTo(1_020);
    }

    private static Object field(Object owner, String name) throws ReflectiveOperationException {
        java.lang.reflect.Field field = owner.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return field.get(owner);
    }
}
