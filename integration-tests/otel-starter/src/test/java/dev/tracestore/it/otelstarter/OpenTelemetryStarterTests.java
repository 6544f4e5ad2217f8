package dev.tracestore.it.otelstarter;

import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.otel.FileBasedSpanProcessor;
import dev.tracestore.core.store.SpanStore;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The OpenTelemetry Spring Boot starter builds its own tracer provider (no {@code SpanProcessor} beans, no Boot
 * tracing auto-configuration); trace-store's processor still receives every span of real HTTP requests, its
 * sampler ({@code otel.traces.sampler}) is wrapped as with Boot's, and {@code /actuator/traces} serves the result.
 */
@SpringBootTest(classes = StarterApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"otel.traces.sampler=traceidratio", "otel.traces.sampler.arg=0.1"})
@Import(OpenTelemetryStarterTests.Exporter.class)
@DirtiesContext
class OpenTelemetryStarterTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Sampler TEN_PERCENT = Sampler.traceIdRatioBased(0.1);

    @TempDir
    static Path directory;

    @DynamicPropertySource
    static void traceStoreDirectory(DynamicPropertyRegistry registry) {
        registry.add("tracestore.directory", () -> directory.toString());
    }

    /** An exporter added the way the starter takes SDK components, to see what exporters receive. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Exporter {

        @Bean
        InMemorySpanExporter inMemorySpanExporter() {
            return InMemorySpanExporter.create();
        }

        @Bean
        AutoConfigurationCustomizerProvider inMemoryExporterCustomizer(InMemorySpanExporter exporter) {
            return customizer -> customizer.addTracerProviderCustomizer(
                    (builder, config) -> builder.addSpanProcessor(SimpleSpanProcessor.create(exporter)));
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    SpanStore store;

    @Autowired
    FileBasedSpanProcessor processor;

    @Autowired
    InMemorySpanExporter exporter;

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void aRequestsSpansReachTheStoreTheFilesAndTheTracesEndpoint() throws Exception {
        String traceId = get("/orders/42").body();

        await().atMost(Duration.ofSeconds(10)).until(() -> store.getTrace(traceId).size() == 2);
        Map<String, StoredSpan> spans = new HashMap<>();
        store.getTrace(traceId).forEach(span -> spans.put(span.name(), span));
        StoredSpan server = spans.get("GET /orders/{id}");
        assertThat(server.kind()).isEqualTo(SpanKind.SERVER);
        assertThat(server.attributes().get(AttributeKey.stringKey("http.route")))
                .isEqualTo("/orders/{id}");
        assertThat(spans.get("order.find").parentSpanId()).isEqualTo(server.spanId());

        JsonNode trace = JSON.readTree(get("/actuator/traces/" + traceId).body());
        assertThat(trace.get("spans")).extracting(span -> span.get("name").asString())
                .containsExactlyInAnyOrder("GET /orders/{id}", "order.find");
        assertThat(processor.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
        assertThat(Files.readString(directory.resolve("spans.jsonl"))).contains(traceId);
    }

    @Test
    void theStoreSeesEveryRequestAndTheExporterOnlyTheSampledOnes() throws Exception {
        List<String> traceIds = new ArrayList<>();
        while (traceIds.size() < 50 || sampled(traceIds).isEmpty()) {
            traceIds.add(get("/orders/" + traceIds.size()).body());
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(traceIds)
                .allSatisfy(traceId -> assertThat(store.getTrace(traceId)).hasSize(2)));
        Set<String> exportedTraces = exporter.getFinishedSpanItems().stream().map(SpanData::getTraceId)
                .filter(traceIds::contains).collect(Collectors.toSet());
        assertThat(exportedTraces).isEqualTo(sampled(traceIds)).hasSizeLessThan(traceIds.size());
        assertThat(exporter.getFinishedSpanItems()).allMatch(span -> span.getSpanContext().isSampled());
    }

    private static Set<String> sampled(List<String> traceIds) {
        return traceIds.stream().filter(traceId -> TEN_PERCENT.shouldSample(Context.root(), traceId, "GET",
                        SpanKind.SERVER, Attributes.empty(), List.of()).getDecision() == SamplingDecision.RECORD_AND_SAMPLE)
                .collect(Collectors.toSet());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response;
    }
}
