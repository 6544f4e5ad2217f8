package dev.tracestore.core.log;

import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class OtlpJsonWriterTest {

    private final OtlpJsonWriter writer = new OtlpJsonWriter();

    @Test
    void followsTheOtlpJsonEncodingRules() {
        String json = new String(writer.toBytes(TestSpans.everything()), StandardCharsets.UTF_8);

        assertThat(json).startsWith("{\"resourceSpans\":[{\"resource\":{\"attributes\":[")
                .doesNotContain("\n")
                .contains("\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\"")
                .contains("\"spanId\":\"00f067aa0ba902b7\"")
                .contains("\"parentSpanId\":\"00f067aa0ba902b7\"")
                .containsPattern("\"startTimeUnixNano\":\"\\d+\"")
                .containsPattern("\"endTimeUnixNano\":\"\\d+\"")
                .containsPattern("\"timeUnixNano\":\"\\d+\"")
                .contains("\"startTimeUnixNano\":\"1700000000123456789\"")
                .contains("{\"key\":\"http.response.status_code\",\"value\":{\"intValue\":\"42\"}}")
                .contains("{\"key\":\"small\",\"value\":{\"intValue\":\"-9223372036854775808\"}}")
                .contains("{\"key\":\"cache.hit\",\"value\":{\"boolValue\":false}}")
                .contains("{\"key\":\"ratio\",\"value\":{\"doubleValue\":0.1}}")
                .contains("{\"key\":\"nan\",\"value\":{\"doubleValue\":\"NaN\"}}")
                .contains("{\"key\":\"inf\",\"value\":{\"doubleValue\":\"Infinity\"}}")
                .contains("{\"key\":\"minus.inf\",\"value\":{\"doubleValue\":\"-Infinity\"}}")
                .contains("{\"key\":\"ids\",\"value\":{\"arrayValue\":{\"values\":[{\"intValue\":\"1\"},{\"intValue\":\"-2\"},{\"intValue\":\"3\"}]}}}")
                .contains("\"kind\":2")
                .contains("\"kind\":3")
                .contains("\"kind\":1")
                .contains("\"kind\":4")
                .contains("\"kind\":5")
                .contains("\"status\":{\"code\":2,\"message\":\"timeout\"}")
                .contains("\"status\":{\"code\":1}")
                .contains("\"status\":{\"code\":0}")
                .contains("\"scope\":{\"name\":\"org.springframework.boot\",\"version\":\"4.0.7\",\"attributes\":[")
                .contains("\"schemaUrl\":\"https://opentelemetry.io/schemas/1.24.0\"")
                .contains("\"links\":[{\"traceId\":\"0af7651916cd43dd8448eb211c80319c\",\"spanId\":\"b7ad6b7169203331\",\"attributes\":[")
                // proto3 JSON: snake_case names and enum names are not OTLP/JSON.
                .doesNotContain("_unix_nano", "trace_id", "SPAN_KIND_", "STATUS_CODE_");
    }

    @Test
    void eachPairKeepsItsOwnKeyWhenTheSameValueInstanceMovesBetweenKeysAndPositions() throws IOException {
        // The writer remembers the value last written at each position: the same instance under another key, or
        // another value under the same key, must not reuse that pair.
        String shared = "shared-value";
        Long number = 7_000L;
        AttributeKey<String> a = AttributeKey.stringKey("a");
        AttributeKey<String> b = AttributeKey.stringKey("b");
        AttributeKey<Long> c = AttributeKey.longKey("c");
        List<Attributes> attributes = List.of(
                Attributes.of(a, shared), Attributes.of(b, shared), Attributes.of(a, shared, b, "other"),
                Attributes.of(a, "other", b, shared), Attributes.of(c, number), Attributes.of(a, shared, c, number),
                Attributes.of(a, shared), Attributes.of(b, shared, c, 8_000L));
        List<StoredSpan> spans = new ArrayList<>();
        List<StoredSpan> numbered = TestSpans.numbered(0, attributes.size());
        for (int i = 0; i < attributes.size(); i++) {
            StoredSpan span = numbered.get(i);
            spans.add(new StoredSpan(span.traceId(), span.spanId(), span.parentSpanId(), span.name(), span.kind(),
                    span.startEpochNanos(), span.endEpochNanos(), span.statusCode(), span.statusMessage(),
                    attributes.get(i), span.events(), span.links(), span.resource(), span.scope()));
        }

        List<StoredSpan> read = new OtlpJsonReader().read(new String(writer.toBytes(spans), StandardCharsets.UTF_8));

        assertThat(read).extracting(StoredSpan::attributes).containsExactlyElementsOf(attributes);
    }

    @Test
    void omitsParentSpanIdOfRootsAndEmptyCollections() throws IOException {
        StoredSpan root = TestSpans.numbered(0, 1).get(0);
        String json = new String(writer.toBytes(List.of(root)), StandardCharsets.UTF_8);

        assertThat(json).doesNotContain("parentSpanId", "events", "links", "\"message\"");
    }

    @Test
    void groupsByResourceThenScopeKeepingBatchOrderInsideAGroup() {
        String json = new String(writer.toBytes(TestSpans.everything()), StandardCharsets.UTF_8);
        Matcher matcher = Pattern.compile("\"service.name\",\"value\":\\{\"stringValue\":\"([^\"]*)\""
                + "|\"scope\":\\{\"name\":\"([^\"]*)\""
                + "|\"spanId\":\"[0-9a-f]{16}\",(?:\"parentSpanId\":\"[0-9a-f]{16}\",)?\"name\":\"([^\"]*)\"")
                .matcher(json);
        List<String> structure = new ArrayList<>();
        while (matcher.find()) {
            structure.add(matcher.group(1) != null ? "resource " + matcher.group(1)
                    : matcher.group(2) != null ? "scope " + matcher.group(2) : "span " + matcher.group(3));
        }

        assertThat(structure).containsExactly(
                "resource orders",
                "scope org.springframework.boot", "span GET /orders/{id}", "span render",
                "scope jdbc", "span SELECT orders",
                "resource billing",
                "scope org.springframework.boot", "span charge",
                "scope jdbc", "span publish");
    }

    @Test
    void writeAndToBytesProduceTheSameJsonAndLeaveTheStreamOpen() throws IOException {
        List<StoredSpan> spans = TestSpans.everything();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(spans, out);
        out.write('!');

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(new String(writer.toBytes(spans), StandardCharsets.UTF_8) + "!");
    }

    @Test
    void writesAnEmptyRequestForAnEmptyBatch() {
        assertThat(new String(writer.toBytes(List.of()), StandardCharsets.UTF_8)).isEqualTo("{\"resourceSpans\":[]}");
    }
}
