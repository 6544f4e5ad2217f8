package dev.tracestore.autoconfigure;

import dev.tracestore.core.log.SpanLog;
import dev.tracestore.core.otel.FileBasedSpanProcessor;
import dev.tracestore.core.store.SpanStore;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The meters of trace-store, read from a {@link FileBasedSpanProcessor} and its {@link SpanStore} when a registry
 * asks (nothing is counted twice, nothing costs the application's threads):
 * <ul>
 * <li>{@code tracestore.spans.stored} (gauge): spans in the store now;</li>
 * <li>{@code tracestore.spans.evicted}: spans evicted from the store (max-spans, max-age), and spans that ended
 * during the reload and were pushed out by newer ones before they could be stored;</li>
 * <li>{@code tracestore.spans.dropped}: spans dropped, neither stored nor written, because the queue was full
 * (or they ended after the shutdown);</li>
 * <li>{@code tracestore.spans.failed}: spans whose file write failed with an I/O error;</li>
 * <li>{@code tracestore.spans.rejected}: spans that could not be converted or stored;</li>
 * <li>{@code tracestore.attributes.truncated}: string attribute values cut to {@code max-attribute-length};</li>
 * <li>{@code tracestore.attributes.dropped}: attributes left out beyond {@code max-attributes} or the SDK's span
 * limits;</li>
 * <li>{@code tracestore.spans.written}: spans appended to the span files;</li>
 * <li>{@code tracestore.bytes.written}: bytes appended to the span files;</li>
 * <li>{@code tracestore.writes} (function timer): batch appends to the span files and the time they took;</li>
 * <li>{@code tracestore.files} (gauge): span files in the directory.</li>
 * </ul>
 *
 * <pre>{@code
 * new TraceStoreMetrics(processor).bindTo(meterRegistry);
 * double stored = meterRegistry.get("tracestore.spans.stored").gauge().value();
 * }</pre>
 */
public final class TraceStoreMetrics implements MeterBinder {

    private final FileBasedSpanProcessor processor;

    /** @param processor the processor to read; its {@link FileBasedSpanProcessor#store()} gives the store meters */
    public TraceStoreMetrics(FileBasedSpanProcessor processor) {
        this.processor = Objects.requireNonNull(processor, "processor must not be null");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        SpanStore store = processor.store();
        Gauge.builder("tracestore.spans.stored", store, SpanStore::size)
                .description("Spans in the trace store now").baseUnit("spans").register(registry);
        counter(registry, "tracestore.spans.evicted", processor, TraceStoreMetrics::evictedCount, "spans",
                "Spans evicted from the trace store (max-spans, max-age)");
        counter(registry, "tracestore.spans.dropped", processor, FileBasedSpanProcessor::droppedSpanCount, "spans",
                "Spans neither stored nor written: the queue was full, or they ended after shutdown");
        counter(registry, "tracestore.spans.failed", processor, FileBasedSpanProcessor::failedSpanCount, "spans",
                "Spans whose write to the span files failed");
        counter(registry, "tracestore.spans.rejected", processor, FileBasedSpanProcessor::rejectedSpanCount,
                "spans", "Spans that could not be converted or stored");
        counter(registry, "tracestore.spans.excluded", processor, FileBasedSpanProcessor::excludedSpanCount,
                "spans", "Spans left out by tracestore.exclude: matching ones and the spans inside them");
        counter(registry, "tracestore.spans.undecided", processor, FileBasedSpanProcessor::undecidedExclusionCount,
                "spans", "Spans inside a local span stored before its exclusion was known (waited 30 s, too many "
                        + "waiting, or shutdown)");
        counter(registry, "tracestore.attributes.truncated", processor,
                FileBasedSpanProcessor::truncatedAttributeValueCount, "values",
                "String attribute values cut to tracestore.max-attribute-length");
        counter(registry, "tracestore.attributes.dropped", processor, FileBasedSpanProcessor::droppedAttributeCount,
                "attributes", "Attributes left out beyond tracestore.max-attributes or the SDK's span limits");
        counter(registry, "tracestore.spans.written", processor, FileBasedSpanProcessor::writtenSpanCount, "spans",
                "Spans appended to the span files");
        counter(registry, "tracestore.bytes.written", processor, FileBasedSpanProcessor::writtenByteCount,
                BaseUnits.BYTES, "Bytes appended to the span files");
        FunctionTimer.builder("tracestore.writes", processor, FileBasedSpanProcessor::batchWriteCount,
                        FileBasedSpanProcessor::batchWriteNanos, TimeUnit.NANOSECONDS)
                .description("Batches of spans appended to the span files, and the time the appends took")
                .register(registry);
        Gauge.builder("tracestore.files", processor, TraceStoreMetrics::spanFileCount)
                .description("Span files in the trace store's directory").baseUnit(BaseUnits.FILES)
                .register(registry);
    }

    private static <T> void counter(MeterRegistry registry, String name, T source, ToDoubleFunction<T> count,
            String baseUnit, String description) {
        FunctionCounter.builder(name, source, count).description(description).baseUnit(baseUnit).register(registry);
    }

    /** Evicted by the store, or before they reached it while a reload held them back: either way, by max-spans. */
    static long evictedCount(FileBasedSpanProcessor processor) {
        return processor.store().evictedCount() + processor.evictedWhileReloadingCount();
    }

    private static double spanFileCount(FileBasedSpanProcessor processor) {
        Optional<Path> directory = processor.directory();
        if (directory.isEmpty()) {
            return 0;
        }
        try {
            return SpanLog.spanFiles(directory.get()).size();
        } catch (IOException e) {
            // Unknown, not zero: the directory could not be listed (its write errors are counted as failed spans).
            return Double.NaN;
        }
    }
}
