package dev.tracestore.it.boot41;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Calls the products app over real HTTP and reads its spans back from {@code /actuator/traces}. */
final class ProductsClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;

    ProductsClient(int port) {
        this.port = port;
    }

    /** GET /products/{id}; answers the request's trace ID. */
    String product(String id) {
        HttpResponse<String> response = get("/products/" + id);
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** GET /products/{id}/fail, which the app answers with a 500. */
    void failingProduct(String id) {
        assertThat(get("/products/" + id + "/fail").statusCode()).isEqualTo(500);
    }

    /** The stored trace's spans, once it holds {@code count} of them. */
    List<JsonNode> trace(String traceId, int count) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> spans("/actuator/traces/" + traceId),
                spans -> spans.size() == count);
    }

    /** The spans a span search answers, for a query string such as {@code failed=true}. */
    List<JsonNode> search(String query) {
        return spans("/actuator/traces?view=spans&format=json&" + query);
    }

    /** A 200 JSON answer of the traces endpoint, for a path such as {@code /actuator/traces/services}. */
    JsonNode json(String path) {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** The HTTP status a GET of the path answers. */
    int status(String path) {
        return get(path).statusCode();
    }

    /** A span's attributes, every value as the text JSON holds it. */
    static Map<String, String> attributes(JsonNode span) {
        Map<String, String> attributes = new TreeMap<>();
        span.get("attributes").properties().forEach(entry -> attributes.put(entry.getKey(), entry.getValue().asString()));
        return attributes;
    }

    private List<JsonNode> spans(String path) {
        HttpResponse<String> response = get(path);
        if (response.statusCode() == 404) {
            return List.of();
        }
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        List<JsonNode> spans = new ArrayList<>();
        JSON.readTree(response.body()).get("spans").forEach(spans::add);
        return spans;
    }

    private HttpResponse<String> get(String path) {
        return get(path, "application/json");
    }

    /** A GET with the {@code Accept} header given, such as a browser's. */
    HttpResponse<String> get(String path, String accept) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", accept).timeout(Duration.ofSeconds(10)).build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
