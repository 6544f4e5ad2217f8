package dev.tracestore.core.log;

import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The encoded pairs a writer keeps: the bytes copied from the cache are those the field-by-field encoding writes,
 * whatever the value holds, and the cache stays within its bounds.
 */
class EncodedKeyValuesTest {

    private final OtlpJsonWriter writer = new OtlpJsonWriter();

    @Test
    void aCachedPairIsWrittenAsTheFieldByFieldEncodingWritesItWhateverItsValueHolds() throws IOException {
        AttributeKey<String> key = AttributeKey.stringKey("k\"ey");
        List<String> values = List.of("plain", "quote \" and \\ backslash", "tab\tnewline\ncontrol\u0001",
                "héllo wörld 日本語 \uD83D\uDE00", "lone \uD800 surrogate", "</script>", "");
        List<StoredSpan> spans = new ArrayList<>();
        for (String value : values) {
            spans.add(span(spans.size(), Attributes.of(key, value)));
        }
        // the first write fills the cache, the second copies every pair from it
        String first = new String(writer.toBytes(spans), StandardCharsets.UTF_8);
        String second = new String(writer.toBytes(spans), StandardCharsets.UTF_8);

        assertThat(second).isEqualTo(first)
                .contains("{\"key\":\"k\\\"ey\",\"value\":{\"stringValue\":\"quote \\\" and \\\\ backslash\"}}")
                .contains("{\"key\":\"k\\\"ey\",\"value\":{\"stringValue\":\"tab\\tnewline\\ncontrol\\u0001\"}}")
                // Jackson writes characters outside the BMP, and a lone surrogate, as \\u escapes
                .contains("{\"key\":\"k\\\"ey\",\"value\":{\"stringValue\":\"héllo wörld 日本語 \\uD83D\\uDE00\"}}")
                .contains("{\"key\":\"k\\\"ey\",\"value\":{\"stringValue\":\"lone \\uD800 surrogate\"}}");
        assertThat(new OtlpJsonReader().read(second)).isEqualTo(new OtlpJsonReader().read(first));
        assertThat(new OtlpJsonReader().read(second)).extracting(span -> span.attributes().get(key))
                .containsExactlyElementsOf(values);
    }

    @Test
    void keysWithManyValuesAndLongValuesAreWrittenFieldByFieldWithTheSameBytes() throws IOException {
        AttributeKey<String> path = AttributeKey.stringKey("url.path");
        AttributeKey<Long> status = AttributeKey.longKey("http.response.status_code");
        AttributeKey<Double> ratio = AttributeKey.doubleKey("ratio");
        List<StoredSpan> spans = new ArrayList<>();
        int count = EncodedKeyValues.MAX_VALUES_PER_KEY * 2;
        for (int i = 0; i < count; i++) {
            AttributesBuilder attributes = Attributes.builder()
                    .put(path, "/orders/" + i)
                    .put(status, 200L + i % 3)
                    .put(ratio, i % 2 == 0 ? 0.5 : Double.NaN)
                    .put(AttributeKey.stringKey("long"), "x".repeat(EncodedKeyValues.MAX_VALUE_LENGTH + i % 2));
            spans.add(span(i, attributes.build()));
        }
        String json = new String(writer.toBytes(spans), StandardCharsets.UTF_8);

        for (int i : new int[] {0, EncodedKeyValues.MAX_VALUES_PER_KEY - 1, count - 1}) {
            assertThat(json).contains("{\"key\":\"url.path\",\"value\":{\"stringValue\":\"/orders/" + i + "\"}}");
        }
        assertThat(json).contains("{\"key\":\"http.response.status_code\",\"value\":{\"intValue\":\"202\"}}")
                .contains("{\"key\":\"ratio\",\"value\":{\"doubleValue\":0.5}}")
                .contains("{\"key\":\"ratio\",\"value\":{\"doubleValue\":\"NaN\"}}")
                .contains("{\"key\":\"long\",\"value\":{\"stringValue\":\""
                        + "x".repeat(EncodedKeyValues.MAX_VALUE_LENGTH + 1) + "\"}}");
        assertThat(new OtlpJsonReader().read(json)).isEqualTo(spans);
    }

    @Test
    void aKeyStopsBeingCachedOnceItShowsMoreValuesThanItMayKeep() throws IOException {
        EncodedKeyValues encoded = new EncodedKeyValues(new com.fasterxml.jackson.core.JsonFactory());
        AttributeKey<String> attributeKey = AttributeKey.stringKey("url.path");
        EncodedKeyValues.Key key = encoded.key(attributeKey);

        for (int i = 0; i < EncodedKeyValues.MAX_VALUES_PER_KEY; i++) {
            assertThat(encoded.pair(attributeKey, key, "/orders/" + i)).isNotNull();
        }
        assertThat(encoded.pair(attributeKey, key, "/orders/0").getValue())
                .isEqualTo("{\"key\":\"url.path\",\"value\":{\"stringValue\":\"/orders/0\"}}");
        assertThat(encoded.pair(attributeKey, key, "/orders/one-more")).isNull();
        assertThat(encoded.pair(attributeKey, key, "/orders/0")).isNull();
        assertThat(encoded.pair(attributeKey, key, "x".repeat(EncodedKeyValues.MAX_VALUE_LENGTH + 1))).isNull();
        assertThat(encoded.key(attributeKey)).isSameAs(key);
    }

    private static StoredSpan span(int number, Attributes attributes) {
        String id = String.format("%016x", number + 1L);
        return StoredSpan.builder().traceId(id + id).spanId(id).name("span " + number)
                .startEpochNanos(1_700_000_000_000_000_000L).endEpochNanos(1_700_000_000_000_000_000L + number)
                .attributes(attributes).resource(TestSpans.ORDERS).build();
    }
}
