package com.example.shop;

import io.micrometer.tracing.Tracer;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A plain Boot web app: nothing in it knows about trace-store, which comes with the starter alone. */
@SpringBootApplication
public class ShopApplication {

    public static void main(String[] args) {
        SpringApplication.run(ShopApplication.class, args);
    }

    @RestController
    static class ProductController {

        private final Tracer tracer;

        ProductController(Tracer tracer) {
            this.tracer = tracer;
        }

        /** Answers with the request's trace ID, the way an app would put it in a log line or an error page. */
        @GetMapping("/products/{id}")
        String product(@PathVariable String id) {
            return tracer.currentSpan().context().traceId();
        }
    }
}
