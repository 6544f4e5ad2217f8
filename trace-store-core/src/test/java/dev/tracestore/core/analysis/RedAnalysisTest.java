package dev.tracestore.core.analysis;

import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.SpanQuery;
import dev.tracestore.core.store.InMemorySpanStore;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static dev.tracestore.core.testing.TestSpans.spanId;
import static dev.tracestore.core.testing.TestSpans.traceId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Hand-made corner cases of RED: empty window, one span, all failing, bucket edges, conventions, limits. */
class RedAnalysisTest {

    private static final long T0 = 1_700_000_040_000_000_000L;
    private static final Instant NOW = Instant.ofEpochSecond(0, T0 + 120_000_000_000L);
    private final InMemorySpanStore store = new InMemorySpanStore(10_000);
    private long nextId;

    @Test
    void emptyWindowHasNoOperationsAndNoWindowUnlessGiven() {
        RedReport report = RedAnalysis.run(store, RedQuery.builder().build(), NOW);
        assertThat(report.operations()).isEmpty();
        assertThat(report.from()).isNull();
        assertThat(report.spans()).isZero();
        RedQuery lastMinute = RedQuery.builder().filter(SpanQuery.builder().lookback(Duration.ofMinutes(1)).build())
                .build();
        RedReport empty = RedAnalysis.run(store, lastMinute, NOW);
        assertThat(empty.from()).isEqualTo(NOW.minusSeconds(60));
        assertThat(empty.operations()).isEmpty();
    }

    @Test
    void oneSpanIsItsOwnEveryPercentile() {
        add("shop", "GET /a", SpanKind.SERVER, 0, 123_456_789, false);
        add("shop", "db", SpanKind.CLIENT, 0, 5, false);
        RedReport report = RedAnalysis.run(store, RedQuery.builder().build(), NOW);
        assertThat(report.operations()).hasSize(1);
        OperationRed operation = report.operations().get(0);
        assertThat(operation.group()).containsExactly("shop", "GET /a");
        RedFigures figures = operation.total();
        assertThat(figures.count()).isEqualTo(1);
        assertThat(figures.errors()).isZero();
        assertThat(List.of(figures.p50Nanos(), figures.p90Nanos(), figures.p95Nanos(), figures.p99Nanos(),
                figures.maxNanos())).containsOnly(123_456_789L);
        // the window is the span itself when the query gives none: one request in 0.123 s
        assertThat(figures.ratePerSecond()).isCloseTo(1 / 0.123456789, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void allFailingUnderEveryConvention() {
        add("shop", "GET /a", SpanKind.SERVER, 0, 1000, true);
        store.add(span("shop", "GET /a", SpanKind.SERVER, 1, 1000).attributes(Attributes.builder()
                .put("outcome", "SERVER_ERROR").build()).build());
        store.add(span("shop", "GET /a", SpanKind.SERVER, 2, 1000).attributes(Attributes.builder()
                .put("error.type", "java.io.IOException").build()).build());
        RedFigures figures = RedAnalysis.run(store, RedQuery.builder().build(), NOW).operations().get(0).total();
        assertThat(figures.count()).isEqualTo(3);
        assertThat(figures.errors()).isEqualTo(3);
        assertThat(figures.errorRate()).isEqualTo(1.0);
    }

    @Test
    void bucketEdgesBelongToTheLaterBucketAndRatesCountOnlyTheWindow() {
        long second = 1_000_000_000L;
        add("shop", "GET /a", SpanKind.SERVER, 10 * second - 1, 1000, false);
        add("shop", "GET /a", SpanKind.SERVER, 10 * second, 1000, false);
        add("shop", "GET /a", SpanKind.SERVER, 20 * second - 1, 1000, true);
        add("shop", "GET /a", SpanKind.SERVER, 20 * second, 1000, false);
        RedQuery query = RedQuery.builder().bucket(Duration.ofSeconds(10)).filter(SpanQuery.builder()
                .from(Instant.ofEpochSecond(0, T0 + 5 * second)).to(Instant.ofEpochSecond(0, T0 + 25 * second))
                .build()).build();
        OperationRed operation = RedAnalysis.run(store, query, NOW).operations().get(0);
        assertThat(operation.buckets()).extracting(bucket -> bucket.figures().count()).containsExactly(1L, 2L, 1L);
        assertThat(operation.buckets()).extracting(RedBucket::start).containsExactly(
                Instant.ofEpochSecond(0, T0), Instant.ofEpochSecond(0, T0 + 10 * second),
                Instant.ofEpochSecond(0, T0 + 20 * second));
        assertThat(operation.buckets().get(1).figures().errors()).isEqualTo(1);
        // the first and last buckets lie half inside the window [5 s, 25 s): 1 span in 5 s
        assertThat(operation.buckets()).extracting(bucket -> bucket.figures().ratePerSecond())
                .containsExactly(0.2, 0.2, 0.2);
        assertThat(operation.total().ratePerSecond()).isEqualTo(4 / 20.0);
    }

    @Test
    void groupsByRouteUnderBothConventionsAndByKind() {
        store.add(span("shop", "GET /orders/{id}", SpanKind.SERVER, 0, 1000)
                .attributes(Attributes.builder().put("http.route", "/orders/{id}").build()).build());
        store.add(span("shop", "http get /orders/{id}", SpanKind.SERVER, 1, 1000)
                .attributes(Attributes.builder().put("uri", "/orders/{id}").build()).build());
        store.add(span("shop", "http get", SpanKind.CLIENT, 2, 1000)
                .attributes(Attributes.builder().put("uri", "none").build()).build());
        RedReport byRoute = RedAnalysis.run(store, RedQuery.builder().kinds(Set.of())
                .groupBy(List.of("http.route", RedQuery.SPAN_KIND)).build(), NOW);
        assertThat(byRoute.operations()).extracting(OperationRed::group).containsExactly(
                List.of("/orders/{id}", "SERVER"), Arrays.asList(null, "CLIENT"));
        assertThat(byRoute.operations().get(0).total().count()).isEqualTo(2);
    }

    @Test
    void tooManyBucketsStopsAndSaysSo() {
        for (int i = 0; i < RedQuery.MAX_BUCKETS + 5; i++) {
            add("shop", "GET /a", SpanKind.SERVER, i * 2_000_000L, 1000, false);
        }
        RedReport report = RedAnalysis.run(store, RedQuery.builder().bucket(Duration.ofMillis(1)).build(), NOW);
        assertThat(report.partial()).isTrue();
        assertThat(report.truncatedReason()).contains("more than 1000 buckets");
        assertThat(report.operations().get(0).buckets()).hasSize(RedQuery.MAX_BUCKETS);
    }

    @Test
    void badSettingsNameTheSetting() {
        assertThatIllegalArgumentException().isThrownBy(() -> RedQuery.builder().groupBy(List.of()).build())
                .withMessageStartingWith("groupBy");
        assertThatIllegalArgumentException().isThrownBy(() -> RedQuery.builder().bucket(Duration.ofNanos(5)).build())
                .withMessageStartingWith("bucket");
        // wider than nanoseconds count in a long: refused, not an overflow
        assertThatIllegalArgumentException().isThrownBy(() -> RedQuery.builder().bucket(Duration.ofDays(1_000_000))
                .build()).withMessageStartingWith("bucket");
    }

    private void add(String service, String name, SpanKind kind, long offset, long duration, boolean failed) {
        StoredSpan.Builder span = span(service, name, kind, offset, duration);
        if (failed) {
            span.status(StatusCode.ERROR, "");
        }
        store.add(span.build());
    }

    private StoredSpan.Builder span(String service, String name, SpanKind kind, long offset, long duration) {
        long id = nextId++;
        return StoredSpan.builder().traceId(traceId(id)).spanId(spanId(id)).name(name).kind(kind)
                .startEpochNanos(T0 + offset).endEpochNanos(T0 + offset + duration)
                .resource(AnalysisSpans.service(service));
    }
}
