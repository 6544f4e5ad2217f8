package dev.tracestore.core.store;

import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.AttributeFilter;
import dev.tracestore.core.query.SpanOrder;
import dev.tracestore.core.query.SpanPredicate;
import dev.tracestore.core.query.SpanQuery;
import io.opentelemetry.api.common.Attributes;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.time.Instant;
import java.util.List;

import static dev.tracestore.core.testing.TestSpans.span;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An equality on a key with other names (Micrometer's {@code status} for {@code http.response.status_code}) is
 * answered from the index: the candidates are the union of the lists of every name's matching values, not every
 * span of the window.
 */
class AliasedIndexTest {

    @Test
    void aliasedEqualityTakesItsCandidatesFromTheListsOfEveryName() throws ReflectiveOperationException {
        InMemorySpanStore store = new InMemorySpanStore(10_000);
        for (int i = 0; i < 3_000; i++) {
            Attributes attributes = switch (i % 3) {
                case 0 -> Attributes.builder().put("http.response.status_code", i % 30 == 0 ? 500L : 200L).build();
                case 1 -> Attributes.builder().put("status", i % 30 == 1 ? "500" : "200").build();
                default -> Attributes.builder().put("other", "x").build();
            };
            store.add(span(i, i, 1_000L * i).attributes(attributes).build());
        }
        SpanQuery query = SpanQuery.builder().attribute(AttributeFilter.parse("http.response.status_code=500"))
                .order(SpanOrder.OLDEST_FIRST).limit(1_000).build();

        QueryPlan plan = plan(store, query);
        assertThat(plan.postings).as("candidates from the index").isNotNull();
        assertThat(plan.postings.size()).isEqualTo(200);
        List<StoredSpan> found = store.findSpans(query);
        assertThat(found).hasSize(200).allSatisfy(span -> assertThat(
                span.attributes().asMap().values()).containsAnyOf(500L, "500"));
    }

    private static QueryPlan plan(InMemorySpanStore store, SpanQuery query) throws ReflectiveOperationException {
        Field field = InMemorySpanStore.class.getDeclaredField("ring");
        field.setAccessible(true);
        SpanRing ring = (SpanRing) field.get(store);
        return QueryPlan.of(query, SpanPredicate.of(query, Instant.now()), SpanOrder.OLDEST_FIRST, ring);
    }
}
