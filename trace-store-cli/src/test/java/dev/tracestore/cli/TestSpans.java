package dev.tracestore.cli;

import dev.tracestore.core.log.SpanLog;
import dev.tracestore.core.model.SpanEvent;
import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Spans with fixed IDs and times, and a way to write them as the starter does. */
final class TestSpans {

    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final Instant START = Instant.parse("2026-01-05T10:00:00Z");
    static final long START_NANOS = START.getEpochSecond() * 1_000_000_000L;
    static final InstrumentationScopeInfo SCOPE = InstrumentationScopeInfo.builder("org.springframework.boot")
            .setVersion("4.0.7").build();

    private TestSpans() {
    }

    /**
     * A checkout that fails: the payment is declined three levels down, and the receipt is sent by a span whose
     * parent is not stored.
     */
    static List<StoredSpan> checkout() {
        Resource shop = service("shop");
        Resource payments = service("payments");
        return List.of(
                span("00f067aa0ba902b7", "", "GET /orders/{id}", SpanKind.SERVER, shop, 0, 120_000)
                        .attributes(Attributes.builder().put("http.route", "/orders/{id}")
                                .put("http.response.status_code", 402L)
                                .put("error.type", "dev.shop.PaymentDeclinedException").build())
                        .build(),
                span("1000000000000001", "00f067aa0ba902b7", "SELECT shop.orders", SpanKind.CLIENT, shop, 5_000, 25_500)
                        .attributes(Attributes.of(AttributeKey.stringKey("db.system"), "postgresql"))
                        .build(),
                span("1000000000000002", "00f067aa0ba902b7", "cache lookup", SpanKind.INTERNAL, shop, 26_000, 26_000)
                        .build(),
                span("1000000000000003", "00f067aa0ba902b7", "POST /payments", SpanKind.CLIENT, shop, 30_000, 90_000)
                        .status(StatusCode.ERROR, "402 Payment Required")
                        .build(),
                span("2000000000000001", "1000000000000003", "POST /payments", SpanKind.SERVER, payments, 32_000, 88_000)
                        .status(StatusCode.ERROR, "")
                        .attributes(Attributes.of(AttributeKey.stringKey("error.type"), "dev.shop.PaymentDeclinedException"))
                        .build(),
                span("2000000000000002", "2000000000000001", "charge card", SpanKind.INTERNAL, payments, 40_000, 85_000)
                        .status(StatusCode.ERROR, "card declined")
                        .attributes(Attributes.builder().put("payment.provider", "acme-pay")
                                .put(AttributeKey.stringArrayKey("card.checks"), List.of("cvc", "3ds")).build())
                        .events(List.of(new SpanEvent("exception", START_NANOS + 85_000_000L, Attributes.of(
                                AttributeKey.stringKey("exception.type"), "dev.shop.PaymentDeclinedException",
                                AttributeKey.stringKey("exception.message"), "card declined"))))
                        .build(),
                span("3000000000000001", "3000000000000000", "send receipt", SpanKind.PRODUCER, service("notifier"),
                        100_000, 118_000)
                        .build());
    }

    /**
     * @param micros the start and end in microseconds after {@link #START}
     * @return a span of trace {@link #TRACE_ID}
     */
    static StoredSpan.Builder span(String spanId, String parentSpanId, String name, SpanKind kind, Resource resource,
            long startMicros, long endMicros) {
        return StoredSpan.builder().traceId(TRACE_ID).spanId(spanId).parentSpanId(parentSpanId).name(name).kind(kind)
                .resource(resource).scope(SCOPE)
                .startEpochNanos(START_NANOS + startMicros * 1_000L).endEpochNanos(START_NANOS + endMicros * 1_000L);
    }

    static Resource service(String name) {
        return Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), name));
    }

    /** Appends the spans to {@code directory/spans.jsonl}, one line per batch, as the starter's writer does. */
    static void write(Path directory, List<StoredSpan> spans) {
        try (SpanLog log = SpanLog.open(directory)) {
            log.append(spans);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
