package dev.tracestore.it.boot41;

import io.micrometer.tracing.Tracer;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A default Spring MVC app on Boot 4.1: no convention bean of its own, only what its properties select. */
@SpringBootApplication
class ProductsApplication {

    @RestController
    static class ProductController {

        private final Tracer tracer;

        ProductController(Tracer tracer) {
            this.tracer = tracer;
        }

        /** Answers the request's trace ID. */
        @GetMapping("/products/{id}")
        String product(@PathVariable String id) {
            return tracer.currentSpan().context().traceId();
        }

        /** Fails the way an unhandled bug does: Boot answers 500. */
        @GetMapping("/products/{id}/fail")
        String fail(@PathVariable String id) {
            throw new IllegalStateException("product " + id + " is broken");
        }
    }
}
