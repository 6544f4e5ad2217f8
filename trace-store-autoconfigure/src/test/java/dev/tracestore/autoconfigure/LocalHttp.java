package dev.tracestore.autoconfigure;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/** GET requests to a running test application on 127.0.0.1, at the port its web server took. */
final class LocalHttp {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    /**
     * Starts a servlet app on 127.0.0.1 at a free port that keeps its spans in {@code directory} and serves the
     * {@code traces} endpoint over HTTP.
     */
    static ConfigurableApplicationContext startServlet(Class<?> app, Path directory, String... properties) {
        return new SpringApplicationBuilder(app).web(WebApplicationType.SERVLET)
                .properties("server.port=0", "server.address=127.0.0.1", "tracestore.directory=" + directory,
                        "management.endpoints.web.exposure.include=traces")
                .properties(properties).run();
    }

    LocalHttp(ConfigurableApplicationContext context) {
        this.base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    HttpResponse<String> get(String path) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                    .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
