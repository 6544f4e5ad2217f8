package dev.tracestore.autoconfigure;

import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.QueryParameters;
import dev.tracestore.core.store.InMemorySpanStore;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import tools.jackson.databind.JsonNode;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

class TracesEndpointTests {

    private static final Instant NOW = Instant.ofEpochSecond(0, TestSpans.START).plus(Duration.ofMinutes(10));

    private final InMemorySpanStore store = InMemorySpanStore.builder().maxSpans(100)
            .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    private final ActuatorCalls calls = new ActuatorCalls(new TracesEndpoint(store));

    @Test
    void returnsTheSpansOfATraceInStartOrder() {
        store.add(TestSpans.child());
        store.add(TestSpans.root());

        WebEndpointResponse<?> response = calls.trace(TestSpans.TRACE_ID);

        assertThat(response.getStatus()).isEqualTo(200);
        JsonNode trace = ActuatorCalls.json(response);
        assertThat(trace.get("traceId").asString()).isEqualTo(TestSpans.TRACE_ID);
        assertThat(trace.get("spans").values()).extracting(span -> span.get("spanId").asString(),
                span -> span.get("parentSpanId").asString()).containsExactly(tuple(TestSpans.ROOT_ID, ""),
                        tuple(TestSpans.CHILD_ID, TestSpans.ROOT_ID));
    }

    @Test
    void answersNotFoundForAnUnknownTrace() {
        store.add(TestSpans.root());

        WebEndpointResponse<?> response = calls.trace("0af7651916cd43dd8448eb211c80319c");

        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(response.getBody()).isEqualTo(new TracesErrorDescriptor("Not Found", null,
                "no stored spans for trace 0af7651916cd43dd8448eb211c80319c"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "4BF92F3577B34DA6A3CE929D0E0E4736", "00000000000000000000000000000000",
            "4bf92f3577b34da6a3ce929d0e0e47360"})
    void answersBadRequestNamingTraceIdForAMalformedId(String traceId) {
        TracesErrorDescriptor error = badRequest(calls.trace(traceId), "traceId");

        assertThat(error.message()).startsWith("traceId must be 32 lowercase hex characters");
    }

    @Test
    void aWholeTraceTakesNoFilters() {
        store.add(TestSpans.root());

        TracesErrorDescriptor error = badRequest(calls.trace(TestSpans.TRACE_ID, "limit", "1"), "limit");

        assertThat(error.message()).contains("/actuator/traces?traceId=");
    }

    @Test
    void searchAnswersTraceSummariesByDefault() {
        store.add(TestSpans.root());
        store.add(TestSpans.child());

        WebEndpointResponse<?> response = calls.search();

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(((TracesDescriptor) response.getBody()).traces()).containsExactly(new TracesDescriptor.Summary(
                TestSpans.TRACE_ID, "orders", "GET /orders/{id}", "2025-01-01T10:00:00.123456789Z", 5_000_001L,
                2, 1, List.of("", "orders")));
    }

    @Test
    void viewSpansAnswersTheMatchingSpans() {
        store.add(TestSpans.root());
        store.add(TestSpans.child());

        WebEndpointResponse<?> response = calls.search("view", "spans", "name", "inventory.check");

        assertThat(spanIds(response)).containsExactly(TestSpans.CHILD_ID);
    }

    // Actuator would split "url.query=a,b" into two list elements for a List parameter.
    @Test
    void anAttrValueWithCommasIsOneFilter() {
        store.add(span("00f067aa0ba902c1", Attributes.builder().put("url.query", "a,b").build()));
        store.add(span("00f067aa0ba902c2", Attributes.builder().put("url.query", "a").put("b", true).build()));

        assertThat(spanIds(calls.search("view", "spans", "attr", "url.query=a,b"))).containsExactly("00f067aa0ba902c1");
    }

    @Test
    void repeatedAttrsAreAllRequired() {
        store.add(span("00f067aa0ba902c1", Attributes.builder().put("tenant", "acme").put("plan", "gold").build()));
        store.add(span("00f067aa0ba902c2", Attributes.builder().put("tenant", "acme").put("plan", "free").build()));

        assertThat(spanIds(calls.search("view", "spans", "attr", "tenant=acme", "attr", "plan=gold")))
                .containsExactly("00f067aa0ba902c1");
    }

    // Actuator would join the two values into "1,2" for a String parameter.
    @Test
    void aRepeatedLimitIsABadRequestNamingLimit() {
        TracesErrorDescriptor error = badRequest(calls.search("limit", "1", "limit", "2"), "limit");

        assertThat(error.message()).isEqualTo("limit may be given once, but was given 2 times");
    }

    @Test
    void anUnknownParameterIsABadRequestNamingIt() {
        TracesErrorDescriptor error = badRequest(calls.search("servce", "orders"), "servce");

        assertThat(error.message()).startsWith("servce is not a parameter of this request; the parameters are attr, ")
                .contains("view");
    }

    @Test
    void traceDurationsApplyToTraceSearchOnly() {
        assertThat(calls.search("minTraceDuration", "1ms").getStatus()).isEqualTo(200);
        TracesErrorDescriptor error = badRequest(calls.search("view", "spans", "minTraceDuration", "1ms"),
                "minTraceDuration");

        assertThat(error.message()).contains("view=traces");
    }

    @Test
    void failuresAreTheFailedSpansOfTheLastHourByDefault() {
        store.add(TestSpans.root()); // ERROR, started ten minutes before NOW
        store.add(TestSpans.child());

        assertThat(spanIds(calls.trace("failures"))).containsExactly(TestSpans.ROOT_ID);
        assertThat(spanIds(calls.trace("failures", "lookback", "5m"))).isEmpty();
        assertThat(spanIds(calls.trace("failures", "from", "2025-01-01T10:00:00Z"))).containsExactly(TestSpans.ROOT_ID);
        assertThat(spanIds(calls.trace("failures", "name", "inventory.check"))).isEmpty();
    }

    @Test
    void failuresAreFailedSpansOnly() {
        assertThat(calls.trace("failures", "failed", "true").getStatus()).isEqualTo(200);
        badRequest(calls.trace("failures", "failed", "false"), "failed");
        badRequest(calls.trace("failures", "view", "traces"), "view");
        badRequest(calls.trace("failures", "maxTraceDuration", "1s"), "maxTraceDuration");
    }

    @ParameterizedTest(name = "{0}={1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            limit            | abc                                    | limit
            limit            | 0                                      | limit
            limit            | 10001                                  | limit
            limit            | 99999999999999999999999999             | limit
            limit            | -1                                     | limit
            status           | broken                                 | status
            kind             | sideways                               | kind
            order            | random                                 | order
            view             | tree                                   | view
            failed           | yes                                    | failed
            traceId          | xyz                                    | traceId
            from             | yesterday                              | from
            to               | 2026-13-01T00:00:00Z                   | to
            lookback         | 1 hour                                 | lookback
            lookback         | 99999999999999999999d                  | lookback
            lookback         | 999999999999999999d                    | lookback
            lookback         | 0s                                     | lookback
            minDuration      | -5ms                                   | minDuration
            maxDuration      | PT                                     | maxDuration
            minTraceDuration | 5parsecs                               | minTraceDuration
            maxTraceDuration | ∞                                      | maxTraceDuration
            attr             | =value                                 | attr
            attr             | key=~[unclosed                         | attr
            attr             | key>big                                | attr
            """)
    void everyBadValueIsABadRequestNamingItsParameter(String parameter, String value, String named) {
        TracesErrorDescriptor error = badRequest(calls.search(parameter, value), named);

        assertThat(error.message()).startsWith(named);
    }

    @Test
    void aTimeWindowMustBeOrderedAndNotMixedWithLookback() {
        badRequest(calls.search("from", "2026-01-02T00:00:00Z", "to", "2026-01-01T00:00:00Z"), "from");
        badRequest(calls.search("from", "2026-01-01T00:00:00Z", "lookback", "1h"), "lookback");
        badRequest(calls.search("minDuration", "2s", "maxDuration", "1s"), "minDuration");
    }

    @Test
    void longAndUnicodeValuesAreAnsweredNotFailed() {
        String longValue = "x".repeat(10_000);
        assertThat(calls.search("service", longValue).getStatus()).isEqualTo(200);
        assertThat(calls.search("name", "支付 💳", "attr", "kunde=Jürgen").getStatus()).isEqualTo(200);
        assertThat(badRequest(calls.search("limit", longValue), "limit").message()).hasSizeLessThan(200);
        assertThat(badRequest(calls.search(longValue, "1"), "x".repeat(100) + "...").message())
                .hasSizeLessThan(500);
    }

    // Actuator binds query parameters by Java parameter name, so these must be QueryParameters' names.
    @Test
    void operationsTakeTheQueryParametersByName() {
        Set<String> spanFilters = new HashSet<>(QueryParameters.NAMES);
        spanFilters.removeAll(List.of("minTraceDuration", "maxTraceDuration"));

        assertThat(parameterNames("search")).containsAll(QueryParameters.NAMES).contains("view");
        assertThat(parameterNames("path")).containsAll(spanFilters)
                .doesNotContain("view", "minTraceDuration", "maxTraceDuration");
    }

    private static List<String> parameterNames(String operation) {
        Method method = Arrays.stream(TracesEndpoint.class.getMethods())
                .filter(candidate -> candidate.getName().equals(operation)).findFirst().orElseThrow();
        return Arrays.stream(method.getParameters()).map(Parameter::getName).toList();
    }

    @Test
    void aPathNoRouteAnswersIsNotFound() {
        WebEndpointResponse<?> response = calls.trace("failures/latest");
        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(((TracesErrorDescriptor) response.getBody()).message())
                .startsWith("/actuator/traces/failures/latest is not a resource of this endpoint");
    }

    @Test
    void aRouteRefusesTheParametersOfOtherRoutes() {
        TracesErrorDescriptor error = badRequest(calls.trace(TestSpans.TRACE_ID, "limit", "5"), "limit");
        assertThat(error.message()).startsWith("limit does not apply to /actuator/traces/{traceId}");
    }

    @Test
    void requiresAStore() {
        assertThatIllegalArgumentException().isThrownBy(() -> new TracesEndpoint(null)).withMessageContaining("store");
    }

    private static TracesErrorDescriptor badRequest(WebEndpointResponse<?> response, String parameter) {
        assertThat(response.getStatus()).isEqualTo(400);
        TracesErrorDescriptor error = (TracesErrorDescriptor) response.getBody();
        assertThat(error.error()).isEqualTo("Bad Request");
        assertThat(error.parameter()).isEqualTo(parameter);
        return error;
    }

    private static List<String> spanIds(WebEndpointResponse<?> response) {
        assertThat(response.getStatus()).isEqualTo(200);
        return ActuatorCalls.json(response).get("spans").valueStream().map(span -> span.get("spanId").asString())
                .toList();
    }

    private static StoredSpan span(String spanId, Attributes attributes) {
        return StoredSpan.builder().traceId(TestSpans.TRACE_ID).spanId(spanId).name("work").kind(SpanKind.INTERNAL)
                .startEpochNanos(TestSpans.START).endEpochNanos(TestSpans.START + 1).attributes(attributes).build();
    }
}
