package dev.tracestore.core.store;

import dev.tracestore.core.model.SpanEvent;
import dev.tracestore.core.model.SpanLink;
import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.resources.Resource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiConsumer;

import static dev.tracestore.core.testing.TestSpans.spanId;
import static dev.tracestore.core.testing.TestSpans.traceId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code getTrace} unpacks spans equal to the ones stored: attributes of every type (span, event and link ones)
 * equal in both directions and with the same hash as the SDK's own {@link Attributes}, parents within and outside
 * the trace, small traces and large ones; {@code readTrace} reads the same fields and attributes from the packed
 * spans as from the stored ones. A failure prints the seed; rerun one seed with {@code -Dseed=N}.
 */
class TraceUnpackingTest {

    private static final long START = 1_700_000_000_000_000_000L;
    private static final String[] KEYS = {"a", "b.c", "http.route", "zeta", "Z", "ümlaut", "url.path", "n", "m.k"};

    @Test
    void unpackedSpansEqualTheStoredOnes() {
        long firstSeed = Long.getLong("seed", System.nanoTime());
        int seeds = Long.getLong("seed") != null ? 1 : 20;
        for (int i = 0; i < seeds; i++) {
            long seed = firstSeed + i;
            try {
                runOneSeed(seed);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("seed " + seed + " (rerun with -Dseed=" + seed + "): " + e.getMessage(), e);
            }
        }
        System.out.println("TraceUnpackingTest: seeds " + firstSeed + " to " + (firstSeed + seeds - 1));
    }

    private void runOneSeed(long seed) {
        Random random = new Random(seed);
        InMemorySpanStore store = new InMemorySpanStore(10_000);
        List<List<StoredSpan>> traces = new ArrayList<>();
        for (int t = 1; t <= 12; t++) {
            // sizes on both sides of the unpacker's switch from looking at every span to a map
            int size = t % 3 == 0 ? 40 + random.nextInt(40) : 1 + random.nextInt(12);
            List<StoredSpan> trace = new ArrayList<>();
            for (int s = 1; s <= size; s++) {
                // a parent that is stored, one that is not, or none
                String parent = s == 1 ? ""
                        : random.nextInt(5) == 0 ? spanId(50_000 + s) : spanId(t * 1_000 + random.nextInt(s - 1) + 1);
                StoredSpan span = span(random, traceId(t), spanId(t * 1_000 + s), parent, s);
                trace.add(span);
                store.add(span);
            }
            traces.add(trace);
        }
        for (int t = 1; t <= traces.size(); t++) {
            List<StoredSpan> expected = new ArrayList<>(traces.get(t - 1));
            expected.sort(InMemorySpanStore.BY_START_THEN_SPAN_ID);
            List<StoredSpan> unpacked = store.getTrace(traceId(t));

            assertThat(unpacked).isEqualTo(expected);
            for (int s = 0; s < expected.size(); s++) {
                assertSameAttributes(unpacked.get(s).attributes(), expected.get(s).attributes());
                for (int e = 0; e < expected.get(s).events().size(); e++) {
                    assertSameAttributes(unpacked.get(s).events().get(e).attributes(),
                            expected.get(s).events().get(e).attributes());
                }
                for (int l = 0; l < expected.get(s).links().size(); l++) {
                    assertSameAttributes(unpacked.get(s).links().get(l).attributes(),
                            expected.get(s).links().get(l).attributes());
                }
            }
            TraceSpans reference = TraceSpans.of(expected, store.failureRules());
            Integer read = store.readTrace(traceId(t), packed -> assertSameReads(packed, reference));
            assertThat(read).isEqualTo(size(t, traces));
        }
        Integer absent = store.readTrace(traceId(99), packed -> 1);
        assertThat(absent).isNull();
    }

    private static int size(int trace, List<List<StoredSpan>> traces) {
        return traces.get(trace - 1).size();
    }

    /** A trace read packed ({@link SpanStore#readTrace}) answers what the unpacked spans hold, span by span. */
    private static int assertSameReads(TraceSpans packed, TraceSpans unpacked) {
        assertThat(packed.size()).isEqualTo(unpacked.size());
        assertThat(packed.traceId()).isEqualTo(unpacked.traceId());
        assertThat(packed.failureRules()).isSameAs(unpacked.failureRules());
        for (int i = 0; i < packed.size(); i++) {
            int j = 0;
            while (unpacked.spanId(j) != packed.spanId(i)) {
                j++;
            }
            assertThat(packed.parentSpanId(i)).isEqualTo(unpacked.parentSpanId(j));
            assertThat(packed.name(i)).isEqualTo(unpacked.name(j));
            assertThat(packed.kind(i)).isEqualTo(unpacked.kind(j));
            assertThat(packed.status(i)).isEqualTo(unpacked.status(j));
            assertThat(packed.statusMessage(i)).isEqualTo(unpacked.statusMessage(j));
            assertThat(packed.startEpochNanos(i)).isEqualTo(unpacked.startEpochNanos(j));
            assertThat(packed.durationNanos(i)).isEqualTo(unpacked.durationNanos(j));
            assertThat(packed.service(i)).isEqualTo(unpacked.service(j));
            assertThat(packed.resource(i)).isEqualTo(unpacked.resource(j));
            assertThat(packed.scope(i)).isEqualTo(unpacked.scope(j));
            assertThat(packed.failed(i)).isEqualTo(unpacked.failed(j));
            for (String key : KEYS) {
                assertThat(packed.attribute(i, key)).as(key).isEqualTo(unpacked.attribute(j, key));
            }
            assertThat(packed.attribute(i, "absent")).isNull();
            assertThat(packed.span(i)).isEqualTo(unpacked.span(j));
            // once unpacked, the same answers from the unpacked span
            for (String key : KEYS) {
                assertThat(packed.attribute(i, key)).as(key).isEqualTo(unpacked.attribute(j, key));
            }
            assertThat(packed.statusMessage(i)).isEqualTo(unpacked.statusMessage(j));
        }
        return packed.size();
    }

    /** Equal both ways, same hash, same lookups and the same iteration order as the SDK's attributes. */
    private static void assertSameAttributes(Attributes unpacked, Attributes sdk) {
        assertThat(unpacked).isEqualTo(sdk);
        assertThat(sdk).isEqualTo(unpacked);
        assertThat(unpacked.hashCode()).isEqualTo(sdk.hashCode());
        assertThat(unpacked.size()).isEqualTo(sdk.size());
        assertThat(unpacked.isEmpty()).isEqualTo(sdk.isEmpty());
        assertThat(unpacked.asMap()).containsExactlyEntriesOf(sdk.asMap());
        assertThat(pairs(unpacked::forEach)).containsExactlyEntriesOf(pairs(sdk::forEach));
        sdk.forEach((key, value) -> assertThat(unpacked.get(key)).isEqualTo(value));
        assertThat(unpacked.get(AttributeKey.stringKey("absent"))).isNull();
        assertThat(unpacked.toBuilder().put("added", true).build())
                .isEqualTo(sdk.toBuilder().put("added", true).build());
        assertThat(unpacked.toString()).isEqualTo(sdk.toString());
    }

    private static Map<AttributeKey<?>, Object> pairs(java.util.function.Consumer<BiConsumer<AttributeKey<?>, Object>> forEach) {
        Map<AttributeKey<?>, Object> pairs = new LinkedHashMap<>();
        forEach.accept(pairs::put);
        return pairs;
    }

    @Test
    void attributesWhoseIterationIsNotSortedAreSortedOnUnpacking() {
        Attributes sorted = Attributes.builder().put("a", "1").put("b", 2L).put("c", true).build();
        Attributes reversed = new ReversedAttributes(sorted);
        StoredSpan span = StoredSpan.builder().traceId(traceId(1)).spanId(spanId(1)).name("op")
                .startEpochNanos(START).endEpochNanos(START + 1).attributes(reversed).build();
        InMemorySpanStore store = new InMemorySpanStore(10);
        store.add(span);

        Attributes unpacked = store.getTrace(traceId(1)).get(0).attributes();

        assertSameAttributes(unpacked, sorted);
    }

    private static StoredSpan span(Random random, String traceId, String spanId, String parent, int position) {
        List<SpanEvent> events = new ArrayList<>();
        for (int e = random.nextInt(3); e > 0; e--) {
            events.add(new SpanEvent("event-" + random.nextInt(3), START + position + e, attributes(random)));
        }
        List<SpanLink> links = new ArrayList<>();
        for (int l = random.nextInt(2); l > 0; l--) {
            links.add(new SpanLink(traceId(77), spanId(77), attributes(random)));
        }
        return StoredSpan.builder().traceId(traceId).spanId(spanId).parentSpanId(parent)
                .name("op-" + random.nextInt(4)).kind(SpanKind.values()[random.nextInt(SpanKind.values().length)])
                .startEpochNanos(START + random.nextInt(50)).endEpochNanos(START + 100 + random.nextInt(50))
                .status(random.nextInt(4) == 0 ? StatusCode.ERROR : StatusCode.UNSET, random.nextBoolean() ? "" : "boom")
                .attributes(attributes(random)).events(events).links(links)
                .resource(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"),
                        "svc-" + random.nextInt(3))))
                .build();
    }

    private static Attributes attributes(Random random) {
        AttributesBuilder builder = Attributes.builder();
        for (int i = random.nextInt(8); i > 0; i--) {
            String key = KEYS[random.nextInt(KEYS.length)];
            switch (random.nextInt(8)) {
                case 0 -> builder.put(key, "v" + random.nextInt(1_000));
                case 1 -> builder.put(key, random.nextBoolean());
                case 2 -> builder.put(key, random.nextLong() >> random.nextInt(64));
                case 3 -> builder.put(key, random.nextDouble() * 1e6);
                case 4 -> builder.put(AttributeKey.stringArrayKey(key), List.of("x" + random.nextInt(9), "", "y"));
                case 5 -> builder.put(AttributeKey.booleanArrayKey(key), List.of(true, random.nextBoolean()));
                case 6 -> builder.put(AttributeKey.longArrayKey(key), List.of(random.nextLong(), -1L));
                default -> builder.put(AttributeKey.doubleArrayKey(key), List.of(Double.NaN, random.nextDouble()));
            }
        }
        return builder.build();
    }

    /** Attributes that hand their pairs over in reverse order: a valid {@link Attributes} the SDK did not build. */
    private record ReversedAttributes(Attributes sorted) implements Attributes {
        @Override
        public <T> T get(AttributeKey<T> key) {
            return sorted.get(key);
        }

        @Override
        public void forEach(BiConsumer<? super AttributeKey<?>, ? super Object> consumer) {
            List<Map.Entry<AttributeKey<?>, Object>> entries = new ArrayList<>(sorted.asMap().entrySet());
            for (int i = entries.size() - 1; i >= 0; i--) {
                consumer.accept(entries.get(i).getKey(), entries.get(i).getValue());
            }
        }

        @Override
        public int size() {
            return sorted.size();
        }

        @Override
        public boolean isEmpty() {
            return sorted.isEmpty();
        }

        @Override
        public Map<AttributeKey<?>, Object> asMap() {
            return sorted.asMap();
        }

        @Override
        public io.opentelemetry.api.common.AttributesBuilder toBuilder() {
            return sorted.toBuilder();
        }
    }
}
