package dev.tracestore.core.otel;

import dev.tracestore.core.store.InMemorySpanStore;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordingSamplerTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    private static SamplingResult decide(Sampler sampler) {
        return sampler.shouldSample(Context.root(), TRACE_ID, "op", SpanKind.INTERNAL, Attributes.empty(), List.of());
    }

    @Test
    void turnsDropIntoRecordOnlyAndKeepsTheOtherDecisions() {
        assertThat(decide(RecordingSampler.wrap(Sampler.alwaysOff())).getDecision())
                .isEqualTo(SamplingDecision.RECORD_ONLY);
        assertThat(decide(RecordingSampler.wrap(Sampler.alwaysOn())).getDecision())
                .isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
        Sampler recordOnly = fixed(SamplingResult.recordOnly());
        assertThat(decide(RecordingSampler.wrap(recordOnly))).isSameAs(SamplingResult.recordOnly());
    }

    @Test
    void keepsTheAttributesAndTraceStateOfADrop() {
        Attributes attributes = Attributes.of(AttributeKey.stringKey("sampler.reason"), "quota");
        SamplingResult drop = new SamplingResult() {
            @Override
            public SamplingDecision getDecision() {
                return SamplingDecision.DROP;
            }

            @Override
            public Attributes getAttributes() {
                return attributes;
            }

            @Override
            public TraceState getUpdatedTraceState(TraceState parentTraceState) {
                return parentTraceState.toBuilder().put("vendor", "seen").build();
            }
        };
        SamplingResult result = decide(RecordingSampler.wrap(fixed(drop)));
        assertThat(result.getDecision()).isEqualTo(SamplingDecision.RECORD_ONLY);
        assertThat(result.getAttributes()).isEqualTo(attributes.toBuilder()
                .put(RecordingSampler.RECORDED_ONLY, true).build());
        assertThat(result.getUpdatedTraceState(TraceState.getDefault()).get("vendor")).isEqualTo("seen");
    }

    @Test
    void marksOnlyTheSpansItRecordsInsteadOfDropping() {
        Sampler ownRecordOnly = fixed(SamplingResult.recordOnly());
        List<Sampler> delegates = List.of(Sampler.alwaysOff(), Sampler.alwaysOn(), ownRecordOnly);
        List<SpanData> spans = new java.util.ArrayList<>();
        for (int i = 0; i < delegates.size(); i++) {
            // Exports every recorded span, as a BatchSpanProcessor with setExportUnsampledSpans(true) does.
            InMemorySpanExporter exporter = InMemorySpanExporter.create();
            SdkTracerProvider provider = SdkTracerProvider.builder()
                    .setSampler(RecordingSampler.wrap(delegates.get(i)))
                    .addSpanProcessor(SimpleSpanProcessor.builder(exporter).setExportUnsampledSpans(true).build())
                    .build();
            provider.get("test").spanBuilder(List.of("dropped", "sampled", "own record-only").get(i)).startSpan().end();
            spans.addAll(exporter.getFinishedSpanItems());
            provider.shutdown().join(10, TimeUnit.SECONDS);
        }
        assertThat(spans).extracting(SpanData::getName).containsExactly("dropped", "sampled", "own record-only");
        assertThat(spans).extracting(RecordingSampler::isRecordedOnly).containsExactly(true, false, false);
        assertThat(spans.get(0).getAttributes().get(RecordingSampler.RECORDED_ONLY)).isTrue();
        assertThat(spans.get(1).getAttributes().get(RecordingSampler.RECORDED_ONLY)).isNull();
    }

    @Test
    void wrapsOnceAndDescribesTheDelegate() {
        Sampler once = RecordingSampler.wrap(Sampler.traceIdRatioBased(0.25));
        assertThat(RecordingSampler.wrap(once)).isSameAs(once);
        assertThat(once.getDescription()).isEqualTo("RecordingSampler{TraceIdRatioBased{0.250000}}");
        assertThatThrownBy(() -> RecordingSampler.wrap(null)).hasMessageContaining("delegate");
    }

    // Both halves on a real SDK: the processor keeps every span, an exporter still gets only the sampled ones, and
    // children of an unsampled parent (which parentBased drops) are recorded too.
    @Test
    void theProcessorSeesEverySpanWhileAnExporterSeesTheSampledOnes() {
        InMemorySpanStore store = new InMemorySpanStore(10_000);
        FileBasedSpanProcessor processor = FileBasedSpanProcessor.builder(store).captureUnsampled(true).build();
        InMemorySpanExporter exporter = InMemorySpanExporter.create();
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setSampler(RecordingSampler.wrap(Sampler.parentBased(Sampler.traceIdRatioBased(0.3))))
                .addSpanProcessor(processor)
                .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                .build();
        try {
            Tracer tracer = provider.get("test");
            int sampledRoots = 0;
            for (int i = 0; i < 200; i++) {
                Span root = tracer.spanBuilder("root").startSpan();
                sampledRoots += root.getSpanContext().isSampled() ? 1 : 0;
                try (Scope ignored = root.makeCurrent()) {
                    tracer.spanBuilder("child").startSpan().end();
                }
                root.end();
            }
            assertThat(processor.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();

            assertThat(store.size()).isEqualTo(400);
            assertThat(sampledRoots).isBetween(1, 199);
            List<SpanData> exported = exporter.getFinishedSpanItems();
            assertThat(exported).hasSize(2 * sampledRoots).allMatch(span -> span.getSpanContext().isSampled());
        } finally {
            provider.shutdown().join(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aProcessorWithoutCaptureUnsampledIgnoresRecordedButUnsampledSpans() {
        InMemorySpanStore store = new InMemorySpanStore(100);
        FileBasedSpanProcessor processor = FileBasedSpanProcessor.builder(store).build();
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setSampler(RecordingSampler.wrap(Sampler.alwaysOff())).addSpanProcessor(processor).build();
        try {
            Span span = provider.get("test").spanBuilder("recorded only").startSpan();
            assertThat(span.isRecording()).isTrue();
            span.end();
            assertThat(processor.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
            assertThat(store.size()).isZero();
        } finally {
            provider.shutdown().join(10, TimeUnit.SECONDS);
        }
    }

    private static Sampler fixed(SamplingResult result) {
        return new Sampler() {
            @Override
            public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
                    Attributes attributes, List<LinkData> parentLinks) {
                return result;
            }

            @Override
            public String getDescription() {
                return "Fixed";
            }
        };
    }
}
