package dev.tracestore.core;

import dev.tracestore.core.log.SpanLog;
import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.otel.FileBasedSpanProcessor;
import dev.tracestore.core.query.TraceQueries;
import dev.tracestore.core.store.InMemorySpanStore;
import dev.tracestore.core.store.SpanStore;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the README's "Plain OpenTelemetry SDK, without Spring" example exactly as printed there: the lines between
 * the tags below must appear in README.md as they are, so the two cannot drift apart.
 */
class PlainSdkExampleTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Path THIS_FILE = Path.of("src", "test", "java", "dev", "tracestore", "core",
            "PlainSdkExampleTest.java");

    @TempDir
    Path directory;

    @Test
    void theReadmeExampleStoresQueriesAndWritesSpans() throws IOException {
        // tag::plain-sdk[]
        SpanStore store = InMemorySpanStore.builder().maxSpans(100_000).build();
        FileBasedSpanProcessor processor = FileBasedSpanProcessor.builder(store)
                .directory(directory)  // spans.jsonl here; spans already there are reloaded into the store
                .build();
        OpenTelemetrySdk openTelemetry = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .setResource(Resource.getDefault().toBuilder().put("service.name", "orders").build())
                        .addSpanProcessor(processor)
                        .build())
                .build();

        Tracer tracer = openTelemetry.getTracer("orders");
        Span request = tracer.spanBuilder("GET /orders/{id}").setSpanKind(SpanKind.SERVER).startSpan();
        try (Scope ignored = request.makeCurrent()) {
            Span payment = tracer.spanBuilder("payment.charge").startSpan();
            payment.recordException(new IllegalStateException("card declined"));
            payment.setStatus(StatusCode.ERROR);
            payment.end();
        } finally {
            request.end();
        }
        processor.forceFlush().join(5, TimeUnit.SECONDS);  // spans reach the store asynchronously

        TraceQueries queries = new TraceQueries(store);
        String traceId = request.getSpanContext().getTraceId();
        List<StoredSpan> trace = queries.getTrace(traceId);  // both spans, by start time
        List<StoredSpan> failures = queries.recentFailures(Duration.ofHours(1), 50);  // payment.charge
        List<StoredSpan> declined = queries.filterByErrorType("java.lang.IllegalStateException", 20);

        openTelemetry.close();  // writes what is queued and closes the span file
        // end::plain-sdk[]

        assertThat(trace).extracting(StoredSpan::name).containsExactly("GET /orders/{id}", "payment.charge");
        assertThat(trace).allMatch(span -> span.serviceName().equals("orders"));
        assertThat(failures).extracting(StoredSpan::name).containsExactly("payment.charge");
        assertThat(declined).isEqualTo(failures);
        assertThat(processor.isFileLogActive()).isFalse();
        List<StoredSpan> fromFiles = new ArrayList<>();
        SpanLog.read(directory, fromFiles::add);
        assertThat(fromFiles).extracting(StoredSpan::traceId).containsOnly(traceId).hasSize(2);
    }

    @Test
    void theReadmeShowsThisExampleAsItIs() throws IOException {
        List<String> lines = Files.readAllLines(THIS_FILE);
        List<String> example = lines.subList(lines.indexOf("        // tag::plain-sdk[]") + 1,
                lines.indexOf("        // end::plain-sdk[]"));
        String dedented = String.join("\n", example.stream()
                .map(line -> line.length() > 8 ? line.substring(8) : line.strip()).toList());

        assertThat(example).hasSizeGreaterThan(20);
        assertThat(Files.readString(README)).contains("```java\nPath directory = Path.of(\"trace-store\");\n"
                + dedented + "\n```");
    }
}
