package dev.tracestore.autoconfigure;

import dev.tracestore.core.model.SpanEvent;
import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.store.SpanStore;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
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
 * The listing routes and the scoped {@code attr} forms over real HTTP: services, a service's operations with their
 * kinds, keys per scope, the values of a key for autocompletion, each counted; a bad parameter is a 400 naming it.
 */
class ListingHttpTests {

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
        for (int i = 0; i < 6; i++) {
            boolean failed = i % 3 == 0;
            store.add(StoredSpan.builder().traceId(String.format("%032x", 100 + i)).spanId(String.format("%016x", i + 1))
                    .name(i % 2 == 0 ? "GET /orders/{id}" : "SELECT orders")
                    .kind(i % 2 == 0 ? SpanKind.SERVER : SpanKind.CLIENT)
                    .startEpochNanos(START + i * 1_000L).endEpochNanos(START + i * 1_000L + 500)
                    .attributes(Attributes.of(AttributeKey.stringKey("http.route"), "/orders/{id}"))
                    .events(failed ? List.of(new SpanEvent("exception", START, Attributes.of(
                            AttributeKey.stringKey("exception.type"), "java.net.SocketTimeoutException")))
                            : List.of())
                    .resource(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"),
                            i < 4 ? "orders" : "billing")))
                    .scope(InstrumentationScopeInfo.builder("io.micrometer.tracing").setVersion("1.6.0").build())
                    .build());
        }
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void servicesAndOperationsWithTheirCounts() {
        JsonNode services = ok("/actuator/traces/services");
        assertThat(services.path("services").toString())
                .isEqualTo("[{\"name\":\"billing\",\"spans\":2},{\"name\":\"orders\",\"spans\":4}]");
        assertThat(services.path("partial").asBoolean()).isFalse();

        JsonNode operations = ok("/actuator/traces/services/orders/operations");
        assertThat(operations.path("service").asString()).isEqualTo("orders");
        assertThat(operations.path("operations").toString()).isEqualTo("[{\"name\":\"GET /orders/{id}\","
                + "\"kind\":\"server\",\"spans\":2},{\"name\":\"SELECT orders\",\"kind\":\"client\",\"spans\":2}]");
        assertThat(ok("/actuator/traces/services/nobody/operations").path("operations")).isEmpty();
        // a window that starts after the first three spans
        assertThat(ok("/actuator/traces/services?from=2025-01-01T10:00:00.000003Z").path("services").toString())
                .isEqualTo("[{\"name\":\"billing\",\"spans\":2},{\"name\":\"orders\",\"spans\":1}]");
    }

    @Test
    void keysPerScopeAndTheValuesOfAKey() {
        JsonNode keys = ok("/actuator/traces/keys?scope=event");
        assertThat(keys.path("keys").toString()).isEqualTo("[{\"scope\":\"event\",\"key\":\"exception.type\","
                + "\"types\":[\"string\"],\"spans\":2},{\"scope\":\"event\",\"key\":\"name\",\"types\":[\"string\"],"
                + "\"spans\":2}]");
        List<String> all = new ArrayList<>();
        ok("/actuator/traces/keys").path("keys").forEach(key -> all.add(key.path("scope").asString() + "."
                + key.path("key").asString()));
        assertThat(all).contains("span.http.route", "resource.service.name", "event.exception.type",
                "instrumentation.name", "instrumentation.version");

        JsonNode values = ok("/actuator/traces/keys/event.exception.type/values?prefix=java.net&limit=5");
        assertThat(values.path("values").toString()).isEqualTo("[{\"scope\":\"event\","
                + "\"value\":\"java.net.SocketTimeoutException\",\"spans\":2}]");
        assertThat(ok("/actuator/traces/keys/service.name/values?prefix=x").path("values")).isEmpty();
        assertThat(ok("/actuator/traces/keys/instrumentation.version/values").path("values").toString())
                .isEqualTo("[{\"scope\":\"instrumentation\",\"value\":\"1.6.0\",\"spans\":6}]");
    }

    @Test
    void everyScopeIsSearchable() {
        JsonNode found = ok("/actuator/traces?view=spans&attr=event.exception.type%3Djava.net.SocketTimeoutException");
        assertThat(found.path("spans")).hasSize(2);
        assertThat(ok("/actuator/traces?view=spans&attr=instrumentation.name%3Dio.micrometer.tracing")
                .path("spans")).hasSize(6);
        assertThat(ok("/actuator/traces?view=spans&attr=event.name%3Dexception&service=billing").path("spans"))
                .hasSize(0);
    }

    @Test
    void aBadParameterIsA400NamingIt() {
        assertBadRequest("/actuator/traces/keys?scope=everything", "scope");
        assertBadRequest("/actuator/traces/keys/http.route/values?limit=0", "limit");
        assertBadRequest("/actuator/traces/services?lookback=soon", "lookback");
        assertBadRequest("/actuator/traces/services?lookback=1h&from=2025-01-01T10:00:00Z", "lookback");
        assertBadRequest("/actuator/traces/services?from=yesterday", "from");
        assertBadRequest("/actuator/traces/services?scope=span", "scope");
        assertBadRequest("/actuator/traces/services/orders/operations?prefix=G", "prefix");
        assertBadRequest("/actuator/traces/keys/%20/values", "key");
    }

    private JsonNode ok(String path) {
        HttpResponse<String> response = http.get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private void assertBadRequest(String path, String parameter) {
        HttpResponse<String> response = http.get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(400);
        assertThat(json.readTree(response.body()).path("parameter").asString()).as(path).isEqualTo(parameter);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }
}
