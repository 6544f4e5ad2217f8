package dev.tracestore.core.log;

import dev.tracestore.core.model.SpanEvent;
import dev.tracestore.core.model.SpanLink;
import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;

import java.util.ArrayList;
import java.util.List;

/** Spans for the log tests: one batch that uses every feature of the model, and bulk spans. */
final class TestSpans {

    static final String TRACE_A = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String TRACE_B = "0af7651916cd43dd8448eb211c80319c";
    static final long T0 = 1_700_000_000_123_456_789L;

    static final Resource ORDERS = Resource.create(Attributes.builder()
            .put("service.name", "orders")
            .put("service.instance.id", "i-1")
            .put(AttributeKey.longKey("process.pid"), 4242L)
            .build(), "https://opentelemetry.io/schemas/1.24.0");
    static final Resource BILLING = Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "billing"));

    static final InstrumentationScopeInfo SPRING = InstrumentationScopeInfo.builder("org.springframework.boot")
            .setVersion("4.0.7")
            .setSchemaUrl("https://opentelemetry.io/schemas/1.21.0")
            .setAttributes(Attributes.of(AttributeKey.booleanKey("scope.flag"), true))
            .build();
    static final InstrumentationScopeInfo JDBC = InstrumentationScopeInfo.builder("jdbc").build();

    private TestSpans() {
    }

    /** Every attribute type, events, links, every kind and status, two resources and two scopes. */
    static List<StoredSpan> everything() {
        Attributes allTypes = Attributes.builder()
                .put(AttributeKey.stringKey("http.route"), "/orders/{id}")
                .put(AttributeKey.stringKey("unicode"), "grüße \u2603 \uD83D\uDE00 \"quoted\" \\ \n\t")
                .put(AttributeKey.stringKey("empty"), "")
                .put(AttributeKey.booleanKey("cache.hit"), false)
                .put(AttributeKey.longKey("http.response.status_code"), 42L)
                .put(AttributeKey.longKey("big"), Long.MAX_VALUE)
                .put(AttributeKey.longKey("small"), Long.MIN_VALUE)
                .put(AttributeKey.doubleKey("ratio"), 0.1)
                .put(AttributeKey.doubleKey("tiny"), 4.9E-324)
                .put(AttributeKey.doubleKey("nan"), Double.NaN)
                .put(AttributeKey.doubleKey("inf"), Double.POSITIVE_INFINITY)
                .put(AttributeKey.doubleKey("minus.inf"), Double.NEGATIVE_INFINITY)
                .put(AttributeKey.stringArrayKey("tags"), List.of("a", "b", ""))
                .put(AttributeKey.booleanArrayKey("flags"), List.of(true, false))
                .put(AttributeKey.longArrayKey("ids"), List.of(1L, -2L, 3L))
                .put(AttributeKey.doubleArrayKey("weights"), List.of(1.5, Double.NaN, Double.NEGATIVE_INFINITY))
                .build();
        SpanEvent exception = new SpanEvent("exception", T0 + 500, Attributes.builder()
                .put("exception.type", "java.util.concurrent.TimeoutException")
                .put("exception.message", "timed out")
                .put(AttributeKey.longKey("attempt"), 3L)
                .build());
        SpanEvent plainEvent = new SpanEvent("cache.miss", T0 + 100, Attributes.empty());
        SpanLink link = new SpanLink(TRACE_B, "b7ad6b7169203331", Attributes.of(AttributeKey.stringKey("link.kind"), "follows"));

        List<StoredSpan> spans = new ArrayList<>();
        spans.add(span(TRACE_A, "00f067aa0ba902b7", "", "GET /orders/{id}", SpanKind.SERVER, StatusCode.ERROR, "timeout")
                .attributes(allTypes).events(List.of(plainEvent, exception)).links(List.of(link))
                .resource(ORDERS).scope(SPRING).build());
        spans.add(span(TRACE_A, "53995c3f42cd8ad8", "00f067aa0ba902b7", "SELECT orders", SpanKind.CLIENT, StatusCode.OK, "")
                .resource(ORDERS).scope(JDBC).build());
        spans.add(span(TRACE_B, "b7ad6b7169203331", "", "charge", SpanKind.CONSUMER, StatusCode.UNSET, "")
                .resource(BILLING).scope(SPRING).build());
        spans.add(span(TRACE_A, "1a2b3c4d5e6f7081", "00f067aa0ba902b7", "render", SpanKind.INTERNAL, StatusCode.UNSET, "")
                .resource(ORDERS).scope(SPRING).build());
        spans.add(span(TRACE_B, "c0ffee00c0ffee00", "b7ad6b7169203331", "publish", SpanKind.PRODUCER, StatusCode.OK, "")
                .resource(BILLING).scope(JDBC).build());
        return spans;
    }

    /** {@code count} small spans of one resource, numbered through their span ID and start time. */
    static List<StoredSpan> numbered(int from, int count) {
        List<StoredSpan> spans = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            spans.add(span(TRACE_A, String.format("%016x", i + 1L), "", "op-" + i, SpanKind.INTERNAL, StatusCode.UNSET, "")
                    .startEpochNanos(T0 + i)
                    .endEpochNanos(T0 + i + 1_000)
                    .attributes(Attributes.of(AttributeKey.longKey("i"), (long) i))
                    .resource(ORDERS)
                    .scope(JDBC)
                    .build());
        }
        return spans;
    }

    private static StoredSpan.Builder span(String traceId, String spanId, String parentSpanId, String name,
            SpanKind kind, StatusCode status, String message) {
        return StoredSpan.builder()
                .traceId(traceId)
                .spanId(spanId)
                .parentSpanId(parentSpanId)
                .name(name)
                .kind(kind)
                .startEpochNanos(T0)
                .endEpochNanos(T0 + 1_000_000)
                .status(status, message);
    }
}
