package dev.tracestore.sample;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A trace recorded before a restart is served after it, from the files in {@code tracestore.directory}. */
class RestartTests {

    @TempDir
    Path directory;

    @Test
    void traceSurvivesARestart() {
        String traceId;
        String firstTrace;
        try (ConfigurableApplicationContext first = start()) {
            HttpGet http = new HttpGet(port(first));
            traceId = HttpGet.json(http.get("/orders/7")).get("traceId").asString();
            await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/actuator/traces/" + traceId).body()
                    .contains("\"GET /orders/{id}\""));
            firstTrace = http.get("/actuator/traces/" + traceId).body();
        }
        assertThat(directory.resolve("spans.jsonl")).content().contains(traceId);

        try (ConfigurableApplicationContext second = start()) {
            HttpResponse<String> response = new HttpGet(port(second)).get("/actuator/traces/" + traceId);

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode spans = HttpGet.json(response).get("spans");
            assertThat(spans.valueStream().map(span -> span.get("name").asString()))
                    .contains("GET /orders/{id}", "order.find", "inventory.check", "pricing.quote");
            assertThat(response.body()).isEqualTo(firstTrace);
        }
    }

    private ConfigurableApplicationContext start() {
        // Command-line arguments: properties() would only set defaults, which application.yml overrides.
        return new SpringApplicationBuilder(SampleApplication.class)
                .run("--server.port=0", "--tracestore.directory=" + directory);
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
