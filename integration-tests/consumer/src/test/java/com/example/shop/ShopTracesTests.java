package com.example.shop;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Starts the app on a real port, calls it, and reads the request's spans back from {@code /actuator/traces} and
 * from the span files: what a user checks after adding the starter.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class ShopTracesTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path directory;

    @DynamicPropertySource
    static void spanFiles(DynamicPropertyRegistry registry) {
        registry.add("tracestore.directory", directory::toString);
    }

    @LocalServerPort
    int port;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aRequestsSpansArriveAtTheTracesEndpointAndInTheFiles() throws Exception {
        HttpResponse<String> product = get("/products/7");
        assertThat(product.statusCode()).isEqualTo(200);
        String traceId = product.body();
        assertThat(traceId).matches("[0-9a-f]{32}");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            HttpResponse<String> trace = get("/actuator/traces/" + traceId + "?format=json");
            assertThat(trace.statusCode()).isEqualTo(200);
            JsonNode spans = JSON.readTree(trace.body()).get("spans");
            assertThat(spans).singleElement().satisfies(span -> {
                assertThat(span.get("traceId").asString()).isEqualTo(traceId);
                assertThat(span.get("kind").asString()).isEqualTo("SERVER");
                assertThat(span.get("service").asString()).isEqualTo("shop");
            });
        });
        JsonNode serverSpans = JSON.readTree(get("/actuator/traces?view=spans&kind=server&service=shop&format=json")
                .body());
        assertThat(serverSpans.findValuesAsString("traceId")).contains(traceId);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(Files.readString(directory.resolve("spans.jsonl"))).contains(traceId));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
