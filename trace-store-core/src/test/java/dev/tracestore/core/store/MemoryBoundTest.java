package dev.tracestore.core.store;

import dev.tracestore.core.model.SpanEvent;
import dev.tracestore.core.model.SpanLink;
import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

import static dev.tracestore.core.testing.TestSpans.span;
import static dev.tracestore.core.testing.TestSpans.spanId;
import static dev.tracestore.core.testing.TestSpans.traceId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever the data, what a store holds is bounded by its max-spans: after ten times max-spans of adversarial spans
 * every dictionary, interner and index holds about what it held after the first max-spans.
 */
class MemoryBoundTest {

    private static final int CAPACITY = 4_000;

    /** Data that made some part of the store grow without bound. */
    enum Workload {
        KEYS_CARRYING_IDS(n -> base(n).attributes(Attributes.of(AttributeKey.stringKey("order." + n + ".status"),
                "paid")).build()),
        UNIQUE_EVENT_NAMES(n -> base(n).events(List.of(new SpanEvent("reached step " + n, 5, Attributes.of(
                AttributeKey.stringKey("event.key." + n), "v"))))
                .build()),
        CHURNING_RESOURCES(n -> base(n).resource(Resource.create(Attributes.of(
                AttributeKey.stringKey("service.name"), "svc-" + n / 10,
                AttributeKey.stringKey("host.id." + n / 10), "h" + n))).build()),
        CHURNING_VALUES_OF_A_FEW_VALUED_KEY(n -> base(n).attributes(Attributes.of(
                AttributeKey.stringKey("state"), "state-" + n / 8)).build()),
        UNIQUE_NAMES_SCOPES_AND_ERROR_TYPES(n -> base(n).name("GET /orders/" + n)
                .scope(InstrumentationScopeInfo.create("scope-" + n))
                .status(StatusCode.ERROR, "failed " + n)
                .attributes(Attributes.of(AttributeKey.stringKey("error.type"), "Error" + n))
                .links(List.of(new SpanLink(traceId(n + 7), spanId(n), Attributes.of(
                        AttributeKey.stringKey("link." + n), "x"))))
                .build()),
        LONG_VALUES(n -> base(n).attributes(Attributes.of(AttributeKey.stringKey("payload"),
                Long.toString(n) + "x".repeat(4_096))).build());

        private final LongFunction<StoredSpan> span;

        Workload(LongFunction<StoredSpan> span) {
            this.span = span;
        }

        private static StoredSpan.Builder base(long n) {
            return span(n / 4, n, n * 1_000);
        }
    }

    /** What the store's parts hold. */
    private record Held(int dictionary, int names, int resources, int scopes, int indexKeys, int resourceKeys,
            int errorTypes, long arenaBytes) {

        @SuppressWarnings("unchecked")
        static Held in(InMemorySpanStore store) throws ReflectiveOperationException {
            SpanRing ring = field(store, "ring");
            SpanIndex index = ring.index;
            long arenaBytes = 0;
            for (byte[] chunk : (List<byte[]>) field(field(ring, "arena"), "chunks")) {
                arenaBytes += chunk.length;
            }
            return new Held(((CountedInterner<?>) field(field(ring, "dictionary"), "strings")).size(),
                    ((CountedInterner<?>) field(ring, "names")).size(),
                    ((CountedInterner<?>) field(ring, "resources")).size(),
                    ((CountedInterner<?>) field(ring, "scopes")).size(),
                    ((Map<?, ?>) field(index, "spanKeys")).size() + ((Map<?, ?>) field(index, "eventKeys")).size()
                            + ((Map<?, ?>) field(index, "linkKeys")).size(),
                    ((Map<?, ?>) field(index, "resourceKeys")).size(),
                    ((Map<?, ?>) field(index, "byErrorType")).size(),
                    arenaBytes);
        }

        void assertWithinTenPercentPlusASweepOf(Held first) {
            int slack = Math.max(4096, CAPACITY / 2); // lists emptied by eviction go at the next sweep
            assertThat(dictionary).as("dictionary").isLessThanOrEqualTo(first.dictionary + first.dictionary / 10);
            assertThat(names).as("names").isLessThanOrEqualTo(first.names + first.names / 10);
            assertThat(resources).as("resources").isLessThanOrEqualTo(first.resources + first.resources / 10);
            assertThat(scopes).as("scopes").isLessThanOrEqualTo(first.scopes + first.scopes / 10);
            assertThat(indexKeys).as("index keys").isLessThanOrEqualTo(first.indexKeys + first.indexKeys / 10);
            assertThat(resourceKeys).as("resource keys")
                    .isLessThanOrEqualTo(first.resourceKeys + first.resourceKeys / 10);
            assertThat(errorTypes).as("error types").isLessThanOrEqualTo(first.errorTypes + slack);
            // records of the live spans (the longest here about 4.1 KB), plus the chunk being filled and one freed late
            assertThat(arenaBytes).as("record bytes")
                    .isLessThanOrEqualTo(CAPACITY * 4_200L + 2L * ByteArena.CHUNK_SIZE);
        }
    }

    @ParameterizedTest
    @EnumSource(Workload.class)
    void tenTimesMaxSpansHoldAboutWhatMaxSpansHeld(Workload workload) throws ReflectiveOperationException {
        InMemorySpanStore store = new InMemorySpanStore(CAPACITY);
        for (long n = 0; n < CAPACITY; n++) {
            store.add(workload.span.apply(n));
        }
        Held first = Held.in(store);
        for (long n = CAPACITY; n < 10L * CAPACITY; n++) {
            store.add(workload.span.apply(n));
        }
        Held tenth = Held.in(store);

        assertThat(store.size()).isEqualTo(CAPACITY);
        tenth.assertWithinTenPercentPlusASweepOf(first);
        // what is held is the live spans' own: the newest span reads back whole, the oldest ones are gone
        StoredSpan newest = workload.span.apply(10L * CAPACITY - 1);
        assertThat(store.getTrace(newest.traceId())).contains(newest);
        assertThat(store.getTrace(workload.span.apply(0).traceId())).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static <T> T field(Object owner, String name) throws ReflectiveOperationException {
        Field field = owner.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return (T) field.get(owner);
    }
}
