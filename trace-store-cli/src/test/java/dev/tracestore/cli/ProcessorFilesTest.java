package dev.tracestore.cli;

import dev.tracestore.core.log.SpanLog;
import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.otel.FileBasedSpanProcessor;
import dev.tracestore.core.store.InMemorySpanStore;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Every command over files that the core's processor wrote for spans made with the OpenTelemetry API. */
class ProcessorFilesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path directory;

    @TempDir
    Path exports;

    private String failedTraceId;
    private String healthTraceId;
    private String now;

    @BeforeEach
    void recordSpans() {
        FileBasedSpanProcessor processor = FileBasedSpanProcessor.builder(new InMemorySpanStore(1_000))
                .directory(directory).build();
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(
                        Attributes.of(AttributeKey.stringKey("service.name"), "shop"))))
                .addSpanProcessor(processor)
                .build();
        Tracer tracer = provider.get("dev.tracestore.cli.test");

        Span root = tracer.spanBuilder("GET /orders/{id}").setSpanKind(SpanKind.SERVER)
                .setAttribute("http.route", "/orders/{id}").startSpan();
        failedTraceId = root.getSpanContext().getTraceId();
        try (Scope ignored = root.makeCurrent()) {
            tracer.spanBuilder("SELECT shop.orders").setSpanKind(SpanKind.CLIENT).startSpan().end();
            Span payment = tracer.spanBuilder("POST /payments").setSpanKind(SpanKind.CLIENT).startSpan();
            payment.recordException(new IllegalStateException("card declined"));
            payment.setStatus(StatusCode.ERROR, "card declined");
            payment.end();
        }
        root.setAttribute(AttributeKey.longKey("http.response.status_code"), 500L);
        root.end();

        Span health = tracer.spanBuilder("GET /actuator/health").setSpanKind(SpanKind.SERVER).startSpan();
        healthTraceId = health.getSpanContext().getTraceId();
        health.end();

        assertThat(provider.shutdown().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
        now = Instant.now().plusSeconds(1).toString();
    }

    @Test
    void drawsATraceAsAWaterfall() {
        Cli.Result result = Cli.run("trace", failedTraceId, directory.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Trace " + failedTraceId, "3 spans, 1 failed, 1 service: shop")
                .containsPattern("(?m)^GET /orders/\\{id}\\s+shop\\s")
                .containsPattern("(?m)^├─ SELECT shop.orders\\s+shop\\s")
                .containsPattern("(?m)^└─ POST /payments\\s+shop\\s+[0-9.]+ .s\\s+ERROR\\s+█")
                .contains("error: java.lang.IllegalStateException: card declined");
    }

    @Test
    void findsTheFailuresOfTheLastHour() {
        Cli.Result result = Cli.run("failures", "--lookback", "1h", "--now", now, directory.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out().lines()).hasSize(2);
        assertThat(result.out()).contains("POST /payments", "ERROR", failedTraceId,
                "java.lang.IllegalStateException: card declined").doesNotContain("GET /orders/{id}");
    }

    @Test
    void findsNoFailuresInAnHourWithoutSpans() {
        Cli.Result result = Cli.run("failures", "--lookback", "1h", "--now", "2020-01-01T00:00:00Z",
                directory.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("No spans matched (read 4 spans in 1 file).\n");
    }

    @Test
    void findsSpansByErrorType() {
        Cli.Result result = Cli.run("errors", "--type", "java.lang.IllegalStateException", "--format", "jsonl",
                "--dir", directory.toString());

        assertThat(result.exitCode()).isZero();
        JsonNode span = JSON.readTree(result.out());
        assertThat(span.get("name").asString()).isEqualTo("POST /payments");
        assertThat(span.get("status").get("code").asString()).isEqualTo("ERROR");
        assertThat(span.get("events").get(0).get("attributes").get("exception.type").asString())
                .isEqualTo("java.lang.IllegalStateException");
    }

    @Test
    void queriesWithTheFiltersOfTheHttpApi() {
        Cli.Result result = Cli.run("query", "--service", "shop", "--kind", "server",
                "--attr", "http.response.status_code>=500", "--format", "json", directory.toString());

        assertThat(result.exitCode()).isZero();
        JsonNode spans = JSON.readTree(result.out());
        assertThat(spans.size()).isEqualTo(1);
        JsonNode root = spans.get(0);
        assertThat(root.get("traceId").asString()).isEqualTo(failedTraceId);
        assertThat(root.get("parentSpanId").asString()).isEmpty();
        assertThat(root.get("service").asString()).isEqualTo("shop");
        assertThat(root.get("kind").asString()).isEqualTo("SERVER");
        assertThat(root.get("attributes").get("http.response.status_code").asLong()).isEqualTo(500);
        assertThat(root.get("resource").get("service.name").asString()).isEqualTo("shop");
        assertThat(root.get("scope").get("name").asString()).isEqualTo("dev.tracestore.cli.test");
        assertThat(Instant.parse(root.get("endTime").asString())).isAfter(Instant.parse(root.get("startTime").asString()));
    }

    @Test
    void summarisesTraces() {
        Cli.Result all = Cli.run("traces", directory.toString());
        Cli.Result failed = Cli.run("traces", "--failed", "--format", "json", directory.toString());

        assertThat(all.exitCode()).isZero();
        assertThat(all.out().lines()).hasSize(3).anyMatch(line -> line.contains(healthTraceId));
        assertThat(failed.exitCode()).isZero();
        JsonNode trace = JSON.readTree(failed.out()).get(0);
        assertThat(trace.get("traceId").asString()).isEqualTo(failedTraceId);
        assertThat(trace.get("rootName").asString()).isEqualTo("GET /orders/{id}");
        assertThat(trace.get("spanCount").asInt()).isEqualTo(3);
        assertThat(trace.get("errorCount").asInt()).isEqualTo(1);
    }

    @Test
    void countsWhatTheFilesHold() {
        Cli.Result result = Cli.run("stats", "--format", "json", directory.toString());

        assertThat(result.exitCode()).isZero();
        JsonNode stats = JSON.readTree(result.out());
        assertThat(stats.get("spans").asLong()).isEqualTo(4);
        assertThat(stats.get("traces").asLong()).isEqualTo(2);
        assertThat(stats.get("failedSpans").asLong()).isEqualTo(1);
        assertThat(stats.get("failedTraces").asLong()).isEqualTo(1);
        assertThat(stats.get("errorRate").asDouble()).isEqualTo(0.25);
        assertThat(stats.get("services").get(0).asString()).isEqualTo("shop");
        assertThat(stats.get("filesRead").asInt()).isEqualTo(1);
        assertThat(stats.get("linesSkipped").asInt()).isZero();
    }

    @Test
    void exportsATraceAsOtlpJsonThatReadsBackWhole() throws IOException {
        Cli.Result result = Cli.run("trace", failedTraceId, "--format", "otlp", directory.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out().lines()).hasSize(1);
        Path exported = Files.writeString(exports.resolve("exported.json"), result.out());
        List<StoredSpan> spans = new ArrayList<>();
        SpanLog.read(exported, spans::add);
        assertThat(spans).extracting(StoredSpan::name)
                .containsExactlyInAnyOrder("GET /orders/{id}", "SELECT shop.orders", "POST /payments");
        assertThat(spans).allSatisfy(span -> assertThat(span.traceId()).isEqualTo(failedTraceId));
    }

    @Test
    void printsATraceAsTheActuatorEndpointDoes() {
        Cli.Result result = Cli.run("trace", failedTraceId, "--format", "json", directory.toString());

        JsonNode trace = JSON.readTree(result.out());
        assertThat(trace.get("traceId").asString()).isEqualTo(failedTraceId);
        assertThat(trace.get("spans").size()).isEqualTo(3);
        assertThat(trace.get("spans").get(0).get("name").asString()).isEqualTo("GET /orders/{id}");
    }
}
