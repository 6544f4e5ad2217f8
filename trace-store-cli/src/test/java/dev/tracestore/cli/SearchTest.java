package dev.tracestore.cli;

import dev.tracestore.core.model.SpanEvent;
import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.AttributeFilter;
import dev.tracestore.core.query.SpanOrder;
import dev.tracestore.core.query.SpanQuery;
import dev.tracestore.core.store.InMemorySpanStore;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.resources.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The streaming searches give exactly what the core's store gives over all spans at once, for random spans
 * (written in shuffled batches, as spans end out of order) and random queries in every order, with a store so
 * small that the span search cuts down many times.
 */
class SearchTest {

    private static final Instant NOW = Instant.parse("2026-01-05T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final List<String> SERVICES = List.of("shop", "inventory", "payments");
    private static final List<String> NAMES = List.of("GET /orders/{id}", "SELECT", "POST /payments", "charge card");

    @TempDir
    static Path directory;

    private static final List<StoredSpan> spans = new ArrayList<>();
    private static InMemorySpanStore everything;

    @BeforeAll
    static void writeRandomSpans() {
        Random random = new Random(7);
        HexFormat hex = HexFormat.of();
        Resource[] resources = SERVICES.stream().map(TestSpans::service).toArray(Resource[]::new);
        long base = NOW.minus(Duration.ofHours(3)).getEpochSecond() * 1_000_000_000L;
        for (int trace = 0; trace < 400; trace++) {
            String traceId = hex.toHexDigits(random.nextLong() | 1) + hex.toHexDigits(random.nextLong());
            // Few distinct start times, so that ties between spans and traces are common.
            long traceStart = base + random.nextInt(2_000) * 5_000_000_000L;
            String parent = "";
            List<StoredSpan> trace1 = new ArrayList<>();
            for (int i = 0, count = 1 + random.nextInt(6); i < count; i++) {
                String spanId = hex.toHexDigits(random.nextLong() | 1);
                long start = traceStart + random.nextInt(4) * 1_000_000L;
                boolean failed = random.nextInt(8) == 0;
                StoredSpan.Builder span = StoredSpan.builder().traceId(traceId).spanId(spanId).parentSpanId(parent)
                        .name(NAMES.get(random.nextInt(NAMES.size()))).kind(SpanKind.values()[random.nextInt(3)])
                        .resource(resources[random.nextInt(resources.length)])
                        .startEpochNanos(start).endEpochNanos(start + random.nextInt(5) * 100_000_000L)
                        .attributes(Attributes.of(AttributeKey.longKey("http.response.status_code"),
                                (long) (failed ? 500 : 200), AttributeKey.longKey("tenant"), (long) random.nextInt(5)));
                if (failed) {
                    span.status(StatusCode.ERROR, "boom").events(List.of(new SpanEvent("exception", start,
                            Attributes.of(AttributeKey.stringKey("exception.type"),
                                    random.nextBoolean() ? "java.io.IOException" : "java.lang.IllegalStateException"))));
                }
                trace1.add(span.build());
                parent = random.nextBoolean() ? spanId : parent;
            }
            spans.addAll(trace1);
        }
        everything = InMemorySpanStore.builder().maxSpans(spans.size()).clock(CLOCK).build();
        spans.forEach(everything::add);
        List<StoredSpan> shuffled = new ArrayList<>(spans);
        Collections.shuffle(shuffled, random);
        for (int from = 0; from < shuffled.size(); from += 100) {
            TestSpans.write(directory, shuffled.subList(from, Math.min(from + 100, shuffled.size())));
        }
    }

    @Test
    void spanSearchGivesWhatTheStoreGivesOverAllSpans() {
        SpanSearch search = new SpanSearch(SpanFiles.at(List.of(directory), Progress.none()), CLOCK, 7);
        for (SpanQuery query : queries()) {
            assertThat(search.spans(query).results()).as(query.toString()).isEqualTo(everything.findSpans(query));
        }
    }

    @Test
    void traceSearchGivesWhatTheStoreGivesOverAllSpans() {
        TraceSearch search = new TraceSearch(SpanFiles.at(List.of(directory), Progress.none()), CLOCK);
        for (SpanQuery query : queries()) {
            for (SpanQuery traceQuery : List.of(query,
                    query.toBuilder().minTraceDuration(Duration.ofMillis(150)).build(),
                    query.toBuilder().maxTraceDuration(Duration.ofMillis(250)).build())) {
                assertThat(search.traces(traceQuery).results()).as(traceQuery.toString())
                        .isEqualTo(everything.findTraces(traceQuery));
            }
        }
    }

    @Test
    void traceSearchReadsAWholeTraceWhateverFileItsSpansAreIn() {
        SpanSearch search = new SpanSearch(SpanFiles.at(List.of(directory), Progress.none()), CLOCK);
        String traceId = spans.get(spans.size() / 2).traceId();

        assertThat(search.trace(traceId).results()).isEqualTo(everything.getTrace(traceId));
    }

    private static List<SpanQuery> queries() {
        List<SpanQuery> queries = new ArrayList<>();
        for (SpanOrder order : SpanOrder.values()) {
            for (int limit : new int[] {1, 3, 10, 10_000}) {
                SpanQuery.Builder all = SpanQuery.builder().order(order).limit(limit);
                queries.add(all.build());
                queries.add(all.service("shop").build());
                queries.add(SpanQuery.builder().order(order).limit(limit).failedOnly(true).lookback(Duration.ofHours(2)).build());
                queries.add(SpanQuery.builder().order(order).limit(limit).errorType("java.io.IOException").build());
                queries.add(SpanQuery.builder().order(order).limit(limit).attribute(AttributeFilter.parse("tenant>=3"))
                        .minDuration(Duration.ofMillis(100)).build());
                queries.add(SpanQuery.builder().order(order).limit(limit).spanName("no such span").build());
            }
        }
        return queries;
    }
}
