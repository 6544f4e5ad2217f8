package dev.tracestore.autoconfigure;

import dev.tracestore.core.otel.RecordingSampler;
import io.micrometer.tracing.exporter.FinishedSpan;
import io.micrometer.tracing.exporter.SpanExportingPredicate;
import io.micrometer.tracing.otel.bridge.OtelFinishedSpan;

/**
 * Keeps from Spring Boot's span exporters the spans that exist only because {@code tracestore.capture=all} recorded
 * what the sampler dropped ({@link RecordingSampler#isRecordedOnly}). Boot's {@code BatchSpanProcessor} hands
 * unsampled spans to its exporters when {@code management.opentelemetry.tracing.export.include-unsampled=true};
 * without this filter they would then export every request instead of the sampled share. Unsampled spans that the
 * application's own sampler chose to record are still exported, as they would be without trace-store.
 */
final class RecordedOnlySpanFilter implements SpanExportingPredicate {

    @Override
    public boolean isExportable(FinishedSpan span) {
        return !RecordingSampler.isRecordedOnly(OtelFinishedSpan.toOtel(span));
    }
}
