package dev.tracestore.benchmarks.workload;

import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Drives real OpenTelemetry SDK spans from workload spans: one {@link SdkTracerProvider} per service (its
 * resource), the workload's IDs, parent, name, kind, attributes, timestamps and status. Use it to feed a
 * processor's {@code onEnd} with genuine {@link ReadableSpan}s, or to time {@code span.end()} through a provider.
 * Single-threaded.
 *
 * <pre>{@code
 * try (SdkSpans sdk = new SdkSpans(processor)) {
 *     Span span = sdk.start(storedSpan);   // started, not ended
 *     span.end();                          // runs the processor's onEnd
 * }
 * }</pre>
 */
public final class SdkSpans implements AutoCloseable {

    private final PresetIdGenerator ids = new PresetIdGenerator();
    private final List<SdkTracerProvider> providers = new ArrayList<>();
    private final List<Tracer> tracers = new ArrayList<>();

    /** @param processors the processors every provider runs; none to make spans that go nowhere */
    public SdkSpans(SpanProcessor... processors) {
        for (int service = 0; service < Vocabulary.SERVICES.size(); service++) {
            SdkTracerProvider provider = SdkTracerProvider.builder()
                    .setResource(Vocabulary.resource(service))
                    .setIdGenerator(ids)
                    .addSpanProcessor(SpanProcessor.composite(processors))
                    .build();
            providers.add(provider);
            tracers.add(provider.tracerBuilder(Vocabulary.scope().getName())
                    .setInstrumentationVersion(Vocabulary.scope().getVersion())
                    .build());
        }
    }

    /**
     * Makes ended spans that went through no processor, for calling a processor's {@code onEnd} directly.
     *
     * @param spans workload spans
     * @return the equivalent ended SDK spans
     */
    public static List<ReadableSpan> ended(List<StoredSpan> spans) {
        try (SdkSpans sdk = new SdkSpans()) {
            List<ReadableSpan> ended = new ArrayList<>(spans.size());
            for (StoredSpan span : spans) {
                Span started = sdk.start(span);
                started.end(span.endEpochNanos(), TimeUnit.NANOSECONDS);
                ended.add((ReadableSpan) started);
            }
            return ended;
        }
    }

    /**
     * Starts an SDK span equal to {@code span} but not yet ended.
     *
     * @param span a workload span
     * @return the started span; end it to run the processors
     */
    public Span start(StoredSpan span) {
        Context parent = Context.root();
        if (!span.isRoot()) {
            parent = parent.with(Span.wrap(SpanContext.create(span.traceId(), span.parentSpanId(),
                    TraceFlags.getSampled(), TraceState.getDefault())));
        }
        ids.next(span.traceId(), span.spanId());
        Span started = tracers.get(Vocabulary.SERVICES.indexOf(span.serviceName()))
                .spanBuilder(span.name())
                .setParent(parent)
                .setSpanKind(span.kind())
                .setStartTimestamp(span.startEpochNanos(), TimeUnit.NANOSECONDS)
                .setAllAttributes(span.attributes())
                .startSpan();
        if (span.statusCode() != StatusCode.UNSET) {
            started.setStatus(span.statusCode(), span.statusMessage());
        }
        return started;
    }

    /** Shuts the providers down, and with them the processors. */
    @Override
    public void close() {
        providers.forEach(SdkTracerProvider::close);
    }
}
