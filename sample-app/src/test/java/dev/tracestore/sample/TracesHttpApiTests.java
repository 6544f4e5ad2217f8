package dev.tracestore.sample;

import com.google.protobuf.ByteString;
import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.AttributeFilter;
import dev.tracestore.core.query.SpanQuery;
import dev.tracestore.core.store.SpanStore;
import dev.tracestore.core.testing.OtlpProtoJson;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The query API of {@code /actuator/traces} over real HTTP, on the spans of real requests to the sample app: three
 * orders, one order whose ID holds a comma, and two failed payments.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TracesHttpApiTests extends SampleAppTests {

    private static final String SERVER = "GET /orders/{id}";
    private static final String FAILING_SERVER = "GET /orders/{id}/fail";

    @Autowired
    SpanStore store;

    private HttpGet http;

    // Made once for the whole class (the application context is shared), by the first test that runs.
    private static final List<String> orders = new ArrayList<>();
    private static final List<String> failures = new ArrayList<>();
    private static String commaOrder;

    @BeforeEach
    void callTheAppOnce() {
        http = new HttpGet(port);
        if (commaOrder != null) {
            return;
        }
        for (String id : List.of("1", "2", "3")) {
            orders.add(HttpGet.json(http.get("/orders/" + id)).get("traceId").asString());
        }
        commaOrder = HttpGet.json(http.get("/orders/a,b")).get("traceId").asString();
        for (String id : List.of("4", "5")) {
            failures.add(http.get("/orders/" + id + "/fail").headers().firstValue("X-Trace-Id").orElseThrow());
        }
        // The server span, the root, ends last: after the response is sent.
        List<String> all = new ArrayList<>(orders);
        all.add(commaOrder);
        all.addAll(failures);
        await().atMost(Duration.ofSeconds(10)).until(() -> all.stream().allMatch(traceId -> store.getTrace(traceId)
                .stream().anyMatch(span -> span.parentSpanId().isEmpty())));
    }

    @Test
    void serviceSelectsTheSpansOfAService() {
        List<JsonNode> spans = spans("view", "spans", "service", "orders", "limit", "10000");

        assertThat(spans).isNotEmpty().allSatisfy(span -> assertThat(text(span, "service")).isEqualTo("orders"));
        assertThat(traceIds(spans)).containsAll(orders).containsAll(failures);
        assertThat(spans("view", "spans", "service", "payments")).isEmpty();
    }

    @Test
    void nameMatchesTheWholeSpanName() {
        List<JsonNode> spans = spans("view", "spans", "name", SERVER);

        assertThat(spans).allSatisfy(span -> assertThat(text(span, "name")).isEqualTo(SERVER));
        assertThat(traceIds(spans)).containsAll(orders).doesNotContainAnyElementsOf(failures);
        assertThat(spans("view", "spans", "name", "GET /orders")).isEmpty();
    }

    @Test
    void kindSelectsServerOrInternalSpans() {
        List<JsonNode> server = spans("view", "spans", "kind", "server");
        List<JsonNode> internal = spans("view", "spans", "kind", "internal");

        assertThat(server).allSatisfy(span -> assertThat(text(span, "kind")).isEqualTo("SERVER"));
        assertThat(names(server)).contains(SERVER, FAILING_SERVER);
        assertThat(internal).allSatisfy(span -> assertThat(text(span, "kind")).isEqualTo("INTERNAL"));
        assertThat(names(internal)).contains("order.find", "inventory.check", "payment.charge");
    }

    @Test
    void statusErrorSelectsTheSpansWithStatusError() {
        List<JsonNode> spans = spans("view", "spans", "status", "error");

        assertThat(spans).allSatisfy(span -> assertThat(span.get("status").get("code").asString()).isEqualTo("ERROR"));
        assertThat(Set.copyOf(traceIds(spans))).isEqualTo(Set.copyOf(failures));
        assertThat(names(spans)).containsOnly(FAILING_SERVER, "payment.charge");
    }

    @Test
    void errorTypeMatchesTheExceptionClass() {
        List<JsonNode> spans = spans("view", "spans", "errorType", PaymentDeclinedException.class.getName());

        assertThat(Set.copyOf(traceIds(spans))).isEqualTo(Set.copyOf(failures));
        assertThat(names(spans)).contains(FAILING_SERVER, "payment.charge");
        // the simple name (Micrometer's exception tag) finds the same spans
        assertThat(Set.copyOf(traceIds(spans("view", "spans", "errorType", "PaymentDeclinedException"))))
                .isEqualTo(Set.copyOf(failures));
        assertThat(spans("view", "spans", "errorType", "DeclinedException")).isEmpty();
    }

    @Test
    void failedSelectsTheFailedSpans() {
        List<JsonNode> spans = spans("view", "spans", "failed", "true");

        assertThat(Set.copyOf(traceIds(spans))).isEqualTo(Set.copyOf(failures));
        assertThat(traceIds(spans("view", "spans", "failed", "false", "limit", "10000")))
                .containsAll(orders).contains(commaOrder);
    }

    @Test
    void attrMatchesAnAttribute() {
        List<JsonNode> spans = spans("view", "spans", "attr", "http.route=/orders/{id}");

        assertThat(names(spans)).containsOnly(SERVER);
        assertThat(traceIds(spans)).containsAll(orders).contains(commaOrder);
    }

    // Spring writes the status code as the string "500": an unquoted 500 matches it, and so does a comparison.
    @Test
    void attrMatchesTheStatusCodeThatSpringWritesAsAString() {
        List<JsonNode> spans = spans("view", "spans", "attr", "http.response.status_code=500");

        assertThat(spans).allSatisfy(span -> assertThat(span.get("attributes").get("http.response.status_code")
                .isString()).isTrue());
        assertThat(names(spans)).containsOnly(FAILING_SERVER);
        assertThat(Set.copyOf(traceIds(spans))).isEqualTo(Set.copyOf(failures));
        assertThat(spans("view", "spans", "attr", "http.response.status_code=\"500\"")).hasSameSizeAs(spans);
        assertThat(spans("view", "spans", "attr", "http.response.status_code>=500")).hasSameSizeAs(spans);
        assertThat(spans("view", "spans", "attr", "http.response.status_code>500")).isEmpty();
    }

    // Actuator would split a single value at its commas for a list parameter: order.id=a and an attribute "b".
    @Test
    void anAttrValueWithACommaIsOneFilter() {
        List<JsonNode> spans = spans("view", "spans", "attr", "order.id=a,b");

        assertThat(traceIds(spans)).containsOnly(commaOrder);
        assertThat(names(spans)).containsExactlyInAnyOrder("order.find", "inventory.check");
    }

    @Test
    void repeatedAttrsMustAllHold() {
        assertThat(traceIds(spans("view", "spans", "attr", "http.route=/orders/{id}/fail",
                "attr", "http.response.status_code=500"))).containsExactlyInAnyOrderElementsOf(failures);
        assertThat(spans("view", "spans", "attr", "http.route=/orders/{id}",
                "attr", "http.response.status_code=500")).isEmpty();
    }

    @Test
    void lookbackKeepsTheSpansThatStartedWithinIt() {
        Instant lastEnd = store.getTrace(failures.get(1)).stream().map(StoredSpan::endTime)
                .max(Comparator.naturalOrder()).orElseThrow();
        await().until(() -> Instant.now().isAfter(lastEnd.plusMillis(20)));

        assertThat(traceIds(traces("lookback", "1h", "limit", "10000"))).containsAll(orders).containsAll(failures);
        assertThat(traceIds(traces("lookback", "20ms", "limit", "10000")))
                .doesNotContainAnyElementsOf(orders).doesNotContainAnyElementsOf(failures);
    }

    @Test
    void fromAndToAreAHalfOpenWindowOnTheStartTime() {
        JsonNode server = serverSpan(orders.get(0));
        Instant start = Instant.parse(text(server, "startTime"));

        assertThat(spanIds(spans("view", "spans", "from", start.toString(), "to", start.plusNanos(1).toString())))
                .contains(text(server, "spanId"));
        assertThat(spanIds(spans("view", "spans", "from", start.minusSeconds(1).toString(), "to", start.toString())))
                .doesNotContain(text(server, "spanId"));
        assertThat(spanIds(spans("view", "spans", "from", start.plusNanos(1).toString())))
                .doesNotContain(text(server, "spanId"));
    }

    @Test
    void minAndMaxDurationBoundTheSpanDuration() {
        JsonNode server = serverSpan(orders.get(0));
        long duration = server.get("durationNanos").asLong();

        List<JsonNode> atLeast = spans("view", "spans", "minDuration", duration + "ns", "limit", "10000");
        assertThat(atLeast).allSatisfy(span -> assertThat(span.get("durationNanos").asLong()).isGreaterThanOrEqualTo(duration));
        assertThat(spanIds(atLeast)).contains(text(server, "spanId"));
        List<JsonNode> atMost = spans("view", "spans", "maxDuration", (duration - 1) + "ns", "limit", "10000");
        assertThat(atMost).allSatisfy(span -> assertThat(span.get("durationNanos").asLong()).isLessThan(duration));
        assertThat(spanIds(atMost)).doesNotContain(text(server, "spanId")).isNotEmpty();
    }

    @Test
    void minAndMaxTraceDurationBoundTheTraceDuration() {
        JsonNode trace = traces("traceId", orders.get(0)).get(0);
        long duration = trace.get("durationNanos").asLong();

        List<JsonNode> atLeast = traces("minTraceDuration", duration + "ns", "limit", "10000");
        assertThat(atLeast).allSatisfy(t -> assertThat(t.get("durationNanos").asLong()).isGreaterThanOrEqualTo(duration));
        assertThat(traceIds(atLeast)).contains(orders.get(0));
        assertThat(traceIds(traces("maxTraceDuration", (duration - 1) + "ns", "limit", "10000")))
                .doesNotContain(orders.get(0));
    }

    @Test
    void limitCountsSpansOrTraces() {
        assertThat(spans("view", "spans", "limit", "1")).hasSize(1);
        List<JsonNode> traces = traces("limit", "2");
        assertThat(traces).hasSize(2);
        assertThat(traces.stream().mapToInt(trace -> trace.get("spanCount").asInt()).sum()).isGreaterThan(2);
    }

    @Test
    void orderSortsNewestOldestOrLongestFirst() {
        List<Instant> newest = spans("view", "spans").stream().map(span -> Instant.parse(text(span, "startTime"))).toList();
        List<Instant> oldest = spans("view", "spans", "order", "oldest").stream()
                .map(span -> Instant.parse(text(span, "startTime"))).toList();
        List<Long> longest = spans("view", "spans", "order", "longest").stream()
                .map(span -> span.get("durationNanos").asLong()).toList();

        assertThat(newest).hasSizeGreaterThan(1).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(oldest).hasSizeGreaterThan(1).isSortedAccordingTo(Comparator.naturalOrder());
        assertThat(longest).hasSizeGreaterThan(1).isSortedAccordingTo(Comparator.reverseOrder());
    }

    @Test
    void viewChoosesTracesOrSpans() {
        JsonNode byDefault = get("/actuator/traces", "traceId", orders.get(0));
        JsonNode traces = get("/actuator/traces", "traceId", orders.get(0), "view", "traces");
        JsonNode spans = get("/actuator/traces", "traceId", orders.get(0), "view", "spans");

        assertThat(byDefault).isEqualTo(traces);
        assertThat(traces.propertyNames()).containsExactly("traces", "partial", "reloading");
        assertThat(traces.get("partial").asBoolean()).isFalse();
        assertThat(traces.get("traces").get(0).propertyNames()).containsExactly("traceId", "rootService", "rootName",
                "startTime", "durationNanos", "spanCount", "errorCount", "services");
        assertThat(text(traces.get("traces").get(0), "rootName")).isEqualTo(SERVER);
        assertThat(traces.get("traces").get(0).get("spanCount").asInt()).isEqualTo(4);
        assertThat(names(spans.get("spans").valueStream().toList()))
                .containsExactlyInAnyOrder(SERVER, "order.find", "inventory.check", "pricing.quote");
    }

    @Test
    void failuresAreTheRecentFailedSpansNewestFirst() {
        List<JsonNode> spans = get("/actuator/traces/failures").get("spans").valueStream().toList();

        assertThat(Set.copyOf(traceIds(spans))).isEqualTo(Set.copyOf(failures));
        assertThat(names(spans)).contains(FAILING_SERVER, "payment.charge");
        assertThat(spans.stream().map(span -> Instant.parse(text(span, "startTime"))).toList())
                .isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(get("/actuator/traces/failures", "lookback", "1h", "limit", "1").get("spans")).hasSize(1);
        assertThat(names(get("/actuator/traces/failures", "name", "payment.charge").get("spans").valueStream()
                .toList())).containsOnly("payment.charge");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /actuator/traces?limit=abc                              | limit
            /actuator/traces?limit=0                                | limit
            /actuator/traces?limit=10001                            | limit
            /actuator/traces?limit=99999999999999999999             | limit
            /actuator/traces?limit=1&limit=2                        | limit
            /actuator/traces?status=broken                          | status
            /actuator/traces?kind=sideways                          | kind
            /actuator/traces?order=random                           | order
            /actuator/traces?view=tree                              | view
            /actuator/traces?view=spans&minTraceDuration=1s         | minTraceDuration
            /actuator/traces?failed=maybe                           | failed
            /actuator/traces?traceId=failures                       | traceId
            /actuator/traces?from=yesterday                         | from
            /actuator/traces?to=2026-02-30T00:00:00Z                | to
            /actuator/traces?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z | from
            /actuator/traces?lookback=1h&from=2026-01-01T00:00:00Z  | lookback
            /actuator/traces?lookback=forever                       | lookback
            /actuator/traces?lookback=99999999999999999999d         | lookback
            /actuator/traces?minDuration=-1s                        | minDuration
            /actuator/traces?maxDuration=1parsec                    | maxDuration
            /actuator/traces?minDuration=2s&maxDuration=1s          | minDuration
            /actuator/traces?attr=                                  | attr
            /actuator/traces?attr=%3Dvalue                          | attr
            /actuator/traces?attr=key%3D~%5Bunclosed                | attr
            /actuator/traces?attr=key%3Cabc                         | attr
            /actuator/traces?servce=orders                          | servce
            /actuator/traces?%E2%9C%93=1                            | ✓
            /actuator/traces/failures?view=spans                    | view
            /actuator/traces/failures?failed=false                  | failed
            /actuator/traces/failures?lookback=0s                   | lookback
            /actuator/traces/4bf92f3577b34da6a3ce929d0e0e4736?limit=1 | limit
            /actuator/traces/not-a-trace-id                         | traceId
            /actuator/traces/4bf92f3577b34da6a3ce929d0e0e4736?format=xml | format
            /actuator/traces/4bf92f3577b34da6a3ce929d0e0e4736?format=otlp&format=json | format
            /actuator/traces?format=otlp                            | format
            /actuator/traces/failures?format=html                   | format
            """)
    void aBadParameterIsABadRequestNamingIt(String path, String parameter) {
        HttpResponse<String> response = http.get(path);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .containsPattern("^application/(.+\\+)?json"));
        JsonNode error = HttpGet.json(response);
        assertThat(error.propertyNames()).containsExactly("error", "parameter", "message");
        assertThat(text(error, "error")).isEqualTo("Bad Request");
        assertThat(text(error, "parameter")).isEqualTo(parameter);
        assertThat(text(error, "message")).startsWith(parameter);
    }

    @Test
    void unicodeAndLongValuesAreAnswered() {
        assertThat(spans("view", "spans", "name", "支付 💳", "attr", "kunde=Jürgen")).isEmpty();
        assertThat(spans("view", "spans", "service", "x".repeat(6_000))).isEmpty();
        // Longer than Tomcat's request-header limit (server.max-http-request-header-size, 8 KB): Tomcat refuses it.
        assertThat(http.get("/actuator/traces?service=" + "x".repeat(10_000)).statusCode()).isEqualTo(400);
    }

    // tracestore.exclude leaves out the requests to /actuator/traces by default; the other requests are stored.
    @Test
    void theRequestsToTheTracesEndpointAreNotStored() {
        for (int i = 0; i < 3; i++) {
            assertThat(http.get("/actuator/traces").statusCode()).isEqualTo(200);
            assertThat(http.get("/actuator/traces/failures").statusCode()).isEqualTo(200);
            assertThat(http.get("/actuator/traces/" + orders.get(0)).statusCode()).isEqualTo(200);
        }
        // A later request's spans are stored: by then those of the traces requests would have been too.
        String order = HttpGet.json(http.get("/orders/6")).get("traceId").asString();
        await().atMost(Duration.ofSeconds(10)).until(() -> store.getTrace(order).stream()
                .anyMatch(span -> span.parentSpanId().isEmpty()));
        SpanQuery tracesRequests = SpanQuery.builder()
                .attribute(AttributeFilter.parse("url.path=~/actuator/traces.*")).build();

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> store.findSpans(tracesRequests).isEmpty());
    }

    @Test
    void formatOtlpAnswersTheTraceAsOneDocumentThatTheOtlpProtobufDefinitionsParse() throws Exception {
        String traceId = failures.get(0);
        List<JsonNode> json = get("/actuator/traces/" + traceId).get("spans").valueStream().toList();

        HttpResponse<String> response = http.get("/actuator/traces/" + traceId + "?format=otlp");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("application/json"));
        assertThat(response.body()).startsWith("{\"resourceSpans\":[").doesNotContain("\n");
        ExportTraceServiceRequest request = OtlpProtoJson.parse(response.body());
        assertThat(request.getResourceSpansList()).singleElement().satisfies(resourceSpans -> assertThat(
                resourceSpans.getResource().getAttributesList()).anySatisfy(attribute -> {
                    assertThat(attribute.getKey()).isEqualTo("service.name");
                    assertThat(attribute.getValue().getStringValue()).isEqualTo("orders");
                }));
        Map<String, Span> otlp = request.getResourceSpansList().stream()
                .flatMap(resourceSpans -> resourceSpans.getScopeSpansList().stream())
                .flatMap(scopeSpans -> scopeSpans.getSpansList().stream())
                .collect(Collectors.toMap(span -> hex(span.getSpanId()), span -> span));
        assertThat(otlp.keySet()).containsExactlyInAnyOrderElementsOf(spanIds(json));
        for (JsonNode expected : json) {
            Span span = otlp.get(text(expected, "spanId"));
            assertThat(hex(span.getTraceId())).isEqualTo(traceId);
            assertThat(hex(span.getParentSpanId())).isEqualTo(text(expected, "parentSpanId"));
            assertThat(span.getName()).isEqualTo(text(expected, "name"));
            assertThat(span.getKind().name()).isEqualTo("SPAN_KIND_" + text(expected, "kind"));
            assertThat(span.getStatus().getCode().name()).isEqualTo("STATUS_CODE_" + expected.get("status").get("code").asString());
            assertThat(span.getStartTimeUnixNano()).isEqualTo(epochNanos(text(expected, "startTime")));
            assertThat(span.getEndTimeUnixNano()).isEqualTo(epochNanos(text(expected, "endTime")));
            assertThat(span.getAttributesCount()).isEqualTo(expected.get("attributes").size());
            assertThat(span.getEventsCount()).isEqualTo(expected.get("events").size());
        }
        Span server = otlp.values().stream().filter(span -> span.getParentSpanId().isEmpty()).findFirst().orElseThrow();
        assertThat(server.getName()).isEqualTo(FAILING_SERVER);
        assertThat(server.getEventsList()).anySatisfy(event -> assertThat(event.getAttributesList())
                .anySatisfy(attribute -> assertThat(attribute.getValue().getStringValue())
                        .isEqualTo(PaymentDeclinedException.class.getName())));
    }

    @ParameterizedTest(name = "Accept: {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            */*                                                    | application/vnd.spring-boot.actuator.v3+json
            application/json                                       | application/json
            application/vnd.spring-boot.actuator.v3+json           | application/vnd.spring-boot.actuator.v3+json
            application/vnd.spring-boot.actuator.v2+json           | application/vnd.spring-boot.actuator.v2+json
            text/html,application/xhtml+xml,*/*;q=0.8              | text/html;charset=UTF-8
            """)
    void theAcceptHeaderChoosesBetweenJsonAndThePage(String accept, String contentType) {
        for (String path : List.of("/actuator/traces/" + orders.get(0), "/actuator/traces?service=orders")) {
            HttpResponse<String> response = http.get(path, accept);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue(contentType);
            assertThat(response.body()).startsWith(contentType.startsWith("text/html") ? "<!DOCTYPE html>" : "{");
        }
    }

    @Test
    void anAcceptHeaderNamingNothingTheEndpointWritesIsNotAcceptable() {
        assertThat(http.get("/actuator/traces/" + orders.get(0), "application/xml").statusCode()).isEqualTo(406);
    }

    private static String hex(ByteString bytes) {
        return HexFormat.of().formatHex(bytes.toByteArray());
    }

    private static long epochNanos(String instant) {
        Instant parsed = Instant.parse(instant);
        return parsed.getEpochSecond() * 1_000_000_000L + parsed.getNano();
    }

    private JsonNode serverSpan(String traceId) {
        return spans("view", "spans", "traceId", traceId, "kind", "server").get(0);
    }

    private List<JsonNode> spans(String... parameters) {
        return get("/actuator/traces", parameters).get("spans").valueStream().toList();
    }

    private List<JsonNode> traces(String... parameters) {
        return get("/actuator/traces", parameters).get("traces").valueStream().toList();
    }

    /** GETs a path with URL-encoded parameters (name, value, name, value...) and answers its JSON body. */
    private JsonNode get(String path, String... parameters) {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        for (int i = 0; i < parameters.length; i += 2) {
            query.add(parameters[i] + "=" + URLEncoder.encode(parameters[i + 1], StandardCharsets.UTF_8));
        }
        HttpResponse<String> response = http.get(path + query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return HttpGet.json(response);
    }

    private static String text(JsonNode node, String field) {
        return node.get(field).asString();
    }

    private static List<String> traceIds(List<JsonNode> spansOrTraces) {
        return spansOrTraces.stream().map(node -> text(node, "traceId")).collect(Collectors.toList());
    }

    private static List<String> spanIds(List<JsonNode> spans) {
        return spans.stream().map(span -> text(span, "spanId")).toList();
    }

    private static List<String> names(List<JsonNode> spans) {
        return spans.stream().map(span -> text(span, "name")).toList();
    }
}
