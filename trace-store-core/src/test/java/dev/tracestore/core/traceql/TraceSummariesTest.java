package dev.tracestore.core.traceql;

import dev.tracestore.core.query.FailureRules;
import dev.tracestore.core.query.SpanQuery;
import dev.tracestore.core.query.TraceSummary;
import dev.tracestore.core.store.InMemorySpanStore;
import dev.tracestore.core.testing.TestSpans;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.resources.Resource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A TraceQL answer's trace summary, made from the packed spans, is the one a trace search gives: every service of
 * the trace once, sorted, however many, and a span without {@code service.name} as the service {@code ""}.
 */
class TraceSummariesTest {

    @Test
    void listsEveryServiceOfTheTraceOnceSortedAndNoServiceAsEmptyAsTraceSearchDoes() {
        InMemorySpanStore store = new InMemorySpanStore(100);
        for (int i = 0; i < 30; i++) {
            String service = i % 7 == 6 ? null : "service-" + (char) ('a' + (i * 5) % 12);
            store.add(TestSpans.span(1, i, 1_000_000L * (i + 1)).parentSpanId(i == 0 ? "" : TestSpans.spanId(0))
                    .kind(i == 0 ? SpanKind.SERVER : SpanKind.CLIENT)
                    .resource(service == null ? Resource.empty()
                            : Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), service)))
                    .build());
        }
        TraceSummary expected = store.findTraces(SpanQuery.builder().traceId(TestSpans.traceId(1)).build()).get(0);

        TraceSummary summary = new TraceQlSearch(store, FailureRules.DEFAULT)
                .search(TraceQlQuery.parse("{ kind = server }"), null, null, 10).traces().get(0).summary();

        assertThat(summary.services()).hasSize(13).startsWith("", "service-a").endsWith("service-l");
        assertThat(summary).isEqualTo(expected);
    }
}
