package dev.tracestore.sample;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /actuator/health} over HTTP while the span files cannot be written: {@code traceStore} shows the error and
 * stays UP by default, so the app's health answers 200; with {@code tracestore.health.down-on-file-error=true} it
 * goes DOWN (503).
 */
class HealthTests {

    @TempDir
    Path temp;

    @Test
    void traceStoreShowsTheFileErrorAndStaysUpByDefault() throws IOException {
        faultAndRecovery(200, "UP");
    }

    @Test
    void traceStoreIsDownWhileTheSpanDirectoryIsUnusableWhenAskedTo() throws IOException {
        faultAndRecovery(503, "DOWN", "--tracestore.health.down-on-file-error=true");
    }

    private void faultAndRecovery(int httpStatusOnFault, String statusOnFault, String... arguments)
            throws IOException {
        Path directory = temp.resolve("traces");
        String[] all = Stream.concat(Stream.of("--server.port=0", "--tracestore.directory=" + directory,
                "--tracestore.flush-interval=100ms", "--management.endpoint.health.show-details=always"),
                Stream.of(arguments)).toArray(String[]::new);
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(SampleApplication.class).run(all)) {
            HttpGet http = new HttpGet(((WebServerApplicationContext) app).getWebServer().getPort());
            HttpResponse<String> healthy = http.get("/actuator/health");
            assertThat(healthy.statusCode()).isEqualTo(200);
            JsonNode traceStore = HttpGet.json(healthy).get("components").get("traceStore");
            assertThat(traceStore.get("status").asString()).isEqualTo("UP");
            assertThat(traceStore.get("details").get("directory").asString())
                    .isEqualTo(directory.toAbsolutePath().toString());

            deleteRecursively(directory);
            Files.writeString(directory, "a file where the span directory was");
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                http.get("/orders/7");
                HttpResponse<String> response = http.get("/actuator/health");
                assertThat(response.statusCode()).isEqualTo(httpStatusOnFault);
                JsonNode faulty = HttpGet.json(response).get("components").get("traceStore");
                assertThat(faulty.get("status").asString()).isEqualTo(statusOnFault);
                assertThat(faulty.get("details").get("error").asString()).contains(directory.toString());
                assertThat(faulty.get("details").get("fileLogActive").asBoolean()).isFalse();
                assertThat(faulty.get("details").get("spansFailed").asLong()).isPositive();
            });

            Files.delete(directory);
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                http.get("/orders/7");
                HttpResponse<String> response = http.get("/actuator/health");
                assertThat(response.statusCode()).isEqualTo(200);
                JsonNode recovered = HttpGet.json(response).get("components").get("traceStore");
                assertThat(recovered.get("status").asString()).isEqualTo("UP");
                assertThat(recovered.get("details").get("fileLogActive").asBoolean()).isTrue();
            });
            assertThat(directory.resolve("spans.jsonl")).isRegularFile();
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
