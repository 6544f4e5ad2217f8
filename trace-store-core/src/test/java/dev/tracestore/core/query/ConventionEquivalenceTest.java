package dev.tracestore.core.query;

import dev.tracestore.core.model.SpanEvent;
import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.store.InMemorySpanStore;
import dev.tracestore.core.testing.Seeds;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.resources.Resource;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import static dev.tracestore.core.testing.TestSpans.spanId;
import static dev.tracestore.core.testing.TestSpans.traceId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random HTTP requests, each written three ways (Micrometer's defaults, Spring's OpenTelemetry convention, the
 * OpenTelemetry Java agent) into three stores: every convention-agnostic query, in either vocabulary, must pick the
 * same requests from all three, and each store must answer as the brute-force predicate over its spans. A failure
 * prints the seed; rerun one seed with {@code -Dseed=N}.
 */
class ConventionEquivalenceTest {

    private static final Instant NOW = Instant.ofEpochSecond(1_800_000_000L);
    private static final long BASE = NOW.getEpochSecond() * 1_000_000_000L - 1_000_000_000L;
    private static final String[] ROUTES = {"/orders/{id}", "/orders/{id}/fail", "/**", "/products/{id}"};
    private static final String[] METHODS = {"GET", "POST", "DELETE"};
    private static final int[] CODES = {200, 201, 302, 404, 500, 503};
    private static final String[] EXCEPTIONS = {"com.example.PaymentDeclinedException", "java.io.IOException"};

    /** One request as facts, before a convention names them. */
    private record Request(int n, SpanKind kind, String method, String route, long code, String exception) {
    }

    @Test
    void everyConventionAnswersTheSameQueriesAlike() {
        Seeds.check("ConventionEquivalenceTest", 20, this::runOneSeed);
    }

    private void runOneSeed(long seed) {
        Random random = new Random(seed);
        List<Request> requests = new ArrayList<>();
        int count = 1 + random.nextInt(1_500);
        for (int n = 0; n < count; n++) {
            boolean failed = random.nextInt(5) == 0;
            requests.add(new Request(n, random.nextInt(4) == 0 ? SpanKind.CLIENT : SpanKind.SERVER,
                    METHODS[random.nextInt(METHODS.length)], ROUTES[random.nextInt(ROUTES.length)],
                    failed ? 500 : CODES[random.nextInt(CODES.length)],
                    failed ? EXCEPTIONS[random.nextInt(EXCEPTIONS.length)] : null));
        }
        Map<String, List<StoredSpan>> conventions = new HashMap<>();
        conventions.put("micrometer", requests.stream().map(ConventionEquivalenceTest::micrometer).toList());
        conventions.put("spring-otel", requests.stream().map(ConventionEquivalenceTest::springOpenTelemetry).toList());
        conventions.put("agent", requests.stream().map(ConventionEquivalenceTest::agent).toList());
        Map<String, InMemorySpanStore> stores = new HashMap<>();
        conventions.forEach((name, spans) -> {
            InMemorySpanStore store = InMemorySpanStore.builder().maxSpans(2_000)
                    .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
            spans.forEach(store::add);
            stores.put(name, store);
        });
        for (int q = 0; q < 40; q++) {
            SpanQuery query = QueryParameters.parse(randomQuery(random));
            List<String> expected = null;
            for (String convention : conventions.keySet()) {
                List<String> found = stores.get(convention).findSpans(query).stream().map(StoredSpan::spanId).toList();
                SpanPredicate predicate = SpanPredicate.of(query, NOW);
                List<String> bruteForce = conventions.get(convention).stream().filter(predicate)
                        .sorted(Ordering.NEWEST).limit(query.limit()).map(StoredSpan::spanId).toList();
                assertThat(found).as("%s: %s", convention, query).isEqualTo(bruteForce);
                if (expected == null) {
                    expected = found;
                } else {
                    assertThat(found).as("%s: %s", convention, query).isEqualTo(expected);
                }
            }
        }
    }

    private static Map<String, List<String>> randomQuery(Random random) {
        Map<String, List<String>> parameters = new HashMap<>();
        List<String> attrs = new ArrayList<>();
        String route = ROUTES[random.nextInt(ROUTES.length)];
        String method = METHODS[random.nextInt(METHODS.length)];
        int code = CODES[random.nextInt(CODES.length)];
        for (int i = random.nextInt(3); i > 0; i--) {
            attrs.add(switch (random.nextInt(12)) {
                case 0 -> "http.response.status_code>=" + code;
                case 1 -> "status<" + code;
                case 2 -> "http.response.status_code=" + code;
                case 3 -> "status!=" + code;
                case 4 -> "http.route=" + route;
                case 5 -> "uri=" + route;
                case 6 -> "http.request.method=" + method;
                case 7 -> "method=" + method;
                case 8 -> "url.path=~/orders/.*";
                case 9 -> "http.route=~/orders.*";
                case 10 -> "http.request.method";
                default -> "!http.response.status_code";
            });
        }
        if (!attrs.isEmpty()) {
            parameters.put("attr", attrs);
        }
        switch (random.nextInt(6)) {
            case 0 -> parameters.put("name", List.of(method + " " + route));
            case 1 -> parameters.put("name", List.of("http " + method.toLowerCase(Locale.ROOT) + " " + route));
            case 2 -> parameters.put("name", List.of(random.nextBoolean() ? "GET" : "http post"));
            default -> { }
        }
        if (random.nextInt(4) == 0) {
            parameters.put("failed", List.of("true"));
        }
        if (random.nextInt(4) == 0) {
            String exception = EXCEPTIONS[random.nextInt(EXCEPTIONS.length)];
            parameters.put("errorType", List.of(random.nextBoolean() ? exception
                    : exception.substring(exception.lastIndexOf('.') + 1)));
        }
        if (random.nextInt(4) == 0) {
            parameters.put("kind", List.of(random.nextBoolean() ? "server" : "client"));
        }
        if (attrs.stream().anyMatch(attr -> attr.startsWith("http.route") || attr.startsWith("uri"))) {
            // Micrometer's client spans carry the URI template in uri; OpenTelemetry's have no http.route
            parameters.put("kind", List.of("server"));
        }
        parameters.put("limit", List.of(String.valueOf(1 + random.nextInt(300))));
        return parameters;
    }

    /** Boot's default observation conventions, as a Boot 4.0 app records them. */
    private static StoredSpan micrometer(Request request) {
        boolean server = request.kind() == SpanKind.SERVER;
        String exception = request.exception() == null ? "none"
                : request.exception().substring(request.exception().lastIndexOf('.') + 1);
        AttributesBuilder attributes = Attributes.builder().put("method", request.method())
                .put("status", String.valueOf(request.code())).put("uri", request.route()).put("exception", exception)
                .put("outcome", outcome(request.code()))
                .put("http.url", server ? path(request) : "http://inventory:8080" + path(request));
        if (!server) {
            attributes.put("client.name", "inventory");
        }
        String name = "http " + request.method().toLowerCase(Locale.ROOT) + (server ? " " + request.route() : "");
        return span(request, name, attributes.build());
    }

    /** Spring's OpenTelemetryServerRequestObservationConvention: status codes still as strings. */
    private static StoredSpan springOpenTelemetry(Request request) {
        if (request.kind() == SpanKind.CLIENT) {
            return micrometer(request); // Spring Framework 7.0 has no OpenTelemetry client convention
        }
        Attributes attributes = Attributes.builder().put("http.request.method", request.method())
                .put("http.response.status_code", String.valueOf(request.code())).put("http.route", request.route())
                .put("error.type", request.exception() == null ? "none" : request.exception())
                .put("outcome", outcome(request.code())).put("url.path", path(request)).build();
        return span(request, request.method() + " " + request.route(), attributes);
    }

    /** The OpenTelemetry Java agent: typed numbers, ERROR status on server 5xx, error.type only on failure. */
    private static StoredSpan agent(Request request) {
        boolean server = request.kind() == SpanKind.SERVER;
        AttributesBuilder attributes = Attributes.builder().put("http.request.method", request.method())
                .put("http.response.status_code", request.code());
        if (server) {
            attributes.put("http.route", request.route()).put("url.path", path(request));
        } else {
            attributes.put("url.full", "http://inventory:8080" + path(request)).put("server.address", "inventory");
        }
        if (request.exception() != null) {
            attributes.put("error.type", request.exception());
        } else if (request.code() >= 500) {
            attributes.put("error.type", String.valueOf(request.code()));
        }
        String name = request.method() + (server ? " " + request.route() : "");
        boolean error = request.exception() != null || (request.code() >= 500 && server);
        return span(request, name, attributes.build(), error ? StatusCode.ERROR : StatusCode.UNSET);
    }

    private static StoredSpan span(Request request, String name, Attributes attributes) {
        return span(request, name, attributes, request.exception() != null ? StatusCode.ERROR : StatusCode.UNSET);
    }

    private static StoredSpan span(Request request, String name, Attributes attributes, StatusCode status) {
        long start = BASE + request.n() * 1_000L;
        return StoredSpan.builder().traceId(traceId(request.n())).spanId(spanId(request.n())).name(name)
                .kind(request.kind()).startEpochNanos(start).endEpochNanos(start + 500)
                .status(status, null)
                .attributes(attributes)
                .events(request.exception() == null ? List.of() : List.of(new SpanEvent("exception", start,
                        Attributes.of(AttributeKey.stringKey("exception.type"), request.exception()))))
                .resource(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "shop")))
                .build();
    }

    private static String outcome(long code) {
        return code >= 500 ? "SERVER_ERROR" : code >= 400 ? "CLIENT_ERROR" : code >= 300 ? "REDIRECTION" : "SUCCESS";
    }

    private static String path(Request request) {
        return request.route().replace("{id}", String.valueOf(request.n())).replace("/**", "/favicon.ico");
    }

    /** Newest first, then span ID: the store's order for these spans, whose trace IDs all differ. */
    private static final class Ordering {
        static final java.util.Comparator<StoredSpan> NEWEST = java.util.Comparator
                .comparingLong(StoredSpan::startEpochNanos).reversed().thenComparing(StoredSpan::traceId);
    }
}
