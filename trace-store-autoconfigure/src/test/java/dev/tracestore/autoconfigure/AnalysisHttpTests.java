package dev.tracestore.autoconfigure;

import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.SpanQuery;
import dev.tracestore.core.store.SpanStore;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.resources.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The analysis routes over real HTTP on a default Spring MVC application: its own requests grouped by
 * {@code http.route} (Micrometer's {@code uri} on a default Boot app), the exception of a failing endpoint among the
 * problems, dependencies between services, and 400s naming the bad parameter.
 */
class AnalysisHttpTests {

    @TempDir
    static Path directory;

    private static ConfigurableApplicationContext context;
    private static LocalHttp http;
    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void start() {
        context = new SpringApplicationBuilder(TraceIdHeaderServletTests.App.class).web(WebApplicationType.SERVLET)
                .properties("server.port=0", "server.address=127.0.0.1", "tracestore.directory=" + directory,
                        "management.endpoints.web.exposure.include=traces", "management.tracing.sampling.probability=1")
                .run();
        http = new LocalHttp(context);
        for (String name : List.of("ada", "bob", "cy")) {
            assertThat(http.get("/hello/" + name).statusCode()).isEqualTo(200);
        }
        for (int i = 0; i < 2; i++) {
            assertThat(http.get("/boom").statusCode()).isEqualTo(500);
        }
        SpanStore store = context.getBean(SpanStore.class);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(store.findSpans(SpanQuery.builder()
                .kind(SpanKind.SERVER).build())).hasSizeGreaterThanOrEqualTo(5));
        long start = System.currentTimeMillis() * 1_000_000L - 1_000_000_000L;
        store.add(span("web", SpanKind.CLIENT, 1, 0, start));
        store.add(span("orders", SpanKind.SERVER, 2, 1, start + 1000));
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    private static StoredSpan span(String service, SpanKind kind, int id, int parent, long start) {
        return StoredSpan.builder().traceId("0000000000000000000000000000dddd").spanId(String.format("%016x", id))
                .parentSpanId(parent == 0 ? "" : String.format("%016x", parent)).name("call").kind(kind)
                .startEpochNanos(start).endEpochNanos(start + 500_000)
                .resource(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), service))).build();
    }

    @Test
    void operationsGroupedByRouteOnADefaultBootApp() {
        JsonNode body = ok("/actuator/traces/analysis/operations?groupBy=http.route&lookback=1h&bucket=1m");
        assertThat(body.get("partial").asBoolean()).isFalse();
        List<String> routes = new ArrayList<>();
        JsonNode hello = null;
        JsonNode boom = null;
        for (JsonNode operation : body.get("operations")) {
            // a span without the key (an actuator request has no route) has no value: left out of the JSON
            JsonNode value = operation.get("group").get("http.route");
            String route = value == null ? null : value.asString();
            routes.add(route);
            if ("/hello/{name}".equals(route)) {
                hello = operation.get("total");
            } else if ("/boom".equals(route)) {
                boom = operation.get("total");
            }
        }
        assertThat(routes).contains("/hello/{name}", "/boom");
        assertThat(hello.get("count").asLong()).isEqualTo(3);
        assertThat(hello.get("errors").asLong()).isZero();
        assertThat(hello.get("p99Nanos").asLong()).isPositive().isLessThanOrEqualTo(hello.get("maxNanos").asLong());
        assertThat(boom.get("count").asLong()).isEqualTo(2);
        assertThat(boom.get("errorRate").asDouble()).isEqualTo(1.0);
    }

    @Test
    void problemsShowTheFailingEndpointAndItsException() {
        JsonNode body = ok("/actuator/traces/analysis/problems?lookback=1h&limit=3");
        assertThat(body.get("failing").get(0).get("total").get("errors").asLong()).isEqualTo(2);
        List<String> types = new ArrayList<>();
        body.get("exceptions").forEach(seen -> types.add(seen.get("type").asString()));
        assertThat(types).anyMatch(type -> type.endsWith("IllegalStateException"));
        JsonNode first = body.get("exceptions").get(0);
        assertThat(first.get("exampleTraceId").asString()).hasSize(32);
        assertThat(first.get("spans").asLong()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void dependenciesBetweenServices() {
        JsonNode body = ok("/actuator/traces/analysis/dependencies?lookback=1h&service=orders");
        assertThat(body.get("links")).hasSize(1);
        JsonNode link = body.get("links").get(0);
        assertThat(link.get("caller").asString()).isEqualTo("web");
        assertThat(link.get("callee").asString()).isEqualTo("orders");
        assertThat(link.get("calls").asLong()).isEqualTo(1);
    }

    @Test
    void badParametersAre400sNamingThem() {
        assertBadRequest("/actuator/traces/analysis/operations?bucket=soon", "bucket");
        assertBadRequest("/actuator/traces/analysis/operations?kind=sideways", "kind");
        assertBadRequest("/actuator/traces/analysis/operations?groupBy=a,,b", "groupBy");
        assertBadRequest("/actuator/traces/analysis/operations?lookback=1h&from=2026-01-01T00:00:00Z", "lookback");
        assertBadRequest("/actuator/traces/analysis/operations?traceId=abc", "traceId");
        assertBadRequest("/actuator/traces/analysis/problems?limit=0", "limit");
        assertBadRequest("/actuator/traces/analysis/dependencies?groupBy=http.route", "groupBy");
        assertBadRequest("/actuator/traces/analysis/operations?bucket=1ms&lookback=1h", "bucket");
        assertBadRequest("/actuator/traces/analysis/operations?bucket=1000000d", "bucket");
    }

    private JsonNode ok(String path) {
        HttpResponse<String> response = http.get(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private void assertBadRequest(String path, String parameter) {
        HttpResponse<String> response = http.get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(400);
        assertThat(response.body()).as(path).contains(parameter);
    }
}
