package dev.tracestore.core.store;

import dev.tracestore.core.model.SpanEvent;
import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.AttributeFilter;
import dev.tracestore.core.query.SpanQuery;
import dev.tracestore.core.testing.Seeds;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.StatusCode;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;

import static dev.tracestore.core.testing.TestSpans.span;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store remembers, per attribute position, which postings and which dictionary number the key of the previous
 * span had there, and trusts them when the next span carries the same key instance there. Eviction frees
 * dictionary numbers and keys, and a freed number comes back for another string: what is remembered must then not
 * be trusted. Spans that share key instances, in stores small enough that every add evicts, must read back and be
 * found exactly as added.
 */
class RememberedNumbersTest {

    private static final AttributeKey<String> K = AttributeKey.stringKey("k");

    @Test
    void aKeyNumberFreedAndGivenToAnotherStringIsNotReused() {
        InMemorySpanStore store = new InMemorySpanStore(2);
        store.add(span(1, 1, 1_000).attributes(Attributes.of(K, "x")).build());
        store.add(span(2, 2, 2_000).build());
        // evicts the first span: "k" and "x" are freed, and the event name takes one of their numbers
        store.add(span(3, 3, 3_000).events(List.of(new SpanEvent("zzz", 3_500, Attributes.empty()))).build());
        StoredSpan again = span(4, 4, 4_000).attributes(Attributes.of(K, "x")).build();
        store.add(again);

        assertThat(store.getTrace(again.traceId())).containsExactly(again);
        assertThat(store.findSpans(SpanQuery.builder().attribute(AttributeFilter.parse("k=x")).build()))
                .containsExactly(again);
    }

    @Test
    void spansSharingKeyInstancesReadBackExactlyWhileNumbersChurn() {
        Seeds.check("RememberedNumbersTest", 40, this::runOneSeed);
    }

    private void runOneSeed(long seed) {
        Random random = new Random(seed);
        List<AttributeKey<?>> keys = List.of(K, AttributeKey.stringKey("route"), AttributeKey.longKey("k"),
                AttributeKey.stringKey("id"), AttributeKey.doubleKey("load"), AttributeKey.booleanKey("hit"),
                AttributeKey.stringArrayKey("tags"));
        int capacity = 1 + random.nextInt(6);
        InMemorySpanStore store = new InMemorySpanStore(capacity);
        Deque<StoredSpan> held = new ArrayDeque<>();
        for (int n = 0; n < 3_000; n++) {
            StoredSpan span = randomSpan(random, keys, n);
            store.add(span);
            held.addLast(span);
            if (held.size() > capacity) {
                held.removeFirst();
            }
            if (random.nextInt(10) == 0) {
                for (StoredSpan live : held) {
                    assertThat(store.getTrace(live.traceId())).as("seed %d, span %d", seed, n).containsExactly(live);
                }
                String route = "r" + random.nextInt(4);
                List<StoredSpan> expected = new ArrayList<>();
                held.forEach(live -> {
                    if (route.equals(live.attributes().get(AttributeKey.stringKey("route")))) {
                        expected.add(live);
                    }
                });
                assertThat(store.findSpans(SpanQuery.builder().attribute(AttributeFilter.parse("route=" + route))
                        .limit(100).build()))
                        .as("seed %d, span %d", seed, n).containsExactlyInAnyOrderElementsOf(expected);
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static StoredSpan randomSpan(Random random, List<AttributeKey<?>> keys, int n) {
        AttributesBuilder attributes = Attributes.builder();
        for (AttributeKey<?> key : keys) {
            if (random.nextInt(3) == 0) {
                continue;
            }
            Object value = switch (key.getType()) {
                case STRING -> key.getKey().equals("id") ? "id-" + n
                        : key.getKey().equals("route") ? "r" + random.nextInt(4) : "v" + random.nextInt(n % 7 + 1);
                case LONG -> (long) random.nextInt(5);
                case DOUBLE -> random.nextInt(4) / 2.0;
                case BOOLEAN -> random.nextBoolean();
                default -> List.of("t" + random.nextInt(3));
            };
            attributes.put((AttributeKey) key, value);
        }
        List<SpanEvent> events = random.nextInt(3) == 0
                ? List.of(new SpanEvent("event-" + random.nextInt(n % 11 + 1), n * 1_000L + 10,
                        Attributes.of(AttributeKey.stringKey("e" + random.nextInt(3)), "w")))
                : List.of();
        return span(n, n, n * 1_000L)
                .status(random.nextInt(5) == 0 ? StatusCode.ERROR : StatusCode.UNSET,
                        random.nextBoolean() ? "" : "message " + random.nextInt(3))
                .attributes(attributes.build())
                .events(events)
                .build();
    }
}
