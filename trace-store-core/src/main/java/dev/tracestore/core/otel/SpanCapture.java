package dev.tracestore.core.otel;

import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.store.SpanStore;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What happens to an ended span on the ingest worker, off the application thread: the exclusions, the conversion
 * to a {@link StoredSpan} (redaction and limits included) and the addition to the store. A span that cannot be
 * converted or stored is counted as rejected and told once; nothing here ever throws.
 */
final class SpanCapture {

    private static final Logger logger = LoggerFactory.getLogger(SpanCapture.class);

    private final SpanStore store;
    private final SpanExclusions exclusions;
    private final AttributeSanitizer sanitizer;
    private final SpanDataConverter converter;
    private final AtomicLong rejected = new AtomicLong();

    SpanCapture(SpanStore store, SpanExclusions exclusions, AttributeSanitizer sanitizer) {
        this.store = store;
        this.exclusions = exclusions;
        this.sanitizer = sanitizer;
        this.converter = new SpanDataConverter(sanitizer);
    }

    /** @return the stored form, or {@code null} for an excluded span or one that cannot be converted */
    StoredSpan convert(ReadableSpan span) {
        try {
            SpanData data = span.toSpanData();
            return exclusions.test(data) ? null : converter.convert(data);
        } catch (RuntimeException e) {
            reject("Rejected span '" + span.getName() + "'", e);
            return null;
        }
    }

    /** @return a span read back from a file with today's redaction and limits applied */
    StoredSpan sanitize(StoredSpan span) {
        return converter.sanitize(span);
    }

    /** Adds the span to the store; a failure is counted and told once. */
    void store(StoredSpan span) {
        try {
            store.add(span);
        } catch (RuntimeException e) {
            reject("Could not store span '" + span.name() + "'", e);
        }
    }

    /** Adds spans to the store in their order; a failure counts the whole batch as rejected and is told once. */
    void storeAll(List<StoredSpan> spans) {
        try {
            store.addAll(spans);
        } catch (RuntimeException e) {
            reject("Could not store a batch of " + spans.size() + " spans", e, spans.size());
        }
    }

    private void reject(String what, RuntimeException e) {
        reject(what, e, 1);
    }

    private void reject(String what, RuntimeException e, int spans) {
        if (rejected.getAndAdd(spans) == 0) {
            logger.warn("{}: {}", what, e.toString());
        }
    }

    SpanStore store() {
        return store;
    }

    long rejectedCount() {
        return rejected.get();
    }

    long truncatedValueCount() {
        return sanitizer.truncatedValueCount();
    }

    long droppedAttributeCount() {
        return sanitizer.droppedAttributeCount();
    }
}
