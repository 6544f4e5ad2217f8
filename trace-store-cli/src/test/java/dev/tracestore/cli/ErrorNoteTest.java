package dev.tracestore.cli;

import dev.tracestore.core.model.SpanEvent;
import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The ERROR column and the waterfall's error line name each error once, as a default Boot app records it. */
class ErrorNoteTest {

    @Test
    void micrometersSimpleNameBesideTheEventsQualifiedNameIsOneError() {
        // a default Boot 4.0 app: exception=<simple name> on the server span, the exception event's qualified name
        StoredSpan span = TestSpans.span("00f067aa0ba902b7", "", "http get /orders/{id}/fail", SpanKind.SERVER,
                        TestSpans.service("shop"), 0, 1_000)
                .status(StatusCode.ERROR, "card declined")
                .attributes(Attributes.builder().put("exception", "PaymentDeclinedException")
                        .put("outcome", "SERVER_ERROR").put("status", "500").build())
                .events(List.of(new SpanEvent("exception", TestSpans.START_NANOS, Attributes.of(
                        AttributeKey.stringKey("exception.type"), "dev.shop.PaymentDeclinedException"))))
                .build();

        assertThat(ErrorNote.of(span)).isEqualTo("dev.shop.PaymentDeclinedException: card declined");
    }

    @Test
    void differentErrorsAreAllNamed() {
        StoredSpan span = TestSpans.span("00f067aa0ba902b7", "", "GET /orders/{id}", SpanKind.SERVER,
                        TestSpans.service("shop"), 0, 1_000)
                .attributes(Attributes.of(AttributeKey.stringKey("error.type"), "java.net.SocketTimeoutException"))
                .events(List.of(new SpanEvent("exception", TestSpans.START_NANOS, Attributes.of(
                        AttributeKey.stringKey("exception.type"), "java.io.IOException"))))
                .build();

        assertThat(ErrorNote.of(span)).isEqualTo("java.net.SocketTimeoutException, java.io.IOException");
    }
}
