package dev.tracestore.sample;

import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.store.SpanStore;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code tracestore.capture=all} (the default) at Boot's default sampling of 10 %: the store keeps every request,
 * while an exporter registered the Boot way (a {@code SpanExporter} bean, sent through Boot's
 * {@code BatchSpanProcessor}) still receives exactly the sampled ones.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "management.tracing.sampling.probability=0.1")
class CaptureAllTests extends SampleAppTests {

    private static final int REQUESTS = 50;
    /** Boot's sampler keeps a trace when this says so: the decision depends on the trace ID only. */
    private static final Sampler TEN_PERCENT = Sampler.traceIdRatioBased(0.1);

    @TestConfiguration(proxyBeanMethods = false)
    static class Exporter {

        @Bean
        InMemorySpanExporter inMemorySpanExporter() {
            return InMemorySpanExporter.create();
        }
    }

    @Autowired
    SpanStore store;

    @Autowired
    InMemorySpanExporter exporter;

    @Autowired
    SdkTracerProvider tracerProvider;

    @Test
    void theStoreSeesEveryRequestAndTheExporterOnlyTheSampledOnes() {
        HttpGet http = new HttpGet(port);
        List<String> traceIds = new ArrayList<>();
        // 50 requests, and more (rarely) until at least one is sampled, so that the exporter's half is shown too
        while (traceIds.size() < REQUESTS || sampled(traceIds).isEmpty()) {
            var response = http.get("/orders/" + traceIds.size());
            assertThat(response.statusCode()).isEqualTo(200);
            traceIds.add(response.headers().firstValue("X-Trace-Id").orElseThrow());
        }

        // every request is stored whole: the server span and its three children
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(traceIds)
                .allSatisfy(traceId -> assertThat(store.getTrace(traceId)).extracting(StoredSpan::name)
                        .contains("GET /orders/{id}", "order.find", "inventory.check", "pricing.quote")));

        assertThat(tracerProvider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
        List<SpanData> exported = exporter.getFinishedSpanItems();
        Set<String> exportedServerTraces = exported.stream().filter(span -> span.getKind() == SpanKind.SERVER)
                .filter(span -> span.getName().equals("GET /orders/{id}"))
                .map(SpanData::getTraceId).collect(Collectors.toSet());
        System.out.printf("%d requests, %d sampled and exported, all %d stored%n", traceIds.size(),
                exportedServerTraces.size(), traceIds.size());
        assertThat(exportedServerTraces).isEqualTo(sampled(traceIds));
        assertThat(exportedServerTraces).hasSizeLessThan(traceIds.size());
        assertThat(exported).allMatch(span -> span.getSpanContext().isSampled());
    }

    private static Set<String> sampled(List<String> traceIds) {
        return traceIds.stream().filter(traceId -> TEN_PERCENT.shouldSample(Context.root(), traceId, "GET",
                        SpanKind.SERVER, Attributes.empty(), List.of()).getDecision() == SamplingDecision.RECORD_AND_SAMPLE)
                .collect(Collectors.toSet());
    }
}
