package dev.tracestore.autoconfigure;

import dev.tracestore.core.model.SpanEvent;
import dev.tracestore.core.model.SpanLink;
import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;

import java.util.List;

/** Spans with every field set, for the endpoint tests. */
final class TestSpans {

    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String ROOT_ID = "00f067aa0ba902b7";
    static final String CHILD_ID = "00f067aa0ba902b8";
    static final long START = 1_735_725_600_123_456_789L;

    private TestSpans() {
    }

    static StoredSpan root() {
        return StoredSpan.builder()
                .traceId(TRACE_ID).spanId(ROOT_ID).name("GET /orders/{id}").kind(SpanKind.SERVER)
                .startEpochNanos(START).endEpochNanos(START + 5_000_001)
                .status(StatusCode.ERROR, "boom")
                .attributes(Attributes.builder()
                        .put("http.route", "/orders/{id}")
                        .put("http.response.status_code", 500L)
                        .put("retry", false)
                        .put("load", 0.5)
                        .put(AttributeKey.stringArrayKey("tags"), List.of("a", "b"))
                        .put(AttributeKey.longArrayKey("sizes"), List.of(1L, 2L))
                        .build())
                .events(List.of(new SpanEvent("exception", START + 1,
                        Attributes.of(AttributeKey.stringKey("exception.type"), "java.lang.IllegalStateException"))))
                .links(List.of(new SpanLink("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
                        Attributes.of(AttributeKey.stringKey("link.kind"), "retry"))))
                .resource(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "orders")))
                .scope(InstrumentationScopeInfo.builder("org.springframework.boot").setVersion("4.0.7").build())
                .build();
    }

    static StoredSpan child() {
        return StoredSpan.builder()
                .traceId(TRACE_ID).spanId(CHILD_ID).parentSpanId(ROOT_ID).name("inventory.check")
                .startEpochNanos(START + 1_000).endEpochNanos(START + 2_000)
                .build();
    }
}
