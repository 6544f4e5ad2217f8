package dev.tracestore.core.otel;

import dev.tracestore.core.log.ReadResult;
import dev.tracestore.core.log.SpanLog;
import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.store.InMemorySpanStore;
import dev.tracestore.core.testing.OtlpProtoJson;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.logging.otlp.internal.traces.OtlpStdoutSpanExporter;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our span files against the OTLP specification itself: every line the processor writes parses with the official
 * protobuf definitions (protobuf's strict JSON parser, which refuses unknown fields and wrong types) and carries
 * every field of the span the SDK made. And the reverse: the files OpenTelemetry Java's own OTLP/JSON exporter
 * writes read back as exactly the spans the SDK made.
 */
class OtlpJsonConformanceTest {

    @TempDir
    Path directory;

    @Test
    void everyLineTheProcessorWritesIsAnOtlpRequestCarryingEveryFieldOfItsSpans() throws IOException {
        // Small batches: several lines, so that the check covers more than one request object.
        FileBasedSpanProcessor processor = FileBasedSpanProcessor.builder(new InMemorySpanStore(1_000))
                .directory(directory).maxBatchSize(2).build();

        List<SpanData> made = ConformanceSpans.record(processor);

        List<String> lines = Files.readAllLines(directory.resolve("spans.jsonl"));
        assertThat(lines).hasSizeGreaterThan(1);
        assertThat(String.join("\n", lines)).contains("{\"key\":\"negative.zero\",\"value\":{\"doubleValue\":-0.0}}");
        List<ParsedSpan> parsed = new ArrayList<>();
        for (String line : lines) {
            ExportTraceServiceRequest request = OtlpProtoJson.parse(line);
            for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
                for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
                    for (Span span : scopeSpans.getSpansList()) {
                        parsed.add(new ParsedSpan(resourceSpans, scopeSpans, span));
                    }
                }
            }
        }
        assertThat(made).hasSize(5);
        Map<String, ParsedSpan> bySpanId = parsed.stream()
                .collect(Collectors.toMap(span -> hex(span.span().getSpanId().toByteArray()), Function.identity()));
        assertThat(bySpanId).hasSameSizeAs(parsed).hasSameSizeAs(made);
        for (SpanData data : made) {
            assertThat(bySpanId).containsKey(data.getSpanId());
            assertSameSpan(bySpanId.get(data.getSpanId()), data);
        }
    }

    @Test
    void readsTheFilesOfOpenTelemetryJavasOtlpStdoutExporterAsExactlyTheSpansTheSdkMade() throws IOException {
        Path file = directory.resolve("exporter.jsonl");
        List<SpanData> made;
        try (OutputStream out = Files.newOutputStream(file)) {
            made = ConformanceSpans.record(SimpleSpanProcessor.create(OtlpStdoutSpanExporter.builder().setOutput(out).build()));
        }
        List<StoredSpan> read = new ArrayList<>();

        ReadResult result = SpanLog.read(file, read::add);

        assertThat(result.linesSkipped()).isZero();
        assertThat(Files.readAllLines(file)).hasSize(5)
                .allSatisfy(line -> assertThat(line).startsWith("{\"resourceSpans\":["));
        // Converted as they are: no redaction, no limits.
        SpanDataConverter converter = new SpanDataConverter(
                new AttributeSanitizer(Redaction.none(), Integer.MAX_VALUE, Integer.MAX_VALUE));
        assertThat(read).hasSize(5).containsExactlyElementsOf(made.stream().map(converter::convert).toList());
    }

    private record ParsedSpan(ResourceSpans resourceSpans, ScopeSpans scopeSpans, Span span) {
    }

    private static void assertSameSpan(ParsedSpan parsed, SpanData data) {
        Span span = parsed.span();
        assertThat(hex(span.getTraceId().toByteArray())).isEqualTo(data.getTraceId());
        assertThat(hex(span.getParentSpanId().toByteArray()))
                .isEqualTo(data.getParentSpanContext().isValid() ? data.getParentSpanId() : "");
        assertThat(span.getName()).isEqualTo(data.getName());
        assertThat(span.getKind().name()).isEqualTo("SPAN_KIND_" + data.getKind().name());
        assertThat(span.getStartTimeUnixNano()).isEqualTo(data.getStartEpochNanos());
        assertThat(span.getEndTimeUnixNano()).isEqualTo(data.getEndEpochNanos());
        assertThat(span.getStatus().getCode().name()).isEqualTo("STATUS_CODE_" + data.getStatus().getStatusCode().name());
        assertThat(span.getStatus().getMessage()).isEqualTo(data.getStatus().getDescription());
        assertThat(values(span.getAttributesList())).isEqualTo(values(data.getAttributes()));

        assertThat(span.getEventsCount()).isEqualTo(data.getEvents().size());
        for (int i = 0; i < data.getEvents().size(); i++) {
            EventData event = data.getEvents().get(i);
            assertThat(span.getEvents(i).getName()).isEqualTo(event.getName());
            assertThat(span.getEvents(i).getTimeUnixNano()).isEqualTo(event.getEpochNanos());
            assertThat(values(span.getEvents(i).getAttributesList())).isEqualTo(values(event.getAttributes()));
        }
        assertThat(span.getLinksCount()).isEqualTo(data.getLinks().size());
        for (int i = 0; i < data.getLinks().size(); i++) {
            LinkData link = data.getLinks().get(i);
            assertThat(hex(span.getLinks(i).getTraceId().toByteArray())).isEqualTo(link.getSpanContext().getTraceId());
            assertThat(hex(span.getLinks(i).getSpanId().toByteArray())).isEqualTo(link.getSpanContext().getSpanId());
            assertThat(values(span.getLinks(i).getAttributesList())).isEqualTo(values(link.getAttributes()));
        }

        Resource resource = parsed.resourceSpans().getResource();
        assertThat(values(resource.getAttributesList())).isEqualTo(values(data.getResource().getAttributes()));
        assertThat(parsed.resourceSpans().getSchemaUrl()).isEqualTo(orEmpty(data.getResource().getSchemaUrl()));

        InstrumentationScope scope = parsed.scopeSpans().getScope();
        assertThat(scope.getName()).isEqualTo(data.getInstrumentationScopeInfo().getName());
        assertThat(scope.getVersion()).isEqualTo(orEmpty(data.getInstrumentationScopeInfo().getVersion()));
        assertThat(values(scope.getAttributesList())).isEqualTo(values(data.getInstrumentationScopeInfo().getAttributes()));
        assertThat(parsed.scopeSpans().getSchemaUrl()).isEqualTo(orEmpty(data.getInstrumentationScopeInfo().getSchemaUrl()));
    }

    /**
     * The SDK's attributes as key to Java value: String, Boolean, Long, Double or a List of one of these. A -0.0
     * becomes 0.0: protobuf-java's JSON parser reads the {@code -0.0} we write through BigDecimal, which has no
     * negative zero (the first test checks the line itself, our reader keeps the sign).
     */
    private static Map<String, Object> values(Attributes attributes) {
        Map<String, Object> values = new LinkedHashMap<>();
        attributes.forEach((key, value) -> values.put(key.getKey(), withoutNegativeZero(value)));
        return values;
    }

    private static Object withoutNegativeZero(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(OtlpJsonConformanceTest::withoutNegativeZero).toList();
        }
        return value instanceof Double d && d == 0.0 ? 0.0 : value;
    }

    /** The same form for OTLP key-values; the value's case must be the attribute's type (a long is an intValue). */
    private static Map<String, Object> values(List<KeyValue> keyValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (KeyValue keyValue : keyValues) {
            assertThat(values.put(keyValue.getKey(), value(keyValue.getValue()))).as("duplicate key %s", keyValue.getKey())
                    .isNull();
        }
        return values;
    }

    private static Object value(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> value.getBoolValue();
            case INT_VALUE -> value.getIntValue();
            case DOUBLE_VALUE -> value.getDoubleValue();
            case ARRAY_VALUE -> value.getArrayValue().getValuesList().stream().map(OtlpJsonConformanceTest::value).toList();
            default -> throw new AssertionError("trace-store never writes a " + value.getValueCase() + ": " + value);
        };
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
