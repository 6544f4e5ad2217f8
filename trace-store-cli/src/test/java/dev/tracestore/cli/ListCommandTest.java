package dev.tracestore.cli;

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

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tracestore list ...} over files the core's processor wrote for spans made with the OpenTelemetry API. */
class ListCommandTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path directory;

    @BeforeEach
    void recordSpans() {
        FileBasedSpanProcessor processor = FileBasedSpanProcessor.builder(new InMemorySpanStore(1_000))
                .directory(directory).build();
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(
                        Attributes.of(AttributeKey.stringKey("service.name"), "shop"))))
                .addSpanProcessor(processor)
                .build();
        Tracer tracer = provider.get("dev.tracestore.cli.test", "2.0");
        for (int i = 0; i < 3; i++) {
            Span root = tracer.spanBuilder("GET /orders/{id}").setSpanKind(SpanKind.SERVER)
                    .setAttribute("http.route", "/orders/{id}").startSpan();
            try (Scope ignored = root.makeCurrent()) {
                tracer.spanBuilder("SELECT shop.orders").setSpanKind(SpanKind.CLIENT).startSpan().end();
                if (i == 0) {
                    Span payment = tracer.spanBuilder("POST /payments").setSpanKind(SpanKind.CLIENT).startSpan();
                    payment.recordException(new IllegalStateException("card declined"));
                    payment.setStatus(StatusCode.ERROR, "card declined");
                    payment.end();
                }
            }
            root.end();
        }
        assertThat(provider.shutdown().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
    }

    @Test
    void listsServicesAndOperations() {
        Cli.Result services = Cli.run("list", "services", directory.toString());
        assertThat(services.exitCode()).isZero();
        assertThat(services.out()).containsPattern("(?m)^SERVICE\\s+SPANS$").containsPattern("(?m)^shop\\s+7$");

        Cli.Result operations = Cli.run("list", "operations", "shop", "--format", "json", directory.toString());
        assertThat(operations.exitCode()).isZero();
        JsonNode json = JSON.readTree(operations.out());
        assertThat(json.path("operations").toString()).isEqualTo("[{\"name\":\"GET /orders/{id}\",\"kind\":\"server\","
                + "\"spans\":3},{\"name\":\"POST /payments\",\"kind\":\"client\",\"spans\":1},"
                + "{\"name\":\"SELECT shop.orders\",\"kind\":\"client\",\"spans\":3}]");
    }

    @Test
    void listsKeysPerScopeAndTheValuesOfAKey() {
        Cli.Result keys = Cli.run("list", "keys", "--scope", "event", directory.toString());
        assertThat(keys.exitCode()).isZero();
        assertThat(keys.out()).containsPattern("(?m)^event\\s+1\\s+string\\s+exception.type$")
                .containsPattern("(?m)^event\\s+1\\s+string\\s+name$");

        Cli.Result values = Cli.run("list", "values", "instrumentation.version", directory.toString());
        assertThat(values.out()).containsPattern("(?m)^instrumentation\\s+7\\s+2.0$");
        Cli.Result exceptions = Cli.run("list", "values", "event.exception.type", "--prefix", "java.lang", "--format",
                "json", directory.toString());
        assertThat(JSON.readTree(exceptions.out()).path("values").toString()).isEqualTo(
                "[{\"scope\":\"event\",\"value\":\"java.lang.IllegalStateException\",\"spans\":1}]");
    }

    @Test
    void aListedKeyIsSearchedWithItsScopeAsPrefix() {
        Cli.Result event = Cli.run("query", "--attr", "event.exception.type=java.lang.IllegalStateException",
                "--format", "jsonl", directory.toString());
        assertThat(event.exitCode()).as(event.err()).isZero();
        assertThat(event.out().lines().map(line -> JSON.readTree(line).get("name").asString()))
                .containsExactly("POST /payments");
        assertThat(Cli.run("query", "--attr", "span.exception.type", directory.toString()).exitCode())
                .as("the exception's type is the event's, not the span's").isEqualTo(ExitCode.NOTHING_MATCHED);

        Cli.Result scope = Cli.run("failures", "--attr", "instrumentation.version=2.0", "--format", "jsonl",
                directory.toString());
        assertThat(scope.out().lines()).hasSize(1);
        assertThat(Cli.run("query", "--attr", "instrumentation.version=1.0", directory.toString()).exitCode())
                .isEqualTo(ExitCode.NOTHING_MATCHED);
    }

    @Test
    void nothingToListAndBadOptions() {
        Cli.Result none = Cli.run("list", "operations", "nobody", directory.toString());
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.err()).startsWith("Nothing to list in ");

        Cli.Result scope = Cli.run("list", "keys", "--scope", "everything", directory.toString());
        assertThat(scope.exitCode()).isEqualTo(2);
        assertThat(scope.err()).contains("--scope must be one of all, span, resource, event, link, instrumentation");
        Cli.Result window = Cli.run("list", "services", "--lookback", "1h", "--from", "2026-01-01T00:00:00Z",
                directory.toString());
        assertThat(window.err()).contains("--lookback cannot be combined with from or to");
        assertThat(Cli.run("list", "values", "http.route", "--limit", "0", directory.toString()).err())
                .contains("--limit must be a whole number");
    }
}
