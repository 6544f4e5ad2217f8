package dev.tracestore.it.otelstarter;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A web app traced by the OpenTelemetry Spring Boot starter alone: no Micrometer Tracing, no Boot tracer. */
@SpringBootApplication
class StarterApplication {

    @RestController
    static class OrderController {

        private final Tracer tracer;

        OrderController(OpenTelemetry openTelemetry) {
            this.tracer = openTelemetry.getTracer("orders");
        }

        /** Answers the request's trace ID, after a child span made with the starter's OpenTelemetry bean. */
        @GetMapping("/orders/{id}")
        String order(@PathVariable String id) {
            Span lookup = tracer.spanBuilder("order.find").setAttribute("order.id", id).startSpan();
            lookup.end();
            return Span.current().getSpanContext().getTraceId();
        }
    }
}
