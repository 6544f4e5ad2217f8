package dev.tracestore.sample;

import dev.tracestore.core.store.SpanStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OrdersTracingTests extends SampleAppTests {

    @Autowired
    SpanStore store;

    private HttpGet http;

    @BeforeEach
    void client() {
        http = new HttpGet(port);
    }

    @Test
    void orderTraceHasTheServerSpanAndItsChildren() {
        HttpResponse<String> order = http.get("/orders/42");
        assertThat(order.statusCode()).isEqualTo(200);
        String traceId = HttpGet.json(order).get("traceId").asString();
        assertThat(order.headers().firstValue("X-Trace-Id")).hasValue(traceId);

        Map<String, JsonNode> spans = byName(awaitTrace(traceId, "GET /orders/{id}"));

        JsonNode server = spans.get("GET /orders/{id}");
        assertThat(server.get("kind").asString()).isEqualTo("SERVER");
        assertThat(server.get("parentSpanId").asString()).isEmpty();
        assertThat(server.get("service").asString()).isEqualTo("orders");
        assertThat(server.get("attributes").get("http.route").asString()).isEqualTo("/orders/{id}");
        assertThat(server.get("attributes").get("http.request.method").asString()).isEqualTo("GET");
        assertThat(server.get("status").get("code").asString()).isEqualTo("UNSET");
        JsonNode find = spans.get("order.find");
        assertThat(parentOf(find)).isEqualTo(server.get("spanId").asString());
        assertThat(parentOf(spans.get("inventory.check"))).isEqualTo(find.get("spanId").asString());
        assertThat(parentOf(spans.get("pricing.quote"))).isEqualTo(find.get("spanId").asString());
        assertThat(spans.get("pricing.quote").get("attributes").get("pricing.currency").asString()).isEqualTo("EUR");
    }

    @Test
    void failedRequestHasAnErrorServerSpanWithAnExceptionEvent() {
        HttpResponse<String> failure = http.get("/orders/42/fail");
        assertThat(failure.statusCode()).isEqualTo(500);
        String traceId = failure.headers().firstValue("X-Trace-Id").orElseThrow();

        Map<String, JsonNode> spans = byName(awaitTrace(traceId, "GET /orders/{id}/fail"));

        JsonNode server = spans.get("GET /orders/{id}/fail");
        assertThat(server.get("status").get("code").asString()).isEqualTo("ERROR");
        assertThat(server.get("attributes").get("error.type").asString()).contains("PaymentDeclinedException");
        JsonNode exception = server.get("events").get(0);
        assertThat(exception.get("name").asString()).isEqualTo("exception");
        assertThat(exception.get("attributes").get("exception.type").asString())
                .isEqualTo(PaymentDeclinedException.class.getName());
        assertThat(exception.get("attributes").get("exception.message").asString())
                .isEqualTo("card declined for order 42");
        JsonNode charge = spans.get("payment.charge");
        assertThat(charge.get("status").get("code").asString()).isEqualTo("ERROR");
        assertThat(parentOf(charge)).isEqualTo(server.get("spanId").asString());
    }

    @Test
    void malformedTraceIdIsABadRequestNamingTheParameter() {
        HttpResponse<String> response = http.get("/actuator/traces/not-a-trace-id");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .containsPattern("^application/(.+\\+)?json"));
        JsonNode error = HttpGet.json(response);
        assertThat(error.get("error").asString()).isEqualTo("Bad Request");
        assertThat(error.get("message").asString()).startsWith("traceId must be 32 lowercase hex characters");
    }

    @Test
    void unknownTraceIsNotFound() {
        HttpResponse<String> response = http.get("/actuator/traces/0af7651916cd43dd8448eb211c80319c");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .containsPattern("^application/(.+\\+)?json"));
        assertThat(HttpGet.json(response).get("message").asString())
                .isEqualTo("no stored spans for trace 0af7651916cd43dd8448eb211c80319c");
    }

    // The server span ends after the response is sent, so the trace is complete only a moment later.
    private List<JsonNode> awaitTrace(String traceId, String serverSpanName) {
        await().atMost(Duration.ofSeconds(10)).until(() -> store.getTrace(traceId).stream()
                .anyMatch(span -> span.name().equals(serverSpanName)));
        HttpResponse<String> response = http.get("/actuator/traces/" + traceId);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode trace = HttpGet.json(response);
        assertThat(trace.get("traceId").asString()).isEqualTo(traceId);
        return trace.get("spans").valueStream().toList();
    }

    private static Map<String, JsonNode> byName(List<JsonNode> spans) {
        return spans.stream().collect(Collectors.toMap(span -> span.get("name").asString(), Function.identity()));
    }

    private static String parentOf(JsonNode span) {
        return span.get("parentSpanId").asString();
    }
}
