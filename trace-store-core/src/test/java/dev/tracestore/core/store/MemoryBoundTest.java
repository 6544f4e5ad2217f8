package dev.tracestore.core.store;

import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;

import static dev.tracestore.core.testing.TestSpans.span;
import static org.assertj.core.api.Assertions.assertThat;

/** Churning many times the capacity through a store must not grow what it holds. */
class MemoryBoundTest {

    @Test
    void recordsNamesAndPostingsStayBoundedUnderChurn() throws Exception {
        int capacity = 10_000;
        InMemorySpanStore store = new InMemorySpanStore(capacity);
        SpanRing ring = field(store, "ring", SpanRing.class);
        ByteArena arena = field(ring, "arena", ByteArena.class);
        long afterFirstFill = 0;
        for (int i = 0; i < 40 * capacity; i++) {
            StoredSpan stored = span(i / 10, i, i)
                    .name("GET /orders/" + i) // a high-cardinality name: its number must be freed on eviction
                    .attributes(Attributes.of(AttributeKey.stringKey("request.id"), "req-" + i,
                            AttributeKey.stringKey("http.request.method"), i % 2 == 0 ? "GET" : "POST"))
                    .build();
            store.add(stored);
            if (i == 2 * capacity) {
                afterFirstFill = arena.allocatedBytes();
            }
        }
        assertThat(store.size()).isEqualTo(capacity);
        assertThat(arena.allocatedBytes()).isLessThanOrEqualTo(afterFirstFill + ByteArena.CHUNK_SIZE);
        CountedNames names = field(ring, "names", CountedNames.class);
        assertThat(names.find("GET /orders/0")).isNegative();
        assertThat(names.find("GET /orders/" + (40 * capacity - 1))).isNotNegative();
        assertThat(field(names, "names", java.util.List.class)).hasSizeLessThanOrEqualTo(capacity + 1);
    }

    private static <T> T field(Object owner, String name, Class<T> type) throws Exception {
        Field field = owner.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return type.cast(field.get(owner));
    }
}
