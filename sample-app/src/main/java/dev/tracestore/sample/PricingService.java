package dev.tracestore.sample;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.springframework.stereotype.Service;

/** Prices an order in a {@code pricing.quote} span made directly with Micrometer's {@link Tracer}. */
@Service
class PricingService {

    private final Tracer tracer;

    PricingService(Tracer tracer) {
        this.tracer = tracer;
    }

    long priceCents(String orderId) {
        Span span = tracer.nextSpan().name("pricing.quote").tag("pricing.currency", "EUR").start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return 1_000L + Math.floorMod(orderId.hashCode(), 9_000);
        } finally {
            span.end();
        }
    }
}
