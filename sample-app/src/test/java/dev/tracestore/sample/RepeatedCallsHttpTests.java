package dev.tracestore.sample;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample's N+1 endpoint, {@code /orders/{id}/lines} (one query per line through JdbcTemplate and the H2 driver),
 * is found over real HTTP: by {@code /actuator/traces/{traceId}/repeats} in its trace, and by
 * {@code /actuator/traces/analysis/repeats} across traces; its statistics and critical path show the queries.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RepeatedCallsHttpTests extends SampleAppTests {

    private static final String ITEM_QUERY = "select name, price_cents from item where sku = ?";

    private HttpGet http;

    @BeforeEach
    void client() {
        http = new HttpGet(port);
    }

    @Test
    void oneQueryPerLineIsFoundInTheTrace() {
        String traceId = request("/orders/42/lines", 8);

        JsonNode repeats = HttpGet.json(http.get("/actuator/traces/" + traceId + "/repeats")).get("repeats");

        assertThat(repeats).hasSize(1);
        JsonNode repeat = repeats.get(0);
        assertThat(repeat.get("kind").asString()).isEqualTo("db");
        assertThat(repeat.get("operation").asString()).isEqualTo(ITEM_QUERY);
        assertThat(repeat.get("count").asInt()).isEqualTo(8);
        assertThat(repeat.get("parentName").asString()).isEqualTo("order.lines");
        assertThat(repeat.get("service").asString()).isEqualTo("orders");
        assertThat(repeat.get("totalDurationNanos").asLong()).isPositive();

        JsonNode statistics = HttpGet.json(http.get("/actuator/traces/" + traceId + "/statistics"));
        assertThat(statistics.get("operations").valueStream()
                .filter(row -> row.get("operation").asString().equals("SELECT item")))
                .singleElement().satisfies(row -> assertThat(row.get("count").asInt()).isEqualTo(8));
        JsonNode path = HttpGet.json(http.get("/actuator/traces/" + traceId + "/critical-path"));
        assertThat(path.get("segments").valueStream().map(segment -> segment.get("name").asString()))
                .contains("GET /orders/{id}/lines", "order.lines", "SELECT item");
    }

    @Test
    void theEndpointWithRepeatsIsRankedAcrossTraces() {
        request("/orders/42/lines", 8);
        String fewer = request("/orders/7/lines", 3);
        String noLines = request("/orders/42", 0);

        JsonNode report = HttpGet.json(http.get("/actuator/traces/analysis/repeats?minCount=3"));

        assertThat(report.get("partial").asBoolean()).isFalse();
        JsonNode endpoints = report.get("endpoints");
        assertThat(endpoints).hasSize(1);
        JsonNode lines = endpoints.get(0);
        assertThat(lines.get("endpoint").asString()).isEqualTo("GET /orders/{id}/lines");
        assertThat(lines.get("tracesWithRepeats").asInt()).isEqualTo(lines.get("tracesExamined").asInt());
        assertThat(lines.get("topOperation").asString()).isEqualTo(ITEM_QUERY);
        assertThat(lines.get("tracesExamined").asInt()).isGreaterThanOrEqualTo(2);
        String example = lines.get("exampleTraceId").asString();
        assertThat(example).isNotEqualTo(noLines);
        // the example may be either endpoint trace: both have runs of at least the minCount asked for
        assertThat(HttpGet.json(http.get("/actuator/traces/" + example + "/repeats?minCount=3")).get("repeats"))
                .isNotEmpty();
        assertThat(HttpGet.json(http.get("/actuator/traces/" + fewer + "/repeats")).get("repeats")).isEmpty();
    }

    /** Sends the request and waits until its server span and its item queries are stored; returns its trace ID. */
    private String request(String path, int itemQueries) {
        HttpResponse<String> response = http.get(path);
        assertThat(response.statusCode()).isEqualTo(200);
        String traceId = HttpGet.json(response).get("traceId").asString();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode statistics = HttpGet.json(http.get("/actuator/traces/" + traceId + "/statistics"));
            assertThat(statistics.get("operations").valueStream().map(row -> row.get("operation").asString()))
                    .contains("GET " + path.replaceAll("/\\d+", "/{id}"));
            assertThat(statistics.get("operations").valueStream()
                    .filter(row -> row.get("operation").asString().equals("SELECT item"))
                    .mapToInt(row -> row.get("count").asInt()).sum()).isEqualTo(itemQueries);
        });
        return traceId;
    }
}
