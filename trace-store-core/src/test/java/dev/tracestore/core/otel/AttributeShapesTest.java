package dev.tracestore.core.otel;

import dev.tracestore.core.testing.Seeds;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shape-remembering copy against the sanitizer's general path (the brute-force reference): real SDK spans with
 * repeated and random sets of keys, new key instances per span, masked, URL and query keys, arrays, values beyond
 * the length limit, more attributes than kept and two keys of one name must give equal attributes, in the same
 * order, with the same counts.
 */
class AttributeShapesTest {

    private static final String[] NAMES = {"http.request.method", "http.route", "url.full", "http.target", "url.query",
        "password", "api_key", "tags", "count", "ratio", "ok", "server.address", "a", "z.last", "http.request"};

    private final SdkTracerProvider provider = SdkTracerProvider.builder().build();
    private final Tracer tracer = provider.get("test");

    @AfterEach
    void closeProvider() {
        provider.close();
    }

    @Test
    void copiesEqualTheGeneralPathWhateverTheShape() {
        Seeds.check("AttributeShapesTest", 30, seed -> {
            Random random = new Random(seed);
            Redaction redaction = random.nextBoolean() ? Redaction.defaults() : Redaction.none();
            int maxLength = 3 + random.nextInt(40);
            int maxCount = 2 + random.nextInt(14);
            AttributeSanitizer reference = new AttributeSanitizer(redaction, maxLength, maxCount);
            AttributeSanitizer sanitizer = new AttributeSanitizer(redaction, maxLength, maxCount);
            AttributeShapes shapes = new AttributeShapes(sanitizer);
            List<List<Integer>> knownShapes = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                knownShapes.add(randomNames(random));
            }
            for (int span = 0; span < 400; span++) {
                List<Integer> names = random.nextInt(5) == 0 ? randomNames(random)
                        : knownShapes.get(random.nextInt(knownShapes.size()));
                Attributes recorded = endedSpanAttributes(random, names);
                int dropped = random.nextInt(3);
                Attributes expected = reference.sanitize(recorded, dropped);
                Attributes actual = shapes.sanitize(recorded, dropped);
                assertThat(actual).isEqualTo(expected);
                assertThat(expected).isEqualTo(actual);
                assertThat(actual.hashCode()).isEqualTo(expected.hashCode());
                assertThat(pairs(actual)).containsExactlyElementsOf(pairs(expected));
            }
            assertThat(sanitizer.truncatedValueCount()).isEqualTo(reference.truncatedValueCount());
            assertThat(sanitizer.droppedAttributeCount()).isEqualTo(reference.droppedAttributeCount());
        });
    }

    @Test
    void spansOfOneShapeShareTheKeysKept() {
        AttributeShapes shapes = new AttributeShapes(new AttributeSanitizer(Redaction.defaults(), 100, 128));
        List<Attributes> kept = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Span span = tracer.spanBuilder("s").startSpan();
            // a new key instance per span, as Micrometer's bridge makes them
            span.setAttribute(new String("http.route"), "/orders/{id}");
            span.setAttribute(new String("order.id"), String.valueOf(i));
            span.end();
            kept.add(shapes.sanitize(((ReadableSpan) span).toSpanData().getAttributes(), 0));
        }
        List<AttributeKey<?>> first = new ArrayList<>(kept.get(0).asMap().keySet());
        for (Attributes attributes : kept) {
            List<AttributeKey<?>> keys = new ArrayList<>(attributes.asMap().keySet());
            for (int i = 0; i < keys.size(); i++) {
                assertThat(keys.get(i)).isSameAs(first.get(i));
            }
        }
    }

    private static List<Integer> randomNames(Random random) {
        List<Integer> names = new ArrayList<>();
        int count = 1 + random.nextInt(NAMES.length);
        for (int i = 0; i < count; i++) {
            names.add(random.nextInt(NAMES.length + 1)); // NAMES.length: "count" once more, as a string key
        }
        return names;
    }

    private Attributes endedSpanAttributes(Random random, List<Integer> names) {
        Span span = tracer.spanBuilder("span").startSpan();
        for (int index : names) {
            boolean freshKey = random.nextBoolean();
            String name = index == NAMES.length ? "count" : freshKey ? new String(NAMES[index]) : NAMES[index];
            switch (index == NAMES.length ? "string" : NAMES[index]) {
                case "password", "count" -> span.setAttribute(AttributeKey.longKey(name), random.nextLong(1_000));
                case "ratio" -> span.setAttribute(AttributeKey.doubleKey(name), random.nextDouble());
                case "ok" -> span.setAttribute(AttributeKey.booleanKey(name), random.nextBoolean());
                case "api_key", "tags" -> span.setAttribute(AttributeKey.stringArrayKey(name),
                        List.of(text(random), text(random)));
                case "url.full" -> span.setAttribute(name, "https://user:pw@shop.example/a?token=" + text(random)
                        + "&q=" + text(random));
                case "http.target" -> span.setAttribute(name, "/a/b?password=" + text(random));
                default -> span.setAttribute(name, text(random));
            }
        }
        span.end();
        SpanData data = ((ReadableSpan) span).toSpanData();
        return data.getAttributes();
    }

    private static String text(Random random) {
        return "v".repeat(random.nextInt(50)) + random.nextInt(10);
    }

    private static List<String> pairs(Attributes attributes) {
        List<String> pairs = new ArrayList<>();
        attributes.forEach((key, value) -> pairs.add(key.getType() + " " + key.getKey() + "=" + value));
        return pairs;
    }
}
