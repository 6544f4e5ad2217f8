package dev.tracestore.cli;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.logging.otlp.internal.traces.OtlpStdoutSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Files that OpenTelemetry Java's own OTLP JSON exporter wrote: the command reads what any tool writes. */
class OtelExporterFilesTest {

    @TempDir
    Path directory;

    private Path file;
    private String traceId;

    @BeforeEach
    void exportSpans() throws IOException {
        file = directory.resolve("otel-export.jsonl");
        try (OutputStream out = Files.newOutputStream(file)) {
            SdkTracerProvider provider = SdkTracerProvider.builder()
                    .setResource(Resource.getDefault().merge(Resource.create(
                            Attributes.of(AttributeKey.stringKey("service.name"), "checkout"))))
                    .addSpanProcessor(SimpleSpanProcessor.create(OtlpStdoutSpanExporter.builder().setOutput(out).build()))
                    .build();
            Tracer tracer = provider.get("io.opentelemetry.example");
            Span server = tracer.spanBuilder("POST /checkout").setSpanKind(SpanKind.SERVER).startSpan();
            traceId = server.getSpanContext().getTraceId();
            try (Scope ignored = server.makeCurrent()) {
                tracer.spanBuilder("GET payments").setSpanKind(SpanKind.CLIENT).startSpan().end();
            }
            server.recordException(new IllegalStateException("card declined"));
            server.setStatus(StatusCode.ERROR, "card declined");
            server.end();
            assertThat(provider.shutdown().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
        }
    }

    @Test
    void drawsATraceFromTheExportedFile() {
        Cli.Result result = Cli.run("trace", traceId, file.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).containsPattern("(?m)^POST /checkout\\s+checkout\\s+.*ERROR")
                .containsPattern("(?m)^└─ GET payments\\s+checkout\\s")
                .contains("error: java.lang.IllegalStateException: card declined");
    }

    @Test
    void queriesTheExportedFileAndTheDirectoryHoldingIt() {
        Cli.Result fromFile = Cli.run("failures", "--service", "checkout", file.toString());
        Cli.Result fromDirectory = Cli.run("query", "--kind", "client", "--dir", directory.toString());

        assertThat(fromFile.exitCode()).isZero();
        assertThat(fromFile.out()).contains("POST /checkout", traceId).doesNotContain("GET payments");
        assertThat(fromDirectory.exitCode()).isZero();
        assertThat(fromDirectory.out()).contains("GET payments").doesNotContain("POST /checkout");
    }
}
