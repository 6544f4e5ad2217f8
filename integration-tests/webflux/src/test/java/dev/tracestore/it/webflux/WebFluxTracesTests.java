package dev.tracestore.it.webflux;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A WebFlux app with the starter, WebClient and the README's reactive security snippet, over real HTTP: a request's
 * server span and its WebClient child span are stored as one trace, the traces endpoint answers only the role OPS
 * while the app stays open, and the explorer's pages and assets carry its Content-Security-Policy and caching headers.
 */
@SpringBootTest(classes = GreetingApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TracesUsers.class)
class WebFluxTracesTests extends GreetingAppTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void theServerSpanAndItsWebClientChildAreOneStoredTrace() throws Exception {
        HttpResponse<String> greeting = get("/greeting", null);
        assertThat(greeting.statusCode()).isEqualTo(200);
        assertThat(greeting.body()).isEqualTo("hello world");

        List<JsonNode> clientSpans = await().atMost(Duration.ofSeconds(10))
                .until(() -> spans("/actuator/traces?view=spans&kind=client"), spans -> spans.size() == 1);
        JsonNode clientSpan = clientSpans.get(0);
        String traceId = clientSpan.get("traceId").asString();

        // /greeting's server span is the root; the WebClient span lies under it (Spring Security's observation adds
        // an "unsecured request" span between them), and /name's server span under the WebClient span.
        String clientSpanId = clientSpan.get("spanId").asString();
        Map<String, JsonNode> trace = await().atMost(Duration.ofSeconds(10))
                .until(() -> bySpanId(spans("/actuator/traces/" + traceId)), spans -> spans.values().stream()
                        .anyMatch(span -> span.get("parentSpanId").asString().equals(clientSpanId)));
        JsonNode root = clientSpan;
        while (!root.get("parentSpanId").asString().isEmpty()) {
            root = trace.get(root.get("parentSpanId").asString());
            assertThat(root).as("every ancestor of the WebClient span is stored in its trace").isNotNull();
        }
        assertThat(root.get("kind").asString()).isEqualTo("SERVER");
        assertThat(root.get("service").asString()).isEqualTo("greetings");
        assertThat(root.get("attributes").toString()).contains("/greeting");
        assertThat(clientSpan.get("attributes").toString()).contains("/name");
        assertThat(trace.values()).filteredOn(span -> span.get("parentSpanId").asString().equals(clientSpanId))
                .singleElement().satisfies(name -> {
                    assertThat(name.get("kind").asString()).isEqualTo("SERVER");
                    assertThat(name.get("attributes").toString()).contains("/name");
                });
    }

    private static Map<String, JsonNode> bySpanId(List<JsonNode> spans) {
        return spans.stream().collect(Collectors.toMap(span -> span.get("spanId").asString(), Function.identity()));
    }

    @Test
    void theTracesEndpointAnswersOnlyTheRoleOps() throws Exception {
        assertThat(get("/actuator/traces", null).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/traces", "dev:dev-secret").statusCode()).isEqualTo(403);
        assertThat(get("/actuator/traces?format=json", "ops:ops-secret").statusCode()).isEqualTo(200);
        assertThat(get("/name", null).statusCode()).isEqualTo(200);
    }

    // Spring Security's own cache headers (no-cache) must not replace the assets' long caching.
    @Test
    void theExplorerPagesAndAssetsCarryThePolicyAndCachingHeaders() throws Exception {
        HttpResponse<String> page = get("/actuator/traces", "ops:ops-secret", "text/html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy -> assertThat(policy)
                .startsWith("default-src 'none'; script-src 'self';").endsWith("; frame-ancestors 'none'"));
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        Matcher script = Pattern.compile("src=\"traces/assets/([0-9a-f]{12})/main\\.js\"").matcher(page.body());
        assertThat(script.find()).as(page.body()).isTrue();

        HttpResponse<String> asset = get("/actuator/traces/assets/" + script.group(1) + "/main.js", "ops:ops-secret",
                "*/*");
        assertThat(asset.statusCode()).isEqualTo(200);
        assertThat(asset.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
        assertThat(asset.headers().allValues("Pragma")).isEmpty();
        assertThat(get("/actuator/traces/assets/main.js", "ops:ops-secret", "*/*").headers()
                .firstValue("Cache-Control")).hasValue("no-store");
        assertThat(get("/actuator/traces", null, "text/html").headers().firstValue("Content-Security-Policy"))
                .isPresent();
        assertThat(get("/name", null, "*/*").headers().firstValue("Content-Security-Policy")).isEmpty();
    }

    private List<JsonNode> spans(String path) throws Exception {
        HttpResponse<String> response = get(path, "ops:ops-secret");
        if (response.statusCode() == 404) {
            return List.of();
        }
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        List<JsonNode> spans = new ArrayList<>();
        JSON.readTree(response.body()).get("spans").forEach(spans::add);
        return spans;
    }

    private HttpResponse<String> get(String path, String credentials) throws IOException, InterruptedException {
        return get(path, credentials, "application/json");
    }

    private HttpResponse<String> get(String path, String credentials, String accept)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", accept).timeout(Duration.ofSeconds(10));
        if (credentials != null) {
            request.header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
