package dev.tracestore.cli;

import dev.tracestore.core.model.SpanEvent;
import dev.tracestore.core.model.SpanLink;
import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins the CLI's JSON of a span to the letter: the field names and order of the endpoint's answers, every attribute
 * type, the times as {@link java.time.Instant#toString()} writes them, {@code "version": null} for a scope without
 * one (the endpoint leaves it out), and control characters escaped for the terminal.
 */
class JsonOutputTest {

    @Test
    void writesEveryFieldOfASpanAsTheEndpointNamesIt() {
        StoredSpan full = TestSpans.span("2000000000000002", "2000000000000001", "charge card", SpanKind.INTERNAL,
                        TestSpans.service("payments"), 40_000, 85_000)
                .status(StatusCode.ERROR, "card declined")
                .attributes(Attributes.builder().put("text", "naïve \"quoted\" \u001b[31m")
                        .put("count", 42L).put("ratio", 0.5).put("nan", Double.NaN).put("ok", true)
                        .put(AttributeKey.stringArrayKey("tags"), List.of("a", "b"))
                        .put(AttributeKey.longArrayKey("sizes"), List.of(1L, 2L))
                        .put(AttributeKey.doubleArrayKey("weights"), List.of(0.1, Double.NEGATIVE_INFINITY))
                        .put(AttributeKey.booleanArrayKey("flags"), List.of(true, false)).build())
                .links(List.of(new SpanLink("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
                        Attributes.of(AttributeKey.stringKey("link.kind"), "retry"))))
                .events(List.of(new SpanEvent("exception", TestSpans.START_NANOS + 84_000_123L,
                        Attributes.of(AttributeKey.stringKey("exception.type"), "dev.shop.PaymentDeclinedException"))))
                .endEpochNanos(TestSpans.START_NANOS + 85_000_001L)
                .build();
        StoredSpan unversioned = TestSpans.span("00f067aa0ba902b7", "", "GET /", SpanKind.SERVER,
                TestSpans.service("shop"), 0, 1_000).scope(InstrumentationScopeInfo.create("no.version")).build();
        StringWriter text = new StringWriter();

        new JsonOutput(new PrintWriter(text, true)).spanLines(List.of(full, unversioned));

        assertThat(text.toString().lines()).containsExactly(
                "{\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"spanId\":\"2000000000000002\","
                        + "\"parentSpanId\":\"2000000000000001\",\"name\":\"charge card\",\"kind\":\"INTERNAL\","
                        + "\"service\":\"payments\",\"startTime\":\"2026-01-05T10:00:00.040Z\","
                        + "\"endTime\":\"2026-01-05T10:00:00.085000001Z\",\"durationNanos\":45000001,"
                        + "\"status\":{\"code\":\"ERROR\",\"message\":\"card declined\"},"
                        + "\"attributes\":{\"count\":42,\"flags\":[true,false],\"nan\":\"NaN\",\"ok\":true,"
                        + "\"ratio\":0.5,\"sizes\":[1,2],\"tags\":[\"a\",\"b\"],"
                        + "\"text\":\"naïve \\\"quoted\\\" \\u001B[31m\",\"weights\":[0.1,\"-Infinity\"]},"
                        + "\"events\":[{\"name\":\"exception\",\"time\":\"2026-01-05T10:00:00.084000123Z\","
                        + "\"attributes\":{\"exception.type\":\"dev.shop.PaymentDeclinedException\"}}],"
                        + "\"links\":[{\"traceId\":\"0af7651916cd43dd8448eb211c80319c\","
                        + "\"spanId\":\"b7ad6b7169203331\",\"attributes\":{\"link.kind\":\"retry\"}}],"
                        + "\"resource\":{\"service.name\":\"payments\"},"
                        + "\"scope\":{\"name\":\"org.springframework.boot\",\"version\":\"4.0.7\"}}",
                "{\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"spanId\":\"00f067aa0ba902b7\","
                        + "\"parentSpanId\":\"\",\"name\":\"GET /\",\"kind\":\"SERVER\",\"service\":\"shop\","
                        + "\"startTime\":\"2026-01-05T10:00:00Z\",\"endTime\":\"2026-01-05T10:00:00.001Z\","
                        + "\"durationNanos\":1000000,\"status\":{\"code\":\"UNSET\",\"message\":\"\"},"
                        + "\"attributes\":{},\"events\":[],\"links\":[],\"resource\":{\"service.name\":\"shop\"},"
                        + "\"scope\":{\"name\":\"no.version\",\"version\":null}}");
    }
}
