package dev.tracestore.autoconfigure;

import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.store.SpanStore;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.resources.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-trace analyses ({@code /{traceId}/statistics}, {@code /critical-path}, {@code /repeats}) and repeated calls
 * across traces ({@code /analysis/repeats}) over real HTTP, with their 400s and 404s.
 */
class TraceAnalysisHttpTests {

    private static final String ORDERS = "0000000000000000000000000000aaaa";
    private static final String OTHER_ORDERS = "0000000000000000000000000000bbbb";
    private static final String HEALTH = "0000000000000000000000000000cccc";
    private static final long START = 1_735_725_600_000_000_000L;

    @TempDir
    static Path directory;

    private static ConfigurableApplicationContext context;
    private static LocalHttp http;
    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void start() {
        context = LocalHttp.startServlet(App.class, directory);
        http = new LocalHttp(context);
        SpanStore store = context.getBean(SpanStore.class);
        orders(ORDERS, 6).forEach(store::add);
        orders(OTHER_ORDERS, 2).forEach(store::add);
        store.add(span(HEALTH, 1, 0, "GET /health", 0, 10, SpanKind.SERVER, Attributes.empty()));
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    /** GET /orders (0..1000 us): one query for the orders, then one per line, one after the other. */
    private static List<StoredSpan> orders(String traceId, int lines) {
        List<StoredSpan> spans = new ArrayList<>();
        spans.add(span(traceId, 1, 0, "GET /orders", 0, 1000, SpanKind.SERVER, Attributes.empty()));
        spans.add(span(traceId, 2, 1, "query", 100, 200, SpanKind.CLIENT, statement("select * from orders")));
        for (int line = 0; line < lines; line++) {
            spans.add(span(traceId, 10 + line, 1, "query", 300 + line * 100, 350 + line * 100, SpanKind.CLIENT,
                    statement("select * from line where order_id = " + (line + 40))));
        }
        return spans;
    }

    private static Attributes statement(String statement) {
        return Attributes.of(AttributeKey.stringKey("db.query.text"), statement);
    }

    private static StoredSpan span(String traceId, int id, int parent, String name, long startMicros, long endMicros,
            SpanKind kind, Attributes attributes) {
        return StoredSpan.builder().traceId(traceId).spanId(String.format("%016x", id))
                .parentSpanId(parent == 0 ? "" : String.format("%016x", parent)).name(name).kind(kind)
                .startEpochNanos(START + startMicros * 1000).endEpochNanos(START + endMicros * 1000)
                .attributes(attributes)
                .resource(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "shop")))
                .build();
    }

    @Test
    void statisticsGiveSelfTimePerOperation() {
        HttpResponse<String> response = http.get("/actuator/traces/" + ORDERS + "/statistics");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("spanCount").asInt()).isEqualTo(8);
        JsonNode server = body.get("operations").get(0);
        assertThat(server.get("operation").asString()).isEqualTo("GET /orders");
        assertThat(server.get("totalSelfNanos").asLong()).isEqualTo((1000 - 100 - 6 * 50) * 1000L);
        JsonNode query = body.get("operations").get(1);
        assertThat(query.get("count").asInt()).isEqualTo(7);
        assertThat(query.get("maxDurationNanos").asLong()).isEqualTo(100_000L);
        assertThat(query.get("avgSelfNanos").asDouble()).isEqualTo((100 + 6 * 50) * 1000.0 / 7);
    }

    @Test
    void criticalPathSegmentsCarryTheirSpansNames() {
        JsonNode body = json.readTree(http.get("/actuator/traces/" + ORDERS + "/critical-path").body());
        assertThat(body.get("pathNanos").asLong()).isEqualTo(1_000_000L);
        JsonNode segments = body.get("segments");
        assertThat(segments).hasSize(15);
        assertThat(segments.get(0).get("name").asString()).isEqualTo("GET /orders");
        assertThat(segments.get(1).get("spanId").asString()).isEqualTo(String.format("%016x", 2));
        assertThat(segments.get(1).get("durationNanos").asLong()).isEqualTo(100_000L);
        assertThat(segments.get(1).get("service").asString()).isEqualTo("shop");
    }

    @Test
    void repeatsOfOneTrace() {
        JsonNode repeats = json.readTree(http.get("/actuator/traces/" + ORDERS + "/repeats").body()).get("repeats");
        assertThat(repeats).hasSize(1);
        assertThat(repeats.get(0).get("operation").asString()).isEqualTo("select * from line where order_id = ?");
        assertThat(repeats.get(0).get("count").asInt()).isEqualTo(6);
        assertThat(repeats.get(0).get("totalDurationNanos").asLong()).isEqualTo(300_000L);
        assertThat(repeats.get(0).get("parentName").asString()).isEqualTo("GET /orders");

        assertThat(json.readTree(http.get("/actuator/traces/" + OTHER_ORDERS + "/repeats").body())
                .get("repeats")).isEmpty();
        assertThat(json.readTree(http.get("/actuator/traces/" + OTHER_ORDERS + "/repeats?minCount=2").body())
                .get("repeats")).hasSize(1);
        assertThat(json.readTree(http.get("/actuator/traces/" + ORDERS + "/repeats?minTotalDuration=301us").body())
                .get("repeats")).isEmpty();
    }

    @Test
    void repeatsAcrossTracesRankEndpoints() {
        JsonNode body = json.readTree(http.get("/actuator/traces/analysis/repeats?minCount=2").body());
        assertThat(body.get("tracesExamined").asInt()).isEqualTo(3);
        assertThat(body.get("partial").asBoolean()).isFalse();
        JsonNode endpoints = body.get("endpoints");
        assertThat(endpoints).hasSize(1);
        assertThat(endpoints.get(0).get("endpoint").asString()).isEqualTo("GET /orders");
        assertThat(endpoints.get(0).get("tracesWithRepeats").asInt()).isEqualTo(2);
        assertThat(endpoints.get(0).get("calls").asLong()).isEqualTo(8);
        assertThat(endpoints.get(0).get("exampleTraceId").asString()).isEqualTo(ORDERS);

        JsonNode health = json.readTree(http.get("/actuator/traces/analysis/repeats?name=GET%20/health").body());
        assertThat(health.get("tracesExamined").asInt()).isEqualTo(1);
        assertThat(health.get("endpoints")).isEmpty();
    }

    @Test
    void badParametersAre400sNamingThemAndUnknownTracesAre404s() {
        assertBadRequest("/actuator/traces/" + ORDERS + "/repeats?minCount=1", "minCount");
        assertBadRequest("/actuator/traces/" + ORDERS + "/repeats?minCount=many", "minCount");
        assertBadRequest("/actuator/traces/analysis/repeats?minTotalDuration=soon", "minTotalDuration");
        assertBadRequest("/actuator/traces/analysis/repeats?limit=0", "limit");
        assertBadRequest("/actuator/traces/" + ORDERS + "/statistics?lookback=1h", "lookback");
        assertBadRequest("/actuator/traces/" + ORDERS + "/critical-path?minCount=3", "minCount");
        assertBadRequest("/actuator/traces/not-a-trace/critical-path", "traceId");
        assertThat(http.get("/actuator/traces/" + "1".repeat(32) + "/statistics").statusCode()).isEqualTo(404);
    }

    private void assertBadRequest(String path, String parameter) {
        HttpResponse<String> response = http.get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(400);
        assertThat(json.readTree(response.body()).get("parameter").asString()).as(path).isEqualTo(parameter);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }
}
