package dev.tracestore.autoconfigure;

import dev.tracestore.core.otel.FileBasedSpanProcessor;
import dev.tracestore.core.query.SpanQuery;
import dev.tracestore.core.store.SpanStore;
import org.jspecify.annotations.Nullable;

import java.time.Duration;

/**
 * What the operations and routes of the {@code traces} endpoint read from: the store, within the response limits, once
 * the spans ended before the request are stored.
 *
 * <pre>{@code
 * boolean reloading = source.awaitIngest();
 * SpanBudget budget = source.bounded(query);
 * }</pre>
 */
final class TracesSource {

    // The processor stores spans in batches: a query waits this long at most for the spans ended before it.
    private static final Duration INGEST_WAIT = Duration.ofMillis(100);

    private final SpanStore store;
    private final BoundedSpanQuery bounded;
    private final @Nullable FileBasedSpanProcessor processor;

    /**
     * @param processor the processor that feeds {@code store}, if any; ignored when it feeds another store
     */
    TracesSource(SpanStore store, @Nullable FileBasedSpanProcessor processor, int maxSpans, long maxBytes) {
        this.store = store;
        this.bounded = new BoundedSpanQuery(store, maxSpans, maxBytes);
        this.processor = processor != null && processor.store() == store ? processor : null;
    }

    SpanStore store() {
        return store;
    }

    /** Lets the processor store the spans ended before this request. @return whether a reload is in progress */
    boolean awaitIngest() {
        if (processor == null) {
            return false;
        }
        processor.awaitIngest(INGEST_WAIT);
        return processor.isReloading();
    }

    /** @return the spans of {@code query} that fit one answer */
    SpanBudget bounded(SpanQuery query) {
        return bounded.run(query);
    }

    /**
     * @return the answer to a span search as JSON ({@link SpansJson}): the spans that fit, and how to read on when they
     *     did not all fit
     */
    byte[] spans(SpanQuery query, boolean reloading) {
        SpanBudget budget = bounded.run(query);
        return SpansJson.spans(budget, Truncation.of(budget, null, "narrow the query (a shorter "
                + "lookback or time window, more conditions, a lower limit) or raise the limit"), reloading);
    }
}
