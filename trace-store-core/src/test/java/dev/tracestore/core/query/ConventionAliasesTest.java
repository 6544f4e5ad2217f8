package dev.tracestore.core.query;

import dev.tracestore.core.model.SpanEvent;
import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.store.InMemorySpanStore;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.tracestore.core.testing.TestSpans.span;
import static dev.tracestore.core.testing.TestSpans.spanId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One query, whichever convention wrote the span. The spans are shaped as Spring Boot 4.0 records them (checked
 * with a real app in sample-app's ReadmeQueriesTests): Micrometer's defaults, Spring's OpenTelemetry convention
 * (status codes as strings), and the OpenTelemetry Java agent (status codes as longs, older keys in older agents).
 */
class ConventionAliasesTest {

    private static final String FAIL_ROUTE = "/orders/{id}/fail";

    /** Boot's default: {@code http get /orders/{id}/fail}, status "500", exception by simple name. */
    private static final StoredSpan MICROMETER = span(1, 1, 1_000).name("http get " + FAIL_ROUTE).kind(SpanKind.SERVER)
            .status(StatusCode.ERROR, "card declined")
            .attributes(attributes(Map.of("exception", "PaymentDeclinedException", "http.url", "/orders/42/fail",
                    "method", "GET", "outcome", "SERVER_ERROR", "status", "500", "uri", FAIL_ROUTE)))
            .events(List.of(exception("com.example.PaymentDeclinedException"))).build();

    /** The sample app's OpenTelemetryServerRequestObservationConvention: the same facts, OpenTelemetry's keys. */
    private static final StoredSpan SPRING_OTEL = span(2, 2, 2_000).name("GET " + FAIL_ROUTE).kind(SpanKind.SERVER)
            .status(StatusCode.ERROR, "card declined")
            .attributes(attributes(Map.of("error.type", "com.example.PaymentDeclinedException",
                    "http.request.method", "GET", "http.response.status_code", "500", "http.route", FAIL_ROUTE,
                    "outcome", "SERVER_ERROR", "url.path", "/orders/42/fail")))
            .events(List.of(exception("com.example.PaymentDeclinedException"))).build();

    /** The OpenTelemetry Java agent: numbers as longs. */
    private static final StoredSpan AGENT = span(3, 3, 3_000).name("GET " + FAIL_ROUTE).kind(SpanKind.SERVER)
            .status(StatusCode.ERROR, null)
            .attributes(Attributes.builder().put("http.request.method", "GET").put("http.response.status_code", 500L)
                    .put("http.route", FAIL_ROUTE).put("url.path", "/orders/42/fail")
                    .put("error.type", "com.example.PaymentDeclinedException").build())
            .events(List.of(exception("com.example.PaymentDeclinedException"))).build();

    /** An OpenTelemetry Java agent of the 1.x years: the old semantic conventions. */
    private static final StoredSpan OLD_AGENT = span(4, 4, 4_000).name("GET " + FAIL_ROUTE).kind(SpanKind.SERVER)
            .status(StatusCode.ERROR, null)
            .attributes(Attributes.builder().put("http.method", "GET").put("http.status_code", 500L)
                    .put("http.route", FAIL_ROUTE).put("http.target", "/orders/42/fail?retry=1").build())
            .build();

    /** Micrometer's RestClient span: {@code http get}, the URI template in {@code uri}, the host in client.name. */
    private static final StoredSpan MICROMETER_CLIENT = span(5, 5, 5_000).name("http get").kind(SpanKind.CLIENT)
            .attributes(attributes(Map.of("client.name", "inventory", "exception", "none",
                    "http.url", "http://inventory:8080/stock/42", "method", "GET", "outcome", "SUCCESS",
                    "status", "200", "uri", "/stock/{id}")))
            .build();

    /** A 5xx answered without an exception: Micrometer leaves the status UNSET and says outcome=SERVER_ERROR. */
    private static final StoredSpan MICROMETER_503 = span(6, 6, 6_000).name("http get /teapot").kind(SpanKind.SERVER)
            .attributes(attributes(Map.of("exception", "none", "http.url", "/teapot", "method", "GET",
                    "outcome", "SERVER_ERROR", "status", "503", "uri", "/teapot")))
            .build();

    private static final List<StoredSpan> ALL = List.of(MICROMETER, SPRING_OTEL, AGENT, OLD_AGENT, MICROMETER_CLIENT,
            MICROMETER_503);

    private final InMemorySpanStore store = storeOf(ALL);

    @Test
    void statusCodeQueriesFindEveryConventionAndKeepTheirTypes() {
        assertThat(find("attr", "http.response.status_code>=500")).containsExactlyInAnyOrder(1, 2, 3, 4, 6);
        assertThat(find("attr", "http.response.status_code=500")).containsExactlyInAnyOrder(1, 2, 3, 4);
        assertThat(find("attr", "status=500")).containsExactlyInAnyOrder(1, 2, 3, 4);
        assertThat(find("attr", "http.status_code<300")).containsExactly(5);
        // typed: the number 500 reads Micrometer's "500" as the number it is, but not Spring's own string key
        assertThat(find(AttributeFilter.equalTo("http.response.status_code", 500L))).containsExactlyInAnyOrder(1, 3, 4);
        // the string "500" is what Micrometer and Spring's OpenTelemetry convention wrote, the agent's long is not
        assertThat(find("attr", "http.response.status_code=\"500\"")).containsExactly(2);
        assertThat(find("attr", "status=\"500\"")).containsExactlyInAnyOrder(1, 2, 3, 4);
    }

    @Test
    void routeMethodPathAndHostQueriesFindEveryConvention() {
        assertThat(find("attr", "http.route=" + FAIL_ROUTE)).containsExactlyInAnyOrder(1, 2, 3, 4);
        assertThat(find("attr", "uri=" + FAIL_ROUTE)).containsExactlyInAnyOrder(1, 2, 3, 4);
        assertThat(find("attr", "http.request.method=GET")).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6);
        assertThat(find("attr", "method=GET")).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6);
        assertThat(find("attr", "url.path=/orders/42/fail")).containsExactlyInAnyOrder(1, 2, 3, 4);
        assertThat(find("attr", "url.full=~http://inventory.*")).containsExactly(5);
        assertThat(find("attr", "server.address=inventory")).containsExactly(5);
        assertThat(find("attr", "error.type=PaymentDeclinedException")).containsExactly(1);
        assertThat(find("attr", "!http.response.status_code")).isEmpty();
    }

    @Test
    void aPinnedKeyIsExactlyThatKey() {
        assertThat(find("attr", "span.http.route=" + FAIL_ROUTE)).containsExactlyInAnyOrder(2, 3, 4);
        assertThat(find("attr", "span.uri=" + FAIL_ROUTE)).containsExactly(1);
        assertThat(find("attr", "span.http.response.status_code>=500")).containsExactlyInAnyOrder(2, 3);
        assertThat(AttributeFilter.parse("span.http.route=/x").aliasKeys()).isEmpty();
        assertThat(AttributeFilter.parse("http.route=/x").aliasKeys()).containsExactly("uri");
    }

    @Test
    void spanNamesFindTheOtherConventionsNameUnlessQuoted() {
        assertThat(find("name", "GET " + FAIL_ROUTE)).containsExactlyInAnyOrder(1, 2, 3, 4);
        assertThat(find("name", "http get " + FAIL_ROUTE)).containsExactlyInAnyOrder(1, 2, 3, 4);
        assertThat(find("name", "GET")).containsExactly(5);
        assertThat(find("name", "\"GET " + FAIL_ROUTE + "\"")).containsExactlyInAnyOrder(2, 3, 4);
        assertThat(find("name", "\"http get " + FAIL_ROUTE + "\"")).containsExactly(1);
        assertThat(HttpSpanNames.alternatives("HTTP GET /x")).containsExactly("HTTP GET /x");
        assertThat(HttpSpanNames.alternatives("http GET /x")).containsExactly("http GET /x");
        assertThat(HttpSpanNames.alternatives("GETTER")).containsExactly("GETTER");
        assertThat(HttpSpanNames.alternatives("order.find")).containsExactly("order.find");
    }

    @Test
    void failuresAndErrorTypesReadEveryConvention() {
        assertThat(find("failed", "true")).containsExactlyInAnyOrder(1, 2, 3, 4, 6);
        assertThat(find("errorType", "com.example.PaymentDeclinedException")).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(find("errorType", "PaymentDeclinedException")).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(Failures.distinctErrorTypes(MICROMETER)).containsExactly("com.example.PaymentDeclinedException");
        assertThat(Failures.errorTypes(MICROMETER))
                .containsExactly("PaymentDeclinedException", "com.example.PaymentDeclinedException");
        assertThat(Failures.isFailure(MICROMETER_503)).isTrue();
        assertThat(Failures.errorTypes(MICROMETER_503)).isEmpty();
    }

    /** The brute-force reference (the predicate over every span) agrees with the store's planned answers. */
    @Test
    void theStoreAnswersAsThePredicate() {
        for (String attr : List.of("http.response.status_code>=500", "http.route=" + FAIL_ROUTE, "method=GET",
                "url.path=/orders/42/fail", "span.uri=" + FAIL_ROUTE, "error.type=PaymentDeclinedException")) {
            SpanQuery query = QueryParameters.parse(Map.of("attr", List.of(attr)));
            assertThat(store.findSpans(query)).as(attr)
                    .containsExactlyInAnyOrderElementsOf(ALL.stream().filter(SpanPredicate.of(query, Instant.now())).toList());
        }
    }

    private List<Integer> find(String parameter, String value) {
        return ids(store.findSpans(QueryParameters.parse(Map.of(parameter, List.of(value)))));
    }

    private List<Integer> find(AttributeFilter filter) {
        return ids(store.findSpans(SpanQuery.builder().attribute(filter).build()));
    }

    private static List<Integer> ids(List<StoredSpan> spans) {
        return spans.stream().map(span -> {
            for (int n = 0; n < 10; n++) {
                if (spanId(n).equals(span.spanId())) {
                    return n;
                }
            }
            throw new AssertionError(span.spanId());
        }).toList();
    }

    private static InMemorySpanStore storeOf(List<StoredSpan> spans) {
        InMemorySpanStore store = InMemorySpanStore.builder().maxSpans(100).build();
        spans.forEach(store::add);
        return store;
    }

    private static Attributes attributes(Map<String, String> values) {
        var builder = Attributes.builder();
        values.forEach(builder::put);
        return builder.build();
    }

    private static SpanEvent exception(String type) {
        return new SpanEvent("exception", 0, Attributes.of(AttributeKey.stringKey("exception.type"), type));
    }
}
