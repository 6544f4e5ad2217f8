package dev.tracestore.it.webflux;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** Real HTTP to the app, as the user {@code ops} (the role OPS) and with the {@code Accept} header asked for. */
final class OpsHttp {

    /** What Chromium sends when it opens a page. */
    static final String BROWSER_ACCEPT =
            "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;

    OpsHttp(int port) {
        this.port = port;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** GET without credentials, as the app's own users call it. */
    HttpResponse<String> anonymous(String path) {
        return send(HttpRequest.newBuilder(uri(path)));
    }

    HttpResponse<String> get(URI uri, String accept) {
        return send(HttpRequest.newBuilder(uri).header("Accept", accept).header("Authorization",
                "Basic " + Base64.getEncoder().encodeToString(TracesUsers.OPS.getBytes(StandardCharsets.UTF_8))));
    }

    HttpResponse<String> get(String path, String accept) {
        return get(uri(path), accept);
    }

    /** A 200 JSON answer of the endpoint. */
    JsonNode json(String path) {
        HttpResponse<String> response = get(path, "application/json");
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** A 400 JSON answer of the endpoint. */
    JsonNode badRequest(String path) {
        HttpResponse<String> response = get(path, "application/json");
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(400);
        return JSON.readTree(response.body());
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
