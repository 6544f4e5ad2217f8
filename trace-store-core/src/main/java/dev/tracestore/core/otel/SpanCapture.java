package dev.tracestore.core.otel;

import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.store.SpanStore;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * What happens to an ended span on the ingest worker, off the application thread: the exclusions (also of the spans
 * inside an excluded one), the conversion
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
    /** {@code null} without exclusions. */
    private final ExcludedSubtrees subtrees;

    SpanCapture(SpanStore store, SpanExclusions exclusions, AttributeSanitizer sanitizer) {
        this.store = store;
        this.exclusions = exclusions;
        this.subtrees = exclusions.patterns().isEmpty() ? null : new ExcludedSubtrees();
        this.sanitizer = sanitizer;
        this.converter = new SpanDataConverter(sanitizer);
    }

    /**
     * Converts an ended span and hands it to {@code sink}, unless it is excluded; with exclusions, a span inside
     * another span of this process waits until its ancestors are decided ({@link ExcludedSubtrees}), and the spans a
     * verdict decides are handed over together.
     *
     * @param now {@link System#nanoTime()}
     */
    void capture(ReadableSpan span, long now, Consumer<StoredSpan> sink) {
        boolean excluded = false;
        StoredSpan stored = null;
        try {
            SpanData data = span.toSpanData();
            excluded = exclusions.test(data);
            stored = excluded ? null : converter.convert(data);
        } catch (RuntimeException e) {
            reject("Rejected span '" + span.getName() + "'", e);
        }
        if (subtrees == null) {
            if (stored != null) {
                sink.accept(stored);
            }
            return;
        }
        SpanContext parent = span.getParentSpanContext();
        String localParent = parent.isValid() && !parent.isRemote() ? parent.getSpanId() : null;
        subtrees.accept(span.getSpanContext().getSpanId(), localParent, excluded, stored, now, sink);
    }

    /** Lets through the held spans that waited too long for their ancestors' verdict. */
    void releaseOverdue(long now, Consumer<StoredSpan> sink) {
        if (subtrees != null) {
            subtrees.releaseOverdue(now, sink);
        }
    }

    /** Lets every held span through: at shutdown. */
    void releaseHeld(Consumer<StoredSpan> sink) {
        if (subtrees != null) {
            subtrees.releaseAll(sink);
        }
    }

    /** @return nanoseconds until a held span is due for release, {@link Long#MAX_VALUE} when none is held */
    long nanosToNextRelease(long now) {
        return subtrees == null ? Long.MAX_VALUE : subtrees.nanosToNextRelease(now);
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

    /** Counts spans converted and not stored, because the thread storing them stopped; told once. */
    void rejectUnstored(int spans, String why) {
        if (spans > 0 && rejected.getAndAdd(spans) == 0) {
            logger.warn("Could not store {} spans: {}", spans, why);
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

    /** @return spans left out by the exclusions: excluded themselves, or inside an excluded span */
    long excludedCount() {
        return subtrees == null ? 0 : subtrees.excludedCount();
    }

    /** @return spans stored before their ancestors' exclusion was decided: they waited too long, or at shutdown */
    long releasedUndecidedCount() {
        return subtrees == null ? 0 : subtrees.releasedUndecidedCount();
    }

    long truncatedValueCount() {
        return sanitizer.truncatedValueCount();
    }

    long droppedAttributeCount() {
        return sanitizer.droppedAttributeCount();
    }
}
