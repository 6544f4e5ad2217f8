package dev.tracestore.it.boot41;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * TraceQL ({@code q=}) and RED per operation on the products app, as a user of Boot 4.1 asks them, for one span
 * convention (the subclasses): three GET /products/{id} and one failed GET /products/{id}/fail, over real HTTP.
 * <p>
 * The README's ten TraceQL examples are written for Micrometer's names on the sample app. Seven apply to any app
 * with the route renamed: {@code status = error}, a name, the route and status tags, the exception event, failures
 * below a server span, {@code by(name)} and {@code select(...)}; the three about the sample's own spans
 * ({@code order.find}, {@code inventory.check}, {@code pricing.quote}, {@code order.id}) do not. TraceQL compares
 * names as written, so on OpenTelemetry's convention the Micrometer-named examples find nothing and their
 * OpenTelemetry forms find what the Micrometer forms find on Micrometer's. The explorer pages are served as well.
 */
abstract class QueriesAndAnalyses extends ProductsAppTests {

    ProductsClient products;

    private static final Map<Class<?>, String> failures = new TreeMap<>((a, b) -> a.getName().compareTo(b.getName()));
    private static final Map<Class<?>, Set<String>> lookups = new TreeMap<>((a, b) -> a.getName().compareTo(b.getName()));

    /** @return the server span's name for a route, as the convention names it */
    abstract String serverSpanName(String route);

    /** @return whether the spans follow Micrometer's convention (else OpenTelemetry's) */
    abstract boolean micrometer();

    @BeforeEach
    void traffic() {
        products = new ProductsClient(port);
        if (failures.containsKey(getClass())) {
            return;
        }
        Set<String> traceIds = new HashSet<>();
        for (String id : List.of("7", "8", "9")) {
            traceIds.add(products.product(id));
        }
        products.failingProduct("8");
        await().atMost(Duration.ofSeconds(10)).until(() -> products.search("kind=server").size() == 4);
        String failure = products.search("failed=true").get(0).get("traceId").asString();
        lookups.put(getClass(), traceIds);
        failures.put(getClass(), failure);
    }

    Set<String> lookups() {
        return lookups.get(getClass());
    }

    String failure() {
        return failures.get(getClass());
    }

    @Test
    void theReadmesTraceQlExamplesThatApply() {
        assertThat(traceIds("{ status = error }")).containsExactly(failure());

        String micrometerName = "{ name = \"http get /products/{id}\" }";
        String otelName = "{ name = \"GET /products/{id}\" }";
        assertThat(traceIds(micrometerName)).isEqualTo(micrometer() ? lookups() : Set.of());
        assertThat(traceIds(otelName)).isEqualTo(micrometer() ? Set.of() : lookups());

        String micrometerTags = "{ span.uri = \"/products/{id}/fail\" && span.status = \"500\" }";
        String otelTags = "{ span.http.route = \"/products/{id}/fail\" && span.http.response.status_code = \"500\" }";
        assertThat(traceIds(micrometerTags)).isEqualTo(micrometer() ? Set.of(failure()) : Set.of());
        assertThat(traceIds(otelTags)).isEqualTo(micrometer() ? Set.of() : Set.of(failure()));

        assertThat(traceIds("{ event.exception.type =~ \".*IllegalStateException\" }")).containsExactly(failure());
        // The failed server span has no span below it in this app (the sample's has payment.charge).
        assertThat(traceIds("{ kind = server } >> { status = error }")).isEmpty();

        JsonNode grouped = search("{ status = error } | by(name)");
        assertThat(grouped.get("traces")).singleElement().satisfies(trace -> assertThat(trace.get("spansets"))
                .singleElement().satisfies(spanset -> assertThat(spanset.get("groupedBy").get("name").asString())
                        .isEqualTo(serverSpanName("/products/{id}/fail"))));

        String columns = micrometer() ? "span.uri, span.status" : "span.http.route, span.http.response.status_code";
        JsonNode selected = search("{ kind = server } | select(" + columns + ", duration)");
        Set<String> all = new HashSet<>(lookups());
        all.add(failure());
        assertThat(traceIdsOf(selected)).isEqualTo(all);
        Set<String> rows = new HashSet<>();
        selected.findValues("selected").forEach(values -> rows.add(values.get(columns.split(", ")[0]).asString()
                + " " + values.get(columns.split(", ")[1]).asString() + " " + values.get("duration").isNumber()));
        assertThat(rows).containsExactlyInAnyOrder("/products/{id} 200 true", "/products/{id}/fail 500 true");
    }

    @Test
    void redPerOperationGroupsByHttpRoute() {
        JsonNode red = products.json("/actuator/traces/analysis/operations?lookback=1h&groupBy=http.route");
        Map<String, String> byRoute = new TreeMap<>();
        red.get("operations").forEach(operation -> byRoute.put(operation.get("group").get("http.route").asString(),
                operation.get("total").get("count").asInt() + " requests, "
                        + operation.get("total").get("errors").asInt() + " errors"));
        assertThat(byRoute).containsExactly(Map.entry("/products/{id}", "3 requests, 0 errors"),
                Map.entry("/products/{id}/fail", "1 requests, 1 errors"));

        JsonNode byName = products.json("/actuator/traces/analysis/operations?lookback=1h");
        List<String> names = new ArrayList<>();
        byName.get("operations").forEach(operation -> names.add(operation.get("group").get("span.name").asString()
                + " " + operation.get("total").get("count").asInt()));
        assertThat(names).containsExactly(serverSpanName("/products/{id}") + " 3",
                serverSpanName("/products/{id}/fail") + " 1");
    }

    /** Boot 4.1's Actuator serves the pages to a browser's {@code Accept}, and every file the pages reference. */
    @Test
    void theExplorerPagesAndTheirFilesAreServed() {
        String browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
        String traceId = lookups().iterator().next();
        for (String page : List.of("/actuator/traces", "/actuator/traces/" + traceId,
                "/actuator/traces/operations-page", "/actuator/traces/compare/" + traceId + "/" + failure())) {
            HttpResponse<String> html = products.get(page, browser);
            assertThat(html.statusCode()).as(page).isEqualTo(200);
            assertThat(html.headers().firstValue("Content-Type")).as(page).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/html"));
        }
        HttpResponse<String> start = products.get("/actuator/traces", browser);
        Matcher files = Pattern.compile("(?:href|src)=\"traces/(assets/[^\"]+)\"").matcher(start.body());
        Set<String> served = new HashSet<>();
        while (files.find()) {
            HttpResponse<String> file = products.get("/actuator/traces/" + files.group(1), "*/*");
            assertThat(file.statusCode()).as(files.group(1)).isEqualTo(200);
            assertThat(file.headers().firstValue("Content-Type").orElse("")).as(files.group(1))
                    .matches(files.group(1).endsWith(".css") ? "text/css.*" : "(text|application)/javascript.*");
            served.add(files.group(1).substring(files.group(1).lastIndexOf('/') + 1));
        }
        assertThat(served).contains("explorer.css", "main.js", "api.js");
        assertThat(products.get("/actuator/traces?lookback=1h", "*/*").headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).contains("json"));
    }

    @Test
    void theEndpointWithATrailingSlashIsNotFound() {
        assertThat(products.status("/actuator/traces/")).isEqualTo(404);
    }

    private Set<String> traceIds(String traceQl) {
        return traceIdsOf(search(traceQl));
    }

    private JsonNode search(String traceQl) {
        return products.json("/actuator/traces?lookback=1h&q=" + URLEncoder.encode(traceQl, StandardCharsets.UTF_8));
    }

    private static Set<String> traceIdsOf(JsonNode answer) {
        Set<String> traceIds = new HashSet<>();
        answer.get("traces").forEach(trace -> traceIds.add(trace.get("traceId").asString()));
        return traceIds;
    }
}
