package dev.tracestore.core.otel;

import dev.tracestore.core.log.ReadResult;
import dev.tracestore.core.log.SpanLog;
import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.SpanQuery;
import dev.tracestore.core.query.TraceSummary;
import dev.tracestore.core.store.InMemorySpanStore;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a processor started on a span directory reloaded: every stored span oldest first, the figures the store
 * answers with, the reload's result, and whether it came from the snapshot. Two of them compare field by field.
 */
record ReloadedStore(List<StoredSpan> spans, int size, long evicted, List<String> services,
        List<TraceSummary> traces, ReadResult read, boolean fromSnapshot) {

    /** Starts a processor on {@code directory}, waits for its reload, takes what it stored, and shuts it down. */
    static ReloadedStore start(Path directory, int maxSpans, UnaryOperator<FileBasedSpanProcessorBuilder> settings) {
        InMemorySpanStore store = new InMemorySpanStore(maxSpans);
        FileBasedSpanProcessor processor = settings.apply(FileBasedSpanProcessor.builder(store)
                .log(SpanLog.builder(directory).maxFileSize(16 << 10))).build();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> !processor.isReloading());
            List<StoredSpan> spans = new ArrayList<>();
            assertThat(store.forEachOldestFirst(spans::add)).isTrue();
            return new ReloadedStore(spans, store.size(), store.evictedCount(), store.services(),
                    store.findTraces(SpanQuery.builder().limit(SpanQuery.MAX_LIMIT).build()), processor.reloaded(),
                    processor.reloadedFromSnapshot());
        } finally {
            processor.shutdown().join(30, TimeUnit.SECONDS);
        }
    }

    /** Asserts that this store is what {@code expected} is, field by field, whichever way each was reloaded. */
    void assertSameAs(ReloadedStore expected) {
        assertThat(spans.size()).isEqualTo(expected.spans.size());
        for (int i = 0; i < spans.size(); i++) {
            assertThat(spans.get(i)).as("span %d of %d", i, spans.size()).isEqualTo(expected.spans.get(i));
        }
        assertThat(size).isEqualTo(expected.size);
        assertThat(evicted).isEqualTo(expected.evicted);
        assertThat(services).isEqualTo(expected.services);
        assertThat(traces).isEqualTo(expected.traces);
        assertThat(read).isEqualTo(expected.read);
    }
}
