package dev.tracestore.core.otel;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;

import java.util.List;
import java.util.Objects;

/**
 * A {@link Sampler} that records what another sampler drops: its {@code DROP} becomes {@code RECORD_ONLY}, every
 * other decision stays. So a {@link FileBasedSpanProcessor} built with {@code captureUnsampled(true)} keeps every
 * span, while exporters (which, like {@code BatchSpanProcessor}, send sampled spans only) and downstream services
 * (the {@code sampled} trace flag is unchanged) see the delegate's sampling as before.
 * <p>
 * The price is that dropped spans are recorded: they collect attributes and events and reach the span processors,
 * where without this wrapper they would have been no-op spans.
 * <p>
 * The spans it records this way carry {@link #RECORDED_ONLY} ({@code tracestore.recorded_only=true}), so that an
 * exporter that also sends unsampled spans (a {@code BatchSpanProcessor} with {@code setExportUnsampledSpans(true)},
 * Spring Boot's {@code management.opentelemetry.tracing.export.include-unsampled=true}) can leave out exactly these
 * with {@link #isRecordedOnly(SpanData)}, and still send the unsampled spans the delegate itself chose to record.
 *
 * <pre>{@code
 * Sampler sampler = RecordingSampler.wrap(Sampler.parentBased(Sampler.traceIdRatioBased(0.1)));
 * SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
 *         .setSampler(sampler)
 *         .addSpanProcessor(FileBasedSpanProcessor.builder(store).captureUnsampled(true).build())
 *         .build();
 * }</pre>
 */
public final class RecordingSampler implements Sampler {

    /** Marks a span recorded only because this sampler turned its delegate's drop into {@code RECORD_ONLY}. */
    public static final AttributeKey<Boolean> RECORDED_ONLY = AttributeKey.booleanKey("tracestore.recorded_only");

    private static final Attributes MARK = Attributes.of(RECORDED_ONLY, true);
    private static final SamplingResult RECORD_ONLY = SamplingResult.create(SamplingDecision.RECORD_ONLY, MARK);

    private final Sampler delegate;

    private RecordingSampler(Sampler delegate) {
        this.delegate = delegate;
    }

    /**
     * @param delegate the sampler that decides which spans are sampled
     * @return a sampler that also records the spans {@code delegate} drops; {@code delegate} itself when it
     *     already is a {@code RecordingSampler}
     */
    public static Sampler wrap(Sampler delegate) {
        Objects.requireNonNull(delegate, "delegate must not be null");
        return delegate instanceof RecordingSampler ? delegate : new RecordingSampler(delegate);
    }

    /**
     * @param span an ended span
     * @return {@code true} when the span exists only because a {@code RecordingSampler} recorded what its delegate
     *     dropped: an exporter should leave it out to send what it would have sent without this sampler
     */
    public static boolean isRecordedOnly(SpanData span) {
        return !span.getSpanContext().isSampled() && Boolean.TRUE.equals(span.getAttributes().get(RECORDED_ONLY));
    }

    @Override
    public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
            Attributes attributes, List<LinkData> parentLinks) {
        SamplingResult result = delegate.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
        if (result.getDecision() != SamplingDecision.DROP) {
            return result;
        }
        // The shared constant carries nothing else to keep, so most drops cost no allocation.
        return result == SamplingResult.drop() ? RECORD_ONLY : new RecordOnly(result,
                result.getAttributes().toBuilder().putAll(MARK).build());
    }

    @Override
    public String getDescription() {
        return "RecordingSampler{" + delegate.getDescription() + "}";
    }

    @Override
    public String toString() {
        return getDescription();
    }

    /** A dropping result turned into {@code RECORD_ONLY}, keeping its trace state and its attributes, marked. */
    private record RecordOnly(SamplingResult dropped, Attributes attributes) implements SamplingResult {
        @Override
        public SamplingDecision getDecision() {
            return SamplingDecision.RECORD_ONLY;
        }

        @Override
        public Attributes getAttributes() {
            return attributes;
        }

        @Override
        public TraceState getUpdatedTraceState(TraceState parentTraceState) {
            return dropped.getUpdatedTraceState(parentTraceState);
        }
    }
}
