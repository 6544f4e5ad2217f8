package dev.tracestore.core.analysis;

import dev.tracestore.core.model.SpanEvent;
import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.resources.Resource;

import java.util.List;
import java.util.Random;

import static dev.tracestore.core.testing.TestSpans.spanId;
import static dev.tracestore.core.testing.TestSpans.traceId;

/** Random spans for the analysis tests: services, names, kinds, routes under both conventions, failures. */
final class AnalysisSpans {

    static final long BASE = 1_700_000_000_000_000_000L;
    static final String[] SERVICES = {"shop", "orders", "payments"};
    static final String[] NAMES = {"GET /a", "GET /b", "POST /c", "db", "http get /b"};
    static final String[] ROUTES = {"/a", "/b/{id}", "/c"};
    static final String[] ERRORS = {"java.io.IOException", "TimeoutException", "com.example.PaymentDeclinedException"};

    private AnalysisSpans() {
    }

    static Resource service(String name) {
        return Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), name));
    }

    /** A span with random kind, duration (0 to about 10 s, log-spread), route convention and failure. */
    static StoredSpan random(Random random, long trace, long id, long parent, long start) {
        AttributesBuilder attributes = Attributes.builder();
        switch (random.nextInt(4)) {
            case 0 -> attributes.put("http.route", ROUTES[random.nextInt(ROUTES.length)]);
            case 1 -> attributes.put("uri", ROUTES[random.nextInt(ROUTES.length)]);
            case 2 -> attributes.put("uri", "none");
            default -> { }
        }
        StatusCode status = StatusCode.UNSET;
        List<SpanEvent> events = List.of();
        switch (random.nextInt(8)) {
            case 0 -> status = StatusCode.ERROR;
            case 1 -> attributes.put("error.type", ERRORS[random.nextInt(ERRORS.length)]);
            case 2 -> attributes.put("exception", "PaymentDeclinedException");
            case 3 -> attributes.put("outcome", "SERVER_ERROR");
            case 4 -> events = List.of(new SpanEvent("exception", start + 1, Attributes.of(
                    AttributeKey.stringKey("exception.type"), ERRORS[random.nextInt(ERRORS.length)])));
            default -> attributes.put("exception", "none");
        }
        long duration = random.nextInt(10) == 0 ? random.nextInt(3000)
                : (long) Math.exp(random.nextDouble() * Math.log(10_000_000_000.0));
        SpanKind[] kinds = SpanKind.values();
        return StoredSpan.builder()
                .traceId(traceId(trace))
                .spanId(spanId(id))
                .parentSpanId(parent < 0 ? "" : spanId(parent))
                .name(NAMES[random.nextInt(NAMES.length)])
                .kind(kinds[random.nextInt(kinds.length)])
                .startEpochNanos(start)
                .endEpochNanos(start + duration)
                .status(status, "")
                .attributes(attributes.build())
                .events(events)
                .resource(service(SERVICES[random.nextInt(SERVICES.length)]))
                .build();
    }
}
