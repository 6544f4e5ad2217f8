package dev.tracestore.core.otel;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Random traces through a real {@link SdkTracerProvider}: every attribute type with edge values (empty and long
 * strings, escapes, non-Latin text, extreme longs, non-finite doubles, arrays), keys and URLs the default redaction
 * masks, events, links, several scopes (with and without version and schema URL) and resources.
 */
final class RandomSdkSpans {

    private static final String[] NAMES = {"GET /orders/{id}", "SELECT orders", "publish", "q\u00fcery \"x\"", "",
            "\u65e5\u672c"};
    private static final String[] KEYS = {"http.route", "db.statement", "password", "url.full", "http.target",
            "thread.name", "x\ty", "\u00e9t\u00e9"};
    private static final SpanKind[] KINDS = SpanKind.values();

    private final Random random;

    RandomSdkSpans(Random random) {
        this.random = random;
    }

    /** Records {@code traces} random traces through {@code processor}, then shuts the provider (and it) down. */
    void record(SpanProcessor processor, int traces) {
        Resource resource = Resource.create(Attributes.builder()
                .put("service.name", random.nextBoolean() ? "orders" : "billing")
                .put(AttributeKey.longKey("pid"), random.nextInt(1000))
                .build(), random.nextBoolean() ? null : "https://opentelemetry.io/schemas/1.26.0");
        SdkTracerProvider provider = SdkTracerProvider.builder().setResource(resource)
                .addSpanProcessor(processor).build();
        List<Tracer> tracers = List.of(provider.get("plain"),
                provider.tracerBuilder("versioned").setInstrumentationVersion("1.2.3").build(),
                provider.tracerBuilder("schema").setSchemaUrl("https://example.com/s").setInstrumentationVersion("9")
                        .build());
        List<SpanContext> earlier = new ArrayList<>();
        long time = 1_732_000_000_123_456_789L + random.nextInt(1_000_000);
        for (int t = 0; t < traces; t++) {
            Tracer tracer = tracers.get(random.nextInt(tracers.size()));
            time += random.nextInt(5_000_000);
            Span root = start(tracer.spanBuilder(pick(NAMES)).setNoParent(), time, earlier);
            earlier.add(root.getSpanContext());
            int children = random.nextInt(4);
            for (int c = 0; c < children; c++) {
                Span child = start(tracer.spanBuilder(pick(NAMES)).setParent(Context.root().with(root)),
                        time + c + 1, earlier);
                child.end(time + c + 1 + random.nextInt(1000), TimeUnit.NANOSECONDS);
            }
            root.end(time + 10_000 + random.nextInt(1_000_000), TimeUnit.NANOSECONDS);
        }
        provider.shutdown().join(30, TimeUnit.SECONDS);
    }

    private Span start(SpanBuilder builder, long time, List<SpanContext> earlier) {
        builder.setSpanKind(pick(KINDS)).setStartTimestamp(time, TimeUnit.NANOSECONDS).setAllAttributes(attributes());
        if (!earlier.isEmpty() && random.nextInt(5) == 0) {
            builder.addLink(earlier.get(random.nextInt(earlier.size())), attributes());
        }
        Span span = builder.startSpan();
        for (int e = random.nextInt(3); e > 0; e--) {
            span.addEvent(random.nextBoolean() ? "exception" : "retry \u2192", attributes(), time + random.nextInt(500),
                    TimeUnit.NANOSECONDS);
        }
        int status = random.nextInt(4);
        if (status == 1) {
            span.setStatus(StatusCode.OK);
        } else if (status == 2) {
            span.setStatus(StatusCode.ERROR, random.nextBoolean() ? "" : "timeout after " + random.nextInt(100) + " ms");
        }
        return span;
    }

    private Attributes attributes() {
        AttributesBuilder builder = Attributes.builder();
        for (int i = random.nextInt(6); i > 0; i--) {
            String key = random.nextInt(3) == 0 ? "k" + random.nextInt(50) : pick(KEYS);
            switch (random.nextInt(8)) {
                case 0 -> builder.put(AttributeKey.booleanKey(key), random.nextBoolean());
                case 1 -> builder.put(AttributeKey.longKey(key), longValue());
                case 2 -> builder.put(AttributeKey.doubleKey(key), doubleValue());
                case 3 -> builder.put(AttributeKey.stringArrayKey(key), List.of(string(), string()));
                case 4 -> builder.put(AttributeKey.longArrayKey(key), List.of(longValue(), longValue()));
                case 5 -> builder.put(AttributeKey.doubleArrayKey(key), List.of(doubleValue()));
                case 6 -> builder.put(AttributeKey.booleanArrayKey(key), List.of(random.nextBoolean()));
                default -> builder.put(AttributeKey.stringKey(key), string());
            }
        }
        return builder.build();
    }

    private String string() {
        return switch (random.nextInt(8)) {
            case 0 -> "";
            case 1 -> "https://user:secret@example.com/orders?id=" + random.nextInt(100) + "&token=abc";
            case 2 -> "x".repeat(50 + random.nextInt(200)); // beyond a small max-attribute-length
            case 3 -> "line\nbreak \"quoted\" \\ back\u0001slash";
            case 4 -> "gr\u00fc\u00df \u4e16\u754c \ud83d\ude00";
            default -> "v" + random.nextInt(random.nextBoolean() ? 10 : 100_000);
        };
    }

    private long longValue() {
        return switch (random.nextInt(4)) {
            case 0 -> Long.MIN_VALUE;
            case 1 -> Long.MAX_VALUE;
            default -> random.nextInt(2000) - 1000;
        };
    }

    private double doubleValue() {
        return switch (random.nextInt(6)) {
            case 0 -> Double.NaN;
            case 1 -> Double.NEGATIVE_INFINITY;
            case 2 -> -0.0;
            case 3 -> Double.MIN_VALUE;
            default -> random.nextDouble() * 1000;
        };
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }
}
