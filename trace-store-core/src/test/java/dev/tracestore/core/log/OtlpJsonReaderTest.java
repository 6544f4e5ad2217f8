package dev.tracestore.core.log;

import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.logging.otlp.OtlpJsonLoggingSpanExporter;
import io.opentelemetry.exporter.logging.otlp.internal.traces.OtlpStdoutSpanExporter;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class OtlpJsonReaderTest {

    private static final String IDS = "\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"spanId\":\"00f067aa0ba902b7\"";

    private final OtlpJsonReader reader = new OtlpJsonReader();

    @Test
    void readsWhatTheWriterWrites() throws IOException {
        List<StoredSpan> spans = TestSpans.everything();
        byte[] json = new OtlpJsonWriter().toBytes(spans);

        List<StoredSpan> read = reader.read(json, 0, json.length);

        // Grouping by resource, then scope, is the only reordering.
        assertThat(read).containsExactly(spans.get(0), spans.get(3), spans.get(1), spans.get(2), spans.get(4));
        assertThat(reader.read(new String(json, StandardCharsets.UTF_8))).isEqualTo(read);
    }

    @Test
    void spansReadTogetherShareKeysAndFewValuedValuesButKeepManyValuedOnesApart() throws IOException {
        List<StoredSpan> written = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            written.add(StoredSpan.builder()
                    .traceId("4bf92f3577b34da6a3ce929d0e0e4736").spanId(String.format("%016x", i + 1)).name("n")
                    .attributes(Attributes.builder()
                            .put("http.request.method", i % 3 == 0 ? "POST" : "GET")
                            .put("http.response.status_code", 200L + i % 2)
                            .put("url.path", "/orders/" + i)    // more values than are shared per key
                            .put("weird \"key\"\n\u00e9", "v")   // escaped once, then from the writer's cache
                            .build())
                    .build());
        }
        byte[] json = new OtlpJsonWriter().toBytes(written);
        OtlpJsonWriter again = new OtlpJsonWriter();
        again.toBytes(written);
        assertThat(again.toBytes(written)).isEqualTo(json);

        List<StoredSpan> read = reader.read(json, 0, json.length);

        assertThat(read).isEqualTo(written);
        AttributeKey<String> method = AttributeKey.stringKey("http.request.method");
        StoredSpan first = read.get(1);
        for (StoredSpan span : read.subList(2, read.size())) {
            assertThat(span.attributes().asMap().keySet())
                    .allSatisfy(key -> assertThat(first.attributes().asMap().keySet()).anyMatch(k -> k == key));
            if ("GET".equals(span.attributes().get(method))) {
                assertThat(span.attributes().get(method)).isSameAs(first.attributes().get(method));
            }
        }
    }

    @Test
    void acceptsTheVariantsOtherProducersWrite() throws IOException {
        String line = """
                {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"shop"}}],
                  "droppedAttributesCount":0},
                  "scopeSpans":[{"scope":{"name":"io.opentelemetry.tomcat","version":"2.1"},"spans":[{
                    "traceId":"5B8EFFF798038103D269B633813FC60C","spanId":"EEE19B7EC3C1B174",
                    "parentSpanId":"","traceState":"k=v","flags":257,
                    "name":"GET /","kind":"SPAN_KIND_SERVER",
                    "startTimeUnixNano":1544712660000000000,"endTimeUnixNano":"1544712661000000000",
                    "droppedAttributesCount":0,"droppedEventsCount":0,"droppedLinksCount":0,
                    "attributes":[
                      {"key":"n","value":{"intValue":7}},
                      {"key":"s","value":{"intValue":"8"}},
                      {"key":"d","value":{"doubleValue":2}},
                      {"key":"nan","value":{"doubleValue":"NaN"}},
                      {"key":"map","value":{"kvlistValue":{"values":[{"key":"a","value":{"stringValue":"b"}}]}}},
                      {"key":"raw","value":{"bytesValue":"aGVsbG8="}},
                      {"key":"mixed","value":{"arrayValue":{"values":[{"stringValue":"x"},{"intValue":"1"}]}}},
                      {"key":"none","value":{}},
                      {"key":"future","value":{"somethingNew":1}},
                      {"key":"nothing","value":null}],
                    "events":[{"name":"e","timeUnixNano":"5","somethingNew":[1,{"a":2}]}],
                    "status":{"code":"STATUS_CODE_ERROR","message":"boom","deprecatedCode":2},
                    "somethingNew":{"nested":[true]}}]}],
                  "schemaUrl":""}],
                 "somethingNewAtTheTop":1}
                """;

        List<StoredSpan> spans = reader.read(line);

        assertThat(spans).hasSize(1);
        StoredSpan span = spans.get(0);
        assertThat(span.traceId()).isEqualTo("5b8efff798038103d269b633813fc60c");
        assertThat(span.spanId()).isEqualTo("eee19b7ec3c1b174");
        assertThat(span.isRoot()).isTrue();
        assertThat(span.kind()).isEqualTo(SpanKind.SERVER);
        assertThat(span.startEpochNanos()).isEqualTo(1544712660000000000L);
        assertThat(span.endEpochNanos()).isEqualTo(1544712661000000000L);
        assertThat(span.statusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.statusMessage()).isEqualTo("boom");
        assertThat(span.serviceName()).isEqualTo("shop");
        assertThat(span.resource().getSchemaUrl()).isNull();
        assertThat(span.scope()).isEqualTo(InstrumentationScopeInfo.builder("io.opentelemetry.tomcat").setVersion("2.1").build());
        assertThat(span.events()).singleElement().satisfies(event -> {
            assertThat(event.name()).isEqualTo("e");
            assertThat(event.epochNanos()).isEqualTo(5);
        });
        assertThat(span.attributes()).isEqualTo(Attributes.builder()
                .put(AttributeKey.longKey("n"), 7L)
                .put(AttributeKey.longKey("s"), 8L)
                .put(AttributeKey.doubleKey("d"), 2.0)
                .put(AttributeKey.doubleKey("nan"), Double.NaN)
                .put(AttributeKey.stringKey("map"), "{\"values\":[{\"key\":\"a\",\"value\":{\"stringValue\":\"b\"}}]}")
                .put(AttributeKey.stringKey("raw"), "aGVsbG8=")
                .put(AttributeKey.stringArrayKey("mixed"), List.of("x", "1"))
                .put(AttributeKey.stringKey("none"), "")
                .build());
    }

    @Test
    void readsAttributesAsTheSdkBuilderWouldWhateverTheirOrderAndRepeats() throws IOException {
        String sorted = "[{\"key\":\"a\",\"value\":{\"intValue\":1}},{\"key\":\"b\",\"value\":{\"stringValue\":\"x\"}},"
                + "{\"key\":\"c\",\"value\":{\"arrayValue\":{\"values\":[{\"boolValue\":true}]}}}]";
        String reversed = "[{\"key\":\"c\",\"value\":{\"arrayValue\":{\"values\":[{\"boolValue\":true}]}}},"
                + "{\"key\":\"b\",\"value\":{\"stringValue\":\"x\"}},{\"key\":\"a\",\"value\":{\"intValue\":1}}]";
        String repeated = "[{\"key\":\"a\",\"value\":{\"intValue\":0}},{\"key\":\"a\",\"value\":{\"intValue\":1}},"
                + "{\"key\":\"b\",\"value\":{\"stringValue\":\"x\"}},"
                + "{\"key\":\"c\",\"value\":{\"arrayValue\":{\"values\":[{\"boolValue\":true}]}}}]";
        Attributes expected = Attributes.builder()
                .put(AttributeKey.longKey("a"), 0L)
                .put(AttributeKey.longKey("a"), 1L)
                .put(AttributeKey.stringKey("b"), "x")
                .put(AttributeKey.booleanArrayKey("c"), List.of(true))
                .build();

        for (String attributes : List.of(sorted, reversed, repeated)) {
            StoredSpan span = reader.read("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{" + IDS
                    + ",\"attributes\":" + attributes + "}]}]}]}").get(0);
            assertThat(span.attributes()).as(attributes).isEqualTo(expected);
            assertThat(span.attributes().hashCode()).isEqualTo(expected.hashCode());
            assertThat(span.attributes().get(AttributeKey.longKey("a"))).isEqualTo(1L);
        }
    }

    @Test
    void acceptsDefaultsForMissingOptionalFields() throws IOException {
        List<StoredSpan> spans = reader.read("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{" + IDS + "}]}]}]}");

        assertThat(spans).containsExactly(StoredSpan.builder()
                .traceId("4bf92f3577b34da6a3ce929d0e0e4736")
                .spanId("00f067aa0ba902b7")
                .name("")
                .build());
    }

    @Test
    void readsEnumNamesForEveryKindAndStatus() throws IOException {
        String[] kinds = {"SPAN_KIND_UNSPECIFIED", "SPAN_KIND_INTERNAL", "SPAN_KIND_SERVER", "SPAN_KIND_CLIENT",
                "SPAN_KIND_PRODUCER", "SPAN_KIND_CONSUMER"};
        SpanKind[] expected = {SpanKind.INTERNAL, SpanKind.INTERNAL, SpanKind.SERVER, SpanKind.CLIENT,
                SpanKind.PRODUCER, SpanKind.CONSUMER};
        for (int i = 0; i < kinds.length; i++) {
            assertThat(kindOf("\"" + kinds[i] + "\"")).isEqualTo(expected[i]);
            assertThat(kindOf(Integer.toString(i))).isEqualTo(expected[i]);
        }
        assertThat(statusOf("\"STATUS_CODE_UNSET\"")).isEqualTo(StatusCode.UNSET);
        assertThat(statusOf("\"STATUS_CODE_OK\"")).isEqualTo(StatusCode.OK);
        assertThat(statusOf("\"STATUS_CODE_ERROR\"")).isEqualTo(StatusCode.ERROR);
        assertThat(statusOf("1")).isEqualTo(StatusCode.OK);
        assertThat(statusOf("2")).isEqualTo(StatusCode.ERROR);
    }

    private SpanKind kindOf(String kind) throws IOException {
        return reader.read("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{" + IDS + ",\"kind\":" + kind + "}]}]}]}")
                .get(0).kind();
    }

    private StatusCode statusOf(String code) throws IOException {
        return reader.read("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{" + IDS + ",\"status\":{\"code\":" + code + "}}]}]}]}")
                .get(0).statusCode();
    }

    @Test
    void readsTheOldInstrumentationLibrarySpans() throws IOException {
        String line = "{\"resourceSpans\":[{\"instrumentationLibrarySpans\":[{\"instrumentationLibrary\":"
                + "{\"name\":\"old-lib\",\"version\":\"0.9\"},\"spans\":[{" + IDS + ",\"name\":\"legacy\"}]}]}]}";

        StoredSpan span = reader.read(line).get(0);

        assertThat(span.name()).isEqualTo("legacy");
        assertThat(span.scope()).isEqualTo(InstrumentationScopeInfo.builder("old-lib").setVersion("0.9").build());
    }

    @Test
    void resolvesResourceAndScopeThatFollowTheirSpans() throws IOException {
        String line = "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{" + IDS + "}],\"scope\":{\"name\":\"late\"},"
                + "\"schemaUrl\":\"https://example.com/s\"}],"
                + "\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":\"late\"}}]}}]}";

        StoredSpan span = reader.read(line).get(0);

        assertThat(span.serviceName()).isEqualTo("late");
        assertThat(span.scope().getName()).isEqualTo("late");
        assertThat(span.scope().getSchemaUrl()).isEqualTo("https://example.com/s");
    }

    @Test
    void dropsResourceAttributesWhoseKeysTheSdkRejectsButKeepsTheSpan() throws IOException {
        String line = "{\"resourceSpans\":[{\"resource\":{\"attributes\":["
                + "{\"key\":\"service.name\",\"value\":{\"stringValue\":\"shop\"}},"
                + "{\"key\":\"gr\u00fc\u00dfe\",\"value\":{\"stringValue\":\"non-ASCII key\"}}]},"
                + "\"scopeSpans\":[{\"spans\":[{" + IDS + "}]}]}]}";

        StoredSpan span = reader.read(line).get(0);

        assertThat(span.resource().getAttributes())
                .isEqualTo(Attributes.of(AttributeKey.stringKey("service.name"), "shop"));
    }

    @Test
    void treatsAnAllZeroParentAsARoot() throws IOException {
        String line = "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{" + IDS + ",\"parentSpanId\":\"0000000000000000\"}]}]}]}";

        assertThat(reader.read(line).get(0).isRoot()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "   ",
            "not json",
            "[]",
            "42",
            "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{" + IDS + "}]}]}]",
            "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{" + IDS + "}]}]}]}}",
            "{\"resourceSpans\":[]} {\"resourceSpans\":[]}",
            "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"xyz\",\"spanId\":\"00f067aa0ba902b7\"}]}]}]}",
            "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"00000000000000000000000000000000\",\"spanId\":\"00f067aa0ba902b7\"}]}]}]}",
            "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"spanId\":\"00f067aa0ba902b7\"}]}]}]}",
            "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"S/kvNXezTaajzpKdDg5HNg==\",\"spanId\":\"00f067aa0ba902b7\"}]}]}]}",
            "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{" + IDS + ",\"parentSpanId\":\"12\"}]}]}]}",
            "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{" + IDS + ",\"startTimeUnixNano\":\"9\",\"endTimeUnixNano\":\"8\"}]}]}]}",
            "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{" + IDS + ",\"startTimeUnixNano\":\"soon\"}]}]}]}",
            "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{" + IDS + ",\"links\":[{\"traceId\":\"\",\"spanId\":\"\"}]}]}]}]}",
            "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{" + IDS + ",\"attributes\":[{\"key\":\"x\",\"value\":{\"intValue\":\"1.5\"}}]}]}]}]}",
            "{\"resourceSpans\":{}}",
    })
    void rejectsMalformedLinesWithAnIoException(String line) {
        assertThatIOException().isThrownBy(() -> reader.read(line));
    }

    @Test
    void readsARequestWithoutSpans() throws IOException {
        assertThat(reader.read("{\"resourceSpans\":[]}")).isEmpty();
        assertThat(reader.read("{}")).isEmpty();
        assertThat(reader.read("{\"resourceSpans\":null}")).isEmpty();
    }

    /** Real output of OpenTelemetry Java's stdout exporter: one request object per export. */
    @Test
    void readsWhatOpenTelemetryJavasStdoutExporterWrites() throws IOException {
        List<String> lines = stdoutExporterLines();
        assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line).startsWith("{\"resourceSpans\":["));

        assertRecordedSpans(readAll(lines));
    }

    /** Real output of OtlpJsonLoggingSpanExporter: a bare ResourceSpans object per JUL record. */
    @Test
    void readsWhatOpenTelemetryJavasLoggingExporterLogs() throws IOException {
        Logger jul = Logger.getLogger(OtlpJsonLoggingSpanExporter.class.getName());
        List<String> messages = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                messages.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        boolean useParentHandlers = jul.getUseParentHandlers();
        jul.addHandler(capture);
        jul.setUseParentHandlers(false);
        jul.setLevel(Level.INFO);
        try {
            recordSpans(OtlpJsonLoggingSpanExporter.create());
        } finally {
            jul.removeHandler(capture);
            jul.setUseParentHandlers(useParentHandlers);
        }
        assertThat(messages).isNotEmpty().allSatisfy(message -> assertThat(message).startsWith("{\"resource\""));

        assertRecordedSpans(readAll(messages));
    }

    private List<StoredSpan> readAll(List<String> lines) throws IOException {
        List<StoredSpan> spans = new ArrayList<>();
        for (String line : lines) {
            spans.addAll(reader.read(line));
        }
        return spans;
    }

    /** Lines that OtlpStdoutSpanExporter writes for the spans of {@link #recordSpans}. */
    static List<String> stdoutExporterLines() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        recordSpans(OtlpStdoutSpanExporter.builder().setOutput(out).build());
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static void recordSpans(SpanExporter exporter) {
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "checkout"))))
                .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                .build();
        try {
            Tracer tracer = provider.tracerBuilder("dev.tracestore.test").setInstrumentationVersion("1.2.3").build();
            Span server = tracer.spanBuilder("POST /checkout").setSpanKind(SpanKind.SERVER)
                    .setAttribute("http.request.method", "POST")
                    .setAttribute(AttributeKey.longKey("http.response.status_code"), 500L)
                    .setAttribute(AttributeKey.doubleKey("ratio"), Double.NaN)
                    .setAttribute(AttributeKey.stringArrayKey("tags"), List.of("a", "b"))
                    .setAttribute(AttributeKey.booleanKey("retry"), true)
                    .startSpan();
            try (Scope ignored = server.makeCurrent()) {
                Span client = tracer.spanBuilder("GET payments").setSpanKind(SpanKind.CLIENT)
                        .addLink(server.getSpanContext(), Attributes.of(AttributeKey.stringKey("why"), "test"))
                        .startSpan();
                client.setStatus(StatusCode.OK);
                client.end();
            }
            server.recordException(new IllegalStateException("card declined"));
            server.setStatus(StatusCode.ERROR, "card declined");
            server.end();
        } finally {
            provider.shutdown().join(5, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    /** Asserts the spans {@link #recordSpans} made, in the order the exporters write them. */
    static void assertRecordedSpans(List<StoredSpan> spans) {
        assertThat(spans).extracting(StoredSpan::name).containsExactly("GET payments", "POST /checkout");
        StoredSpan client = spans.get(0);
        StoredSpan server = spans.get(1);

        assertThat(server.isRoot()).isTrue();
        assertThat(client.parentSpanId()).isEqualTo(server.spanId());
        assertThat(client.traceId()).isEqualTo(server.traceId()).matches("[0-9a-f]{32}");
        assertThat(server.kind()).isEqualTo(SpanKind.SERVER);
        assertThat(client.kind()).isEqualTo(SpanKind.CLIENT);
        assertThat(server.statusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(server.statusMessage()).isEqualTo("card declined");
        assertThat(client.statusCode()).isEqualTo(StatusCode.OK);
        assertThat(server.startEpochNanos()).isPositive();
        assertThat(server.endEpochNanos()).isGreaterThanOrEqualTo(server.startEpochNanos());
        assertThat(server.serviceName()).isEqualTo("checkout");
        assertThat(server.resource().getAttribute(AttributeKey.stringKey("telemetry.sdk.language"))).isEqualTo("java");
        assertThat(server.scope().getName()).isEqualTo("dev.tracestore.test");
        assertThat(server.scope().getVersion()).isEqualTo("1.2.3");
        assertThat(server.attributes().get(AttributeKey.stringKey("http.request.method"))).isEqualTo("POST");
        assertThat(server.attributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(500L);
        assertThat(server.attributes().get(AttributeKey.doubleKey("ratio"))).isNaN();
        assertThat(server.attributes().get(AttributeKey.stringArrayKey("tags"))).containsExactly("a", "b");
        assertThat(server.attributes().get(AttributeKey.booleanKey("retry"))).isTrue();
        assertThat(server.events()).singleElement().satisfies(event -> {
            assertThat(event.name()).isEqualTo("exception");
            assertThat(event.attributes().get(AttributeKey.stringKey("exception.type")))
                    .isEqualTo("java.lang.IllegalStateException");
            assertThat(event.attributes().get(AttributeKey.stringKey("exception.message"))).isEqualTo("card declined");
        });
        assertThat(client.links()).singleElement().satisfies(link -> {
            assertThat(link.traceId()).isEqualTo(server.traceId());
            assertThat(link.spanId()).isEqualTo(server.spanId());
            assertThat(link.attributes().get(AttributeKey.stringKey("why"))).isEqualTo("test");
        });
    }
}
