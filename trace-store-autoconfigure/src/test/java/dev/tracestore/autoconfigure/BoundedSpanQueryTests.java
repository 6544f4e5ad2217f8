package dev.tracestore.autoconfigure;

import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.SpanQuery;
import dev.tracestore.core.store.InMemorySpanStore;
import dev.tracestore.core.store.QueryDeadline;
import dev.tracestore.core.store.SearchResult;
import dev.tracestore.core.store.SpanStore;
import dev.tracestore.core.testing.ForwardingSpanStore;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bounded query never has the store unpack much more than the byte budget holds: with 2 000 spans of about 64 KB
 * and a 1 MB budget, no request asks for thousands of spans, and the answer is the query's prefix.
 */
class BoundedSpanQueryTests {

    private static final String TRACE_ID = "0000000000000000000000000000abcd";
    private static final long START = 1_735_725_600_000_000_000L;

    @Test
    void asksTheStoreForAboutWhatTheByteBudgetHolds() {
        RecordingStore store = new RecordingStore(InMemorySpanStore.builder().maxSpans(4_000).build());
        AttributesBuilder heavy = Attributes.builder();
        for (int a = 0; a < 16; a++) {
            heavy.put("payload." + a, "y".repeat(4096));
        }
        for (int i = 0; i < 2_000; i++) {
            store.add(StoredSpan.builder().traceId(TRACE_ID).spanId(String.format("%016x", i + 1)).name("s" + i)
                    .startEpochNanos(START + i).endEpochNanos(START + i + 1).attributes(heavy.build()).build());
        }
        SpanQuery query = SpanQuery.builder().traceId(TRACE_ID).limit(SpanQuery.MAX_LIMIT).build();

        SpanBudget answer = new BoundedSpanQuery(store, 5_000, 1024 * 1024).run(query);
        int rounds = store.requestedLimits.size();

        int kept = answer.spans().size();
        assertThat(kept).isBetween(10, 20);
        assertThat(answer.limitReached()).contains("max-bytes");
        assertThat(store.requestedLimits).allMatch(limit -> limit <= 2 * kept + 2);
        List<String> expected = store.findSpans(query.toBuilder().limit(kept).build()).stream()
                .map(StoredSpan::spanId).toList();
        assertThat(answer.spans()).extracting(StoredSpan::spanId).containsExactlyElementsOf(expected);
        // The rounds of one answer share one query deadline: together they stop at tracestore.query-timeout.
        assertThat(rounds).isGreaterThan(1);
        assertThat(store.deadlinesStarted).isEqualTo(1);
        assertThat(store.deadlines).hasSize(rounds).containsOnly(store.deadlines.get(0));
    }

    /** The real store, noting the limit of every span query it answers. */
    private static final class RecordingStore extends ForwardingSpanStore {

        private final List<Integer> requestedLimits = new ArrayList<>();
        private final List<QueryDeadline> deadlines = new ArrayList<>();
        private int deadlinesStarted;

        RecordingStore(SpanStore delegate) {
            super(delegate);
        }

        @Override
        public QueryDeadline startQuery() {
            deadlinesStarted++;
            return super.startQuery();
        }

        @Override
        public SearchResult<StoredSpan> searchSpans(SpanQuery query, QueryDeadline deadline) {
            deadlines.add(deadline);
            return super.searchSpans(query, deadline);
        }

        @Override
        public List<StoredSpan> findSpans(SpanQuery query) {
            requestedLimits.add(query.limit());
            return super.findSpans(query);
        }
    }
}
