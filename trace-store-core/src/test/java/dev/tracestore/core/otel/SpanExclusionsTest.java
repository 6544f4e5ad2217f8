package dev.tracestore.core.otel;

import dev.tracestore.core.store.InMemorySpanStore;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpanExclusionsTest {

    @Test
    void excludesSpansByNameOrPathAttributeAndStoresTheRest() {
        InMemorySpanStore store = new InMemorySpanStore(100);
        FileBasedSpanProcessor processor = FileBasedSpanProcessor.builder(store)
                .exclude(SpanExclusions.of(List.of("/actuator/traces/**", "health *"))).build();
        SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(processor).build();
        try {
            Tracer tracer = provider.get("test");
            tracer.spanBuilder("GET /actuator/traces/{traceId}").setSpanKind(SpanKind.SERVER)
                    .setAttribute("http.route", "/actuator/traces/{traceId}").startSpan().end();
            tracer.spanBuilder("http get /actuator/traces").setAttribute("uri", "/actuator/traces").startSpan().end();
            tracer.spanBuilder("GET").setAttribute("url.path", "/actuator/traces/failures").startSpan().end();
            tracer.spanBuilder("health check").startSpan().end();
            tracer.spanBuilder("GET /actuator/tracesX").setAttribute("http.route", "/actuator/tracesX").startSpan().end();
            tracer.spanBuilder("GET /orders/{id}").setAttribute("http.route", "/orders/{id}").startSpan().end();
            tracer.spanBuilder("health/check").startSpan().end();
        } finally {
            provider.shutdown().join(10, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertThat(store.findSpans(dev.tracestore.core.query.SpanQuery.builder().build()))
                .extracting(span -> span.name())
                .containsExactlyInAnyOrder("GET /actuator/tracesX", "GET /orders/{id}", "health/check");
    }

    @Test
    void refusesBlankPatterns() {
        assertThatThrownBy(() -> SpanExclusions.of(List.of(" "))).hasMessageStartingWith("exclude");
        assertThat(SpanExclusions.of(List.of()).patterns()).isEmpty();
    }
}
