package dev.tracestore.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real Spring MVC application whose sampler keeps nothing while trace-store keeps sampled spans only: after
 * {@value SpanFeedCheck#REQUESTS_BEFORE_CHECK} real requests the log says once that no span reaches trace-store, and
 * the {@code traceStore} health shows it while staying UP.
 */
@ExtendWith(OutputCaptureExtension.class)
class SpanFeedCheckHttpTests {

    @TempDir
    Path directory;

    @Test
    void noSpanWhileServingRealRequestsIsToldInTheLogAndTheHealth(CapturedOutput output) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TraceIdHeaderServletTests.App.class)
                .web(WebApplicationType.SERVLET)
                .properties("server.port=0", "server.address=127.0.0.1", "tracestore.directory=" + directory,
                        "management.tracing.sampling.probability=0", "tracestore.capture=sampled",
                        "management.endpoint.health.show-details=always")
                .run()) {
            LocalHttp http = new LocalHttp(context);
            for (int i = 0; i < SpanFeedCheck.REQUESTS_BEFORE_CHECK; i++) {
                assertThat(http.get("/hello/" + i).statusCode()).isEqualTo(200);
            }
            // The last request's observation stops just after its answer is sent.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(output.getOut())
                    .containsOnlyOnce("Spans do not reach trace-store: no span started while the application "
                            + "served 100 HTTP requests"));
            JsonNode health = JsonMapper.builder().build().readTree(http.get("/actuator/health").body());
            JsonNode traceStore = health.get("components").get("traceStore");
            assertThat(traceStore.get("status").asString()).isEqualTo("UP");
            assertThat(traceStore.get("details").get("spansSeen").asLong()).isZero();
            assertThat(traceStore.get("details").get("notReceivingSpans").asString()).contains("sampling is not 0");
        }
    }
}
