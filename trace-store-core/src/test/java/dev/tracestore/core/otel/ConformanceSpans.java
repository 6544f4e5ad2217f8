package dev.tracestore.core.otel;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Spans made by a real {@link SdkTracerProvider} that use every field OTLP carries and trace-store keeps: each
 * span kind and status, every attribute type with its edge values (arrays, empty strings, extreme longs,
 * non-finite doubles, characters JSON must escape), events, links, a resource with a schema URL, and two
 * instrumentation scopes, one with version and schema URL (the stable API sets no scope attributes).
 */
final class ConformanceSpans {

    static final Resource RESOURCE = Resource.create(Attributes.builder()
            .put("service.name", "checkout")
            .put("service.instance.id", "c\u00e4sar-1")
            .put(AttributeKey.longKey("host.cpu.count"), 8L)
            .put(AttributeKey.doubleKey("sample.ratio"), 0.25)
            .put(AttributeKey.booleanKey("canary"), true)
            .put(AttributeKey.stringArrayKey("host.ip"), List.of("10.0.0.1", "::1"))
            .build(), "https://opentelemetry.io/schemas/1.26.0");

    /** Starts at an odd nanosecond so that any loss of precision shows. */
    private static final long START = 1_732_000_000_123_456_789L;

    private ConformanceSpans() {
    }

    /**
     * Records the spans through {@code processor}, then shuts the provider down.
     *
     * @return the spans as the SDK made them, in the order they ended
     */
    static List<SpanData> record(SpanProcessor processor) {
        List<SpanData> made = new CopyOnWriteArrayList<>();
        SpanProcessor collector = new SpanProcessor() {
            @Override
            public void onStart(Context parentContext, ReadWriteSpan span) {
            }

            @Override
            public boolean isStartRequired() {
                return false;
            }

            @Override
            public void onEnd(ReadableSpan span) {
                made.add(span.toSpanData());
            }

            @Override
            public boolean isEndRequired() {
                return true;
            }
        };
        SdkTracerProvider provider = SdkTracerProvider.builder().setResource(RESOURCE).addSpanProcessor(collector)
                .addSpanProcessor(processor).build();
        try {
            Tracer described = provider.tracerBuilder("dev.tracestore.conformance").setInstrumentationVersion("1.2.3")
                    .setSchemaUrl("https://opentelemetry.io/schemas/1.24.0")
                    .build();
            Tracer bare = provider.get("bare-scope");
            record(described, bare);
        } finally {
            provider.shutdown().join(10, TimeUnit.SECONDS);
        }
        return made;
    }

    private static void record(Tracer described, Tracer bare) {
        SpanContext elsewhere = SpanContext.create("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
                TraceFlags.getSampled(), TraceState.builder().put("vendor", "x").build());
        Span server = described.spanBuilder("POST /checkout/{cart}").setSpanKind(SpanKind.SERVER)
                .setStartTimestamp(START, TimeUnit.NANOSECONDS)
                .setAttribute("http.request.method", "POST")
                .setAttribute(AttributeKey.longKey("http.response.status_code"), 502L)
                .startSpan();
        try (Scope ignored = server.makeCurrent()) {
            Span client = described.spanBuilder("GET payments").setSpanKind(SpanKind.CLIENT)
                    .setStartTimestamp(START + 1_001, TimeUnit.NANOSECONDS)
                    .addLink(elsewhere, Attributes.builder().put("link.reason", "retry of")
                            .put(AttributeKey.longKey("link.attempt"), 2L).build())
                    .addLink(server.getSpanContext())
                    .startSpan();
            client.setAttribute("text", "quote \" backslash \\ newline \n tab \t nul \u0000 bell \u0007 \u2028 \ud83d\ude00 <b>&amp;");
            client.setAttribute("empty", "");
            client.setAttribute(AttributeKey.booleanKey("yes"), true);
            client.setAttribute(AttributeKey.booleanKey("no"), false);
            client.setAttribute(AttributeKey.longKey("zero"), 0L);
            client.setAttribute(AttributeKey.longKey("max"), Long.MAX_VALUE);
            client.setAttribute(AttributeKey.longKey("min"), Long.MIN_VALUE);
            client.setAttribute(AttributeKey.longKey("negative"), -42L);
            client.setAttribute(AttributeKey.doubleKey("tenth"), 0.1);
            client.setAttribute(AttributeKey.doubleKey("negative.zero"), -0.0);
            client.setAttribute(AttributeKey.doubleKey("huge"), 1e300);
            client.setAttribute(AttributeKey.doubleKey("tiny"), Double.MIN_VALUE);
            client.setAttribute(AttributeKey.doubleKey("nan"), Double.NaN);
            client.setAttribute(AttributeKey.doubleKey("inf"), Double.POSITIVE_INFINITY);
            client.setAttribute(AttributeKey.doubleKey("minus.inf"), Double.NEGATIVE_INFINITY);
            client.setAttribute(AttributeKey.stringArrayKey("strings"), List.of("a", "", "\u00e9\"\\"));
            client.setAttribute(AttributeKey.longArrayKey("longs"), List.of(1L, -2L, Long.MAX_VALUE));
            client.setAttribute(AttributeKey.doubleArrayKey("doubles"), List.of(1.5, Double.NaN, -0.0));
            client.setAttribute(AttributeKey.booleanArrayKey("booleans"), List.of(true, false));
            client.setAttribute(AttributeKey.stringArrayKey("no.strings"), List.of());
            client.addEvent("retry", Attributes.of(AttributeKey.longKey("attempt"), 2L), START + 2_003,
                    TimeUnit.NANOSECONDS);
            client.addEvent("bare", START + 2_004, TimeUnit.NANOSECONDS);
            client.setStatus(StatusCode.OK);
            client.end(START + 5_000_007, TimeUnit.NANOSECONDS);

            for (SpanKind kind : List.of(SpanKind.INTERNAL, SpanKind.PRODUCER, SpanKind.CONSUMER)) {
                bare.spanBuilder("kind " + kind).setSpanKind(kind).setStartTimestamp(START + 7, TimeUnit.NANOSECONDS)
                        .startSpan().end(START + 7, TimeUnit.NANOSECONDS);
            }
        }
        IllegalStateException declined = new IllegalStateException("card \"declined\"\n");
        declined.setStackTrace(new StackTraceElement[0]); // a short exception.stacktrace keeps failures readable
        server.recordException(declined,
                Attributes.of(AttributeKey.booleanKey("exception.escaped"), true));
        server.setStatus(StatusCode.ERROR, "payment provider answered 502");
        server.end(START + 9_999_999_999L, TimeUnit.NANOSECONDS);
    }
}
