package dev.tracestore.benchmarks.harness;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the spans a {@link SpanExporter} was handed, since the SDK's batch processor does not expose its drops:
 * what was offered minus what was exported is what it dropped.
 *
 * <pre>{@code
 * CountingExporter counting = new CountingExporter(OtlpStdoutSpanExporter.builder().setOutput(out).build());
 * BatchSpanProcessor.builder(counting).build();
 * }</pre>
 */
final class CountingExporter implements SpanExporter {

    private final SpanExporter delegate;
    private final AtomicLong exported = new AtomicLong();

    CountingExporter(SpanExporter delegate) {
        this.delegate = delegate;
    }

    long exported() {
        return exported.get();
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        exported.addAndGet(spans.size());
        return delegate.export(spans);
    }

    @Override
    public CompletableResultCode flush() {
        return delegate.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
        return delegate.shutdown();
    }
}
