package dev.tracestore.core.query;

import dev.tracestore.core.model.SpanEvent;
import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.store.InMemorySpanStore;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.resources.Resource;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static dev.tracestore.core.testing.TestSpans.span;
import static dev.tracestore.core.testing.TestSpans.traceId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TraceQueriesTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final long NOW_NANOS = NOW.getEpochSecond() * 1_000_000_000L;
    private static final long MINUTE = 60_000_000_000L;

    private final InMemorySpanStore store = InMemorySpanStore.builder().maxSpans(1_000)
            .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    private final TraceQueries queries = new TraceQueries(store);

    @Test
    void recentFailuresFindEveryWayAFailureIsRecordedNewestFirstWithinTheWindow() {
        store.add(span(1, 1, NOW_NANOS - 5 * MINUTE).status(StatusCode.ERROR, "boom").build());
        store.add(span(2, 2, NOW_NANOS - 4 * MINUTE).attributes(attrs("error.type", "TimeoutException")).build());
        store.add(span(3, 3, NOW_NANOS - 3 * MINUTE).attributes(attrs("exception", "IOException")).build());
        store.add(span(4, 4, NOW_NANOS - 2 * MINUTE).events(List.of(exceptionEvent("java.lang.NullPointerException")))
                .build());
        store.add(span(5, 5, NOW_NANOS - MINUTE).attributes(attrs("exception", "none")).build());
        store.add(span(8, 8, NOW_NANOS - MINUTE).attributes(attrs("error.type", "none")).build());
        store.add(span(6, 6, NOW_NANOS - 61 * MINUTE).status(StatusCode.ERROR, "too old").build());
        store.add(span(7, 7, NOW_NANOS).status(StatusCode.ERROR, "at now: inside").build());

        assertThat(queries.recentFailures(Duration.ofHours(1), 50)).extracting(StoredSpan::spanId)
                .containsExactly(span(7, 7, 0).build().spanId(), span(4, 4, 0).build().spanId(),
                        span(3, 3, 0).build().spanId(), span(2, 2, 0).build().spanId(), span(1, 1, 0).build().spanId());
        assertThat(queries.recentFailures(Duration.ofHours(1), 2)).hasSize(2);
        assertThat(queries.recentFailures(Duration.ofMinutes(5), 50)).hasSize(5);
        assertThat(queries.recentFailures(Duration.ofNanos(5 * MINUTE - 1), 50)).hasSize(4);
    }

    @Test
    void errorTypeMatchesTheAttributeTheMicrometerAttributeAndExceptionEvents() {
        store.add(span(1, 1, 100).attributes(attrs("error.type", "java.net.SocketTimeoutException")).build());
        store.add(span(2, 2, 200).attributes(attrs("exception", "java.net.SocketTimeoutException")).build());
        store.add(span(3, 3, 300).events(List.of(exceptionEvent("java.net.SocketTimeoutException"))).build());
        store.add(span(4, 4, 400).events(List.of(new SpanEvent("retry", 400,
                Attributes.of(AttributeKey.stringKey("exception.type"), "java.net.SocketTimeoutException")))).build());
        store.add(span(5, 5, 500).attributes(attrs("exception", "none")).build());

        assertThat(queries.filterByErrorType("java.net.SocketTimeoutException", 10))
                .extracting(StoredSpan::startEpochNanos).containsExactly(300L, 200L, 100L);
        assertThat(queries.filterByErrorType("none", 10)).isEmpty();
        assertThatThrownBy(() -> queries.filterByErrorType(" ", 10)).hasMessageStartingWith("errorType");
    }

    @Test
    void attributeMatchingIsTyped() {
        store.add(span(1, 1, 100).attributes(Attributes.of(AttributeKey.longKey("status"), 200L)).build());
        store.add(span(2, 2, 200).attributes(attrs("status", "200")).build());
        store.add(span(3, 3, 300).attributes(Attributes.of(AttributeKey.doubleKey("status"), 200.0)).build());
        store.add(span(4, 4, 400).attributes(Attributes.of(AttributeKey.booleanKey("status"), true)).build());

        assertThat(queries.filterByAttribute("status", 200L, 10)).extracting(StoredSpan::startEpochNanos)
                .containsExactly(300L, 100L);
        assertThat(queries.filterByAttribute("status", "200", 10)).extracting(StoredSpan::startEpochNanos)
                .containsExactly(200L);
        assertThat(queries.filterByAttribute("status", true, 10)).extracting(StoredSpan::startEpochNanos)
                .containsExactly(400L);
        assertThat(query("status=200")).containsExactly(300L, 200L, 100L);
        assertThat(query("status=\"200\"")).containsExactly(200L);
        assertThat(query("status>199.5")).containsExactly(300L, 200L, 100L);
        assertThat(query("status<200")).isEmpty();
        assertThat(query("status!=200")).containsExactly(400L);
        assertThat(query("status=~2.*")).containsExactly(200L);
        assertThat(query("!status")).isEmpty();
    }

    @Test
    void keysLookInSpanAttributesFirstThenTheResourceUnlessPinned() {
        Resource web = Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "web",
                AttributeKey.stringKey("host.name"), "resource-host"));
        store.add(span(1, 1, 100).resource(web).build());
        store.add(span(2, 2, 200).resource(web).attributes(attrs("host.name", "span-host")).build());

        assertThat(query("host.name=resource-host")).containsExactly(100L);
        assertThat(query("host.name=span-host")).containsExactly(200L);
        assertThat(query("resource.host.name=resource-host")).containsExactly(200L, 100L);
        assertThat(query("span.host.name=resource-host")).isEmpty();
        assertThat(query("service.name=web")).containsExactly(200L, 100L);
    }

    @Test
    void timeWindowIsHalfOpenOnStart() {
        for (int i = 0; i < 5; i++) {
            store.add(span(i, i, 1_000 + i).build());
        }
        SpanQuery window = SpanQuery.builder().from(Instant.ofEpochSecond(0, 1_001))
                .to(Instant.ofEpochSecond(0, 1_003)).build();
        assertThat(queries.querySpans(window)).extracting(StoredSpan::startEpochNanos).containsExactly(1_002L, 1_001L);
    }

    @Test
    void ordersAndLimitsBreakTiesByIds() {
        store.add(span(2, 1, 100).endEpochNanos(500).build());
        store.add(span(1, 2, 100).endEpochNanos(900).build());
        store.add(span(1, 3, 300).endEpochNanos(900).build());

        assertThat(queries.querySpans(SpanQuery.builder().build())).extracting(StoredSpan::spanId)
                .containsExactly(span(1, 3, 0).build().spanId(), span(1, 2, 0).build().spanId(),
                        span(2, 1, 0).build().spanId());
        assertThat(queries.querySpans(SpanQuery.builder().order(SpanOrder.OLDEST_FIRST).limit(1).build()))
                .extracting(StoredSpan::traceId).containsExactly(traceId(1));
        assertThat(queries.querySpans(SpanQuery.builder().order(SpanOrder.LONGEST_FIRST).build()))
                .extracting(StoredSpan::durationNanos).containsExactly(800L, 600L, 400L);
    }

    @Test
    void traceSearchCountsTracesAndFiltersOnTraceDuration() {
        store.add(span(1, 1, 100).endEpochNanos(1_100).build());
        store.add(span(1, 2, 200).parentSpanId(span(1, 1, 0).build().spanId()).name("child")
                .status(StatusCode.ERROR, "x").build());
        store.add(span(2, 3, 500).endEpochNanos(600).build());
        store.add(span(3, 4, 50).endEpochNanos(60).name("child").build());

        List<TraceSummary> traces = queries.searchTraces(SpanQuery.builder().build());
        assertThat(traces).extracting(TraceSummary::traceId).containsExactly(traceId(2), traceId(1), traceId(3));
        TraceSummary first = traces.get(1);
        assertThat(first.rootName()).isEqualTo("span-1");
        assertThat(first.spanCount()).isEqualTo(2);
        assertThat(first.errorCount()).isEqualTo(1);
        assertThat(first.durationNanos()).isEqualTo(1_100);
        assertThat(first.services()).containsExactly("test");

        assertThat(queries.searchTraces(SpanQuery.builder().spanName("child").build()))
                .extracting(TraceSummary::traceId).containsExactly(traceId(1), traceId(3));
        assertThat(queries.searchTraces(SpanQuery.builder().spanName("child").limit(1).build())).hasSize(1);
        assertThat(queries.searchTraces(SpanQuery.builder().minTraceDuration(Duration.ofNanos(500)).build()))
                .extracting(TraceSummary::traceId).containsExactly(traceId(1));
        assertThat(queries.searchTraces(SpanQuery.builder().minDuration(Duration.ofNanos(1_001)).spanName("child")
                .build())).isEmpty();
    }

    @Test
    void evictedSpansAreGoneFromEveryIndex() {
        InMemorySpanStore small = new InMemorySpanStore(2);
        TraceQueries smallQueries = new TraceQueries(small);
        small.add(span(1, 1, 100).status(StatusCode.ERROR, "x").attributes(attrs("error.type", "Boom"))
                .resource(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "gone"))).build());
        small.add(span(2, 2, 200).build());
        small.add(span(3, 3, 300).build());

        assertThat(small.services()).containsExactly("test");
        assertThat(smallQueries.filterByErrorType("Boom", 10)).isEmpty();
        assertThat(smallQueries.querySpans(SpanQuery.builder().status(StatusCode.ERROR).build())).isEmpty();
        assertThat(smallQueries.querySpans(SpanQuery.builder().service("gone").build())).isEmpty();
        assertThat(smallQueries.filterByAttribute("error.type", "Boom", 10)).isEmpty();
        assertThat(small.getTrace(traceId(1))).isEmpty();
    }

    @Test
    void maxAgeEvictsSpansThatEndedTooLongAgo() {
        InMemorySpanStore aging = InMemorySpanStore.builder().maxSpans(10).maxAge(Duration.ofMinutes(10))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
        aging.add(span(1, 1, NOW_NANOS - 11 * MINUTE).build());
        aging.add(span(2, 2, NOW_NANOS - 9 * MINUTE).build());

        assertThat(aging.findSpans(SpanQuery.builder().build())).extracting(StoredSpan::traceId)
                .containsExactly(traceId(2));
        assertThat(aging.size()).isEqualTo(1);
        assertThat(aging.evictedCount()).isEqualTo(1);
    }

    private List<Long> query(String filter) {
        return queries.querySpans(SpanQuery.builder().attribute(AttributeFilter.parse(filter)).build()).stream()
                .map(StoredSpan::startEpochNanos).toList();
    }

    private static Attributes attrs(String key, String value) {
        return Attributes.of(AttributeKey.stringKey(key), value);
    }

    private static SpanEvent exceptionEvent(String type) {
        return new SpanEvent("exception", 0, Attributes.of(AttributeKey.stringKey("exception.type"), type));
    }
}
