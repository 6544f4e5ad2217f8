package dev.tracestore.core.store;

import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.AttributeFilter;
import dev.tracestore.core.query.SpanQuery;
import dev.tracestore.core.testing.Seeds;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.StatusCode;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

import static dev.tracestore.core.testing.TestSpans.span;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Besides keys, the store remembers per attribute position the numbered value instance of the previous span with its
 * dictionary number, and per position the key released last with its postings. They must not be trusted once the
 * dictionary freed a number or once the key's postings went with its last span. Here value instances are shared
 * constants (as an instrumented application's are), shared by several keys, over sliding value windows, keys that
 * come and go, one key that passes {@link KeyPostings#MAX_VALUES_PER_KEY} values, and more adds than a sweep waits
 * for; every equality search, every read-back and the listed keys are compared with the spans held. (Remembering
 * each position's value list in the indexer as well was tried and made the insert slower; two tests below keep
 * what such a shortcut must respect.)
 */
class RememberedValuesTest {

    private static final String[] STRINGS = new String[3_000];
    private static final Long[] LONGS = new Long[40];

    static {
        for (int i = 0; i < STRINGS.length; i++) {
            STRINGS[i] = "v" + i;
        }
        for (int i = 0; i < LONGS.length; i++) {
            LONGS[i] = (long) (1_000 + i); // outside Long's cache: the pool's instances are the only ones
        }
    }

    private static final List<AttributeKey<?>> KEYS = List.of(AttributeKey.stringKey("a"),
            AttributeKey.stringKey("b"), AttributeKey.longKey("c"), AttributeKey.stringKey("phase"),
            AttributeKey.stringKey("wide"), AttributeKey.booleanKey("hit"), AttributeKey.stringArrayKey("b"));

    @Test
    void sharedValueInstancesAreFoundExactlyWhileListsAndKeysChurn() {
        Seeds.check("RememberedValuesTest", 6, this::runOneSeed);
    }

    private void runOneSeed(long seed) {
        Random random = new Random(seed);
        int capacity = 1 + random.nextInt(random.nextBoolean() ? 8 : 100);
        InMemorySpanStore store = new InMemorySpanStore(capacity);
        Deque<StoredSpan> held = new ArrayDeque<>();
        for (int n = 0; n < 9_000; n++) {
            StoredSpan span = randomSpan(random, n);
            store.add(span);
            held.addLast(span);
            if (held.size() > capacity) {
                held.removeFirst();
            }
            if (random.nextInt(7) != 0) {
                continue;
            }
            StoredSpan live = held.stream().skip(random.nextInt(held.size())).findFirst().orElseThrow();
            assertThat(store.getTrace(live.traceId())).as("seed %d, span %d", seed, n).containsExactly(live);
            AttributeKey<?> key = KEYS.get(random.nextInt(KEYS.size() - 1));
            Object value = key.getKey().equals("c") ? LONGS[random.nextInt(LONGS.length)]
                    : key.getKey().equals("hit") ? random.nextBoolean()
                    : STRINGS[window(n, key) + random.nextInt(width(key))];
            List<StoredSpan> expected = new ArrayList<>();
            for (StoredSpan candidate : held) {
                if (Objects.equals(value, candidate.attributes().get(key))) {
                    expected.add(candidate);
                }
            }
            SpanQuery query = SpanQuery.builder().attribute(AttributeFilter.parse(key.getKey() + "=" + value))
                    .limit(100).build();
            assertThat(store.findSpans(query)).as("seed %d, span %d, %s=%s", seed, n, key.getKey(), value)
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(store.listKeys(AttributeFilter.Scope.SPAN, Listing.Window.ALL).items())
                    .as("seed %d, span %d", seed, n).containsExactlyInAnyOrderElementsOf(keysOf(held));
        }
    }

    @Test
    void aListThatASweepDroppedIsNotAppendedToAgain() {
        AttributeKey<String> a = AttributeKey.stringKey("a");
        AttributeKey<String> k = AttributeKey.stringKey("k");
        InMemorySpanStore store = new InMemorySpanStore(3);
        // "k" at position 1 remembers X's list; later spans keep both keys live (the one evicted before each add
        // has a live successor of the same key) but put nothing at position 1
        store.add(span(0, 0, 0).attributes(Attributes.of(a, "V", k, "X")).build());
        for (int n = 1; n <= 4_100; n++) {
            store.add(span(n, n, n * 1_000L).attributes(n % 2 == 0 ? Attributes.of(a, "W") : Attributes.of(k, "Y"))
                    .build());
        }
        // the sweep at 4 096 adds dropped X's list, emptied long ago
        StoredSpan again = span(5_000, 5_000, 5_000_000L).attributes(Attributes.of(a, "V", k, "X")).build();
        store.add(again);

        assertThat(store.findSpans(SpanQuery.builder().attribute(AttributeFilter.parse("k=X")).build()))
                .containsExactly(again);
    }

    @Test
    void aKeyThatSwitchedToHashBucketsGetsNoMoreEntriesInItsOldLists() {
        AttributeKey<String> a = AttributeKey.stringKey("a");
        AttributeKey<String> k = AttributeKey.stringKey("k");
        InMemorySpanStore store = new InMemorySpanStore(2_000);
        StoredSpan first = span(0, 0, 0).attributes(Attributes.of(a, "V", k, "X")).build();
        store.add(first);
        // "k" at position 0 only, with one value too many for a list each: X's list is left behind
        for (int n = 1; n <= KeyPostings.MAX_VALUES_PER_KEY; n++) {
            store.add(span(n, n, n * 1_000L).attributes(Attributes.of(k, STRINGS[n])).build());
        }
        StoredSpan again = span(5_000, 5_000, 5_000_000L).attributes(Attributes.of(a, "V", k, "X")).build();
        store.add(again);

        assertThat(store.findSpans(SpanQuery.builder().attribute(AttributeFilter.parse("k=X")).build()))
                .containsExactlyInAnyOrder(first, again);
    }

    @Test
    void postingsGoneWithTheirLastSpanAreNotCountedDownAgain() {
        AttributeKey<String> k = AttributeKey.stringKey("k");
        InMemorySpanStore store = new InMemorySpanStore(1);
        store.add(span(0, 0, 0).attributes(Attributes.of(k, "X")).build());
        // evicts the first: "k" goes, and comes back with new postings
        store.add(span(1, 1, 1_000).attributes(Attributes.of(k, "Y")).build());
        // evicts the second: its "k" must count down the new postings, not the ones remembered from the first
        store.add(span(2, 2, 2_000).build());

        assertThat(store.listKeys(AttributeFilter.Scope.SPAN, Listing.Window.ALL).items()).isEmpty();
    }

    /** @return the span keys of the spans held, with their types and how many spans have each */
    private static List<Listing.Key> keysOf(Deque<StoredSpan> held) {
        Map<String, Set<AttributeType>> types = new HashMap<>();
        Map<String, Long> spans = new HashMap<>();
        for (StoredSpan span : held) {
            Set<String> names = new HashSet<>();
            span.attributes().forEach((key, value) -> {
                types.computeIfAbsent(key.getKey(), name -> EnumSet.noneOf(AttributeType.class)).add(key.getType());
                names.add(key.getKey());
            });
            names.forEach(name -> spans.merge(name, 1L, Long::sum));
        }
        List<Listing.Key> keys = new ArrayList<>();
        spans.forEach((name, count) -> keys.add(new Listing.Key(AttributeFilter.Scope.SPAN, name, types.get(name),
                count)));
        return keys;
    }

    /** The first value of the key's window at span {@code n}: windows slide, so old values' lists empty out. */
    private static int window(int n, AttributeKey<?> key) {
        return switch (key.getKey()) {
            case "a" -> (n / 700) % 20;
            case "b" -> 100 + (n / 300) % 50;
            case "phase" -> 200;
            default -> 0; // "wide": more values than a list each
        };
    }

    private static int width(AttributeKey<?> key) {
        return switch (key.getKey()) {
            case "a" -> 3;
            case "b" -> 12;
            case "phase" -> 2;
            default -> 2_500;
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static StoredSpan randomSpan(Random random, int n) {
        AttributesBuilder attributes = Attributes.builder();
        for (AttributeKey<?> key : KEYS) {
            boolean present = switch (key.getKey()) {
                case "phase" -> (n / 500) % 2 == 0; // absent for long enough that its postings go, then back
                case "wide" -> n > 2_000 && random.nextInt(4) != 0;
                // late and rarely, "b" gets an array value under a key of its own type: that ends "b"'s index
                case "b" -> key.getType() == AttributeType.STRING_ARRAY ? n > 6_000 && random.nextInt(50) == 0
                        : random.nextInt(4) != 0;
                default -> random.nextInt(4) != 0;
            };
            if (!present) {
                continue;
            }
            Object value = switch (key.getType()) {
                case LONG -> LONGS[random.nextInt(LONGS.length)];
                case BOOLEAN -> random.nextBoolean();
                case STRING_ARRAY -> List.of(STRINGS[random.nextInt(3)]);
                // one in five a fresh copy: equal values that are not the remembered instance
                default -> random.nextInt(5) == 0
                        ? new String(STRINGS[window(n, key) + random.nextInt(width(key))])
                        : STRINGS[window(n, key) + random.nextInt(width(key))];
            };
            attributes.put((AttributeKey) key, value);
        }
        return span(n, n, n * 1_000L)
                .status(random.nextInt(9) == 0 ? StatusCode.ERROR : StatusCode.UNSET,
                        random.nextInt(5) == 0 ? "failed " + random.nextInt(3) : "")
                .attributes(attributes.build())
                .build();
    }
}
