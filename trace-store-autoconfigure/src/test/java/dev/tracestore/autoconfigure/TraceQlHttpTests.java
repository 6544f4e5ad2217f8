package dev.tracestore.autoconfigure;

import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.store.SpanStore;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
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

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /actuator/traces?q=<TraceQL>} over real HTTP: matched traces with their spansets, the time window and
 * limit, and a 400 naming {@code q} (with the column) or the parameter that does not combine with it.
 */
class TraceQlHttpTests {

    private static final String FAILED = "0000000000000000000000000000aaaa";
    private static final String FINE = "0000000000000000000000000000bbbb";

    @TempDir
    static Path directory;

    private static ConfigurableApplicationContext context;
    private static LocalHttp http;
    private static long start;
    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void start() {
        context = LocalHttp.startServlet(App.class, directory);
        http = new LocalHttp(context);
        SpanStore store = context.getBean(SpanStore.class);
        start = Instant.now().minusSeconds(60).toEpochMilli() * 1_000_000;
        for (String trace : new String[] {FAILED, FINE}) {
            store.add(span(trace, 1, 0, "frontend", "http get /orders/{id}", SpanKind.SERVER, StatusCode.UNSET));
            store.add(span(trace, 2, 1, "orders", "find order", SpanKind.INTERNAL, StatusCode.UNSET));
            store.add(span(trace, 3, 2, "orders", "select orders", SpanKind.CLIENT,
                    trace.equals(FAILED) ? StatusCode.ERROR : StatusCode.OK));
        }
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    private static StoredSpan span(String traceId, int id, int parent, String service, String name, SpanKind kind,
            StatusCode status) {
        long begin = start + id * 1_000_000L + (traceId.equals(FAILED) ? 0 : 5_000_000_000L);
        return StoredSpan.builder().traceId(traceId).spanId(String.format("%016x", id))
                .parentSpanId(parent == 0 ? "" : String.format("%016x", parent)).name(name).kind(kind)
                .startEpochNanos(begin).endEpochNanos(begin + 2_000_000).status(status, "")
                .attributes(Attributes.of(AttributeKey.stringKey("uri"), "/orders/{id}"))
                .resource(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), service))).build();
    }

    private HttpResponse<String> query(String q, String more) {
        return http.get("/actuator/traces?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + more);
    }

    @Test
    void aStructuralQueryAnswersTheTraceWithItsMatchedSpans() {
        HttpResponse<String> response = query("{ resource.service.name = \"frontend\" } >> { status = error }", "");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("traces")).hasSize(1);
        JsonNode trace = body.get("traces").get(0);
        assertThat(trace.get("traceId").asString()).isEqualTo(FAILED);
        assertThat(trace.get("rootService").asString()).isEqualTo("frontend");
        assertThat(trace.get("errorCount").asInt()).isEqualTo(1);
        JsonNode spans = trace.get("spansets").get(0).get("spans");
        assertThat(spans).hasSize(1);
        assertThat(spans.get(0).get("span").get("name").asString()).isEqualTo("select orders");
        assertThat(body.get("partial").asBoolean()).isFalse();
    }

    @Test
    void groupsSelectionsWindowAndLimitApply() {
        JsonNode grouped = json.readTree(query("{ } | by(resource.service.name) | count() > 1 | select(span.uri)",
                "&limit=1").body());
        assertThat(grouped.get("traces")).hasSize(1);
        JsonNode spanset = grouped.get("traces").get(0).get("spansets").get(0);
        assertThat(spanset.get("groupedBy").get("resource.service.name").asString()).isEqualTo("orders");
        assertThat(spanset.get("spans").get(0).get("selected").get("span.uri").asString()).isEqualTo("/orders/{id}");
        String beforeFine = Instant.ofEpochSecond(0, start + 4_000_000_000L).toString();
        JsonNode windowed = json.readTree(query("{ kind = server }", "&to=" + beforeFine).body());
        assertThat(windowed.get("traces")).hasSize(1);
        assertThat(windowed.get("traces").get(0).get("traceId").asString()).isEqualTo(FAILED);
        assertThat(json.readTree(query("{ kind = server }", "&lookback=1h").body()).get("traces")).hasSize(2);
    }

    @Test
    void aSyntaxErrorIsA400PointingAtTheColumn() {
        HttpResponse<String> response = query("{ span.uri = }", "");
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = json.readTree(response.body());
        assertThat(error.get("parameter").asString()).isEqualTo("q");
        assertThat(error.get("message").asString()).startsWith("q: syntax error at column 14: ");
    }

    @Test
    void aFeatureOutsideTheSubsetIsA400NamingIt() {
        HttpResponse<String> response = query("{ } | rate()", "");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).get("message").asString())
                .contains("not supported", "metrics function rate()");
    }

    @Test
    void filterParametersDoNotCombineWithQ() {
        HttpResponse<String> response = query("{ }", "&service=orders");
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = json.readTree(response.body());
        assertThat(error.get("parameter").asString()).isEqualTo("service");
        assertThat(error.get("message").asString()).contains("resource.service.name");
        assertThat(json.readTree(query("{ }", "&view=spans").body()).get("parameter").asString()).isEqualTo("view");
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }
}
