package dev.tracestore.core.analysis;

import dev.tracestore.core.model.SpanEvent;
import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.FailureRules;
import dev.tracestore.core.query.Failures;
import dev.tracestore.core.query.SpanPredicate;
import dev.tracestore.core.query.SpanQuery;
import dev.tracestore.core.store.InMemorySpanStore;
import dev.tracestore.core.testing.Seeds;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static dev.tracestore.core.testing.TestSpans.spanId;
import static dev.tracestore.core.testing.TestSpans.traceId;
import static org.assertj.core.api.Assertions.assertThat;

/** The problems summary: hand-made exceptions, and random spans against a brute-force summary. */
class ProblemsAnalysisTest {

    private static final Instant NOW = Instant.ofEpochSecond(0, AnalysisSpans.BASE + 60_000_000_000L);

    @Test
    void exceptionsUnderEveryConventionCountOncePerSpanWithTheLatestAsExample() {
        InMemorySpanStore store = new InMemorySpanStore(100);
        AttributeKey<String> type = AttributeKey.stringKey("exception.type");
        store.add(span(1, "shop", SpanKind.SERVER, 0).attributes(Attributes.builder()
                .put("exception", "PaymentDeclinedException").build())
                .events(List.of(new SpanEvent("exception", AnalysisSpans.BASE + 1,
                        Attributes.of(type, "com.example.PaymentDeclinedException")))).build());
        store.add(span(2, "shop", SpanKind.INTERNAL, 5_000).attributes(Attributes.builder()
                .put("error.type", "com.example.PaymentDeclinedException").build()).build());
        store.add(span(3, "orders", SpanKind.CLIENT, 9_000).attributes(Attributes.builder()
                .put("error.type", "java.net.SocketTimeoutException").build()).build());
        store.add(span(4, "orders", SpanKind.SERVER, 10_000).attributes(Attributes.builder()
                .put("exception", "none").build()).build());
        ProblemsReport report = ProblemsAnalysis.run(store, RedQuery.builder().build(), 10, NOW);
        assertThat(report.exceptions()).containsExactly(
                new ExceptionSeen("com.example.PaymentDeclinedException", 2, 2, at(0), at(5_000), traceId(2),
                        "shop", "op-2"),
                new ExceptionSeen("java.net.SocketTimeoutException", 1, 1, at(9_000), at(9_000), traceId(3),
                        "orders", "op-3"));
        assertThat(report.failing()).extracting(OperationRed::group).containsExactly(List.of("shop", "op-1"));
        assertThat(report.slowest()).hasSize(2);
    }

    @Test
    void emptyStoreHasNoProblems() {
        ProblemsReport report = ProblemsAnalysis.run(new InMemorySpanStore(10), RedQuery.builder().build(), 5, NOW);
        assertThat(report.slowest()).isEmpty();
        assertThat(report.failing()).isEmpty();
        assertThat(report.exceptions()).isEmpty();
    }

    @Test
    void randomSpansEqualBruteForce() {
        Seeds.check("ProblemsAnalysisTest", 30, this::runOneSeed);
    }

    private void runOneSeed(long seed) {
        Random random = new Random(seed);
        InMemorySpanStore store = InMemorySpanStore.builder().maxSpans(3000).clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build();
        List<StoredSpan> spans = new ArrayList<>();
        int count = random.nextInt(2000);
        for (int i = 0; i < count; i++) {
            StoredSpan span = AnalysisSpans.random(random, i / 4, i, -1,
                    AnalysisSpans.BASE + random.nextInt(60_000) * 1_000_000L);
            store.add(span);
            spans.add(span);
        }
        SpanQuery.Builder filter = SpanQuery.builder();
        if (random.nextBoolean()) {
            filter.service(AnalysisSpans.SERVICES[random.nextInt(3)]);
        }
        RedQuery query = RedQuery.builder().filter(filter.build()).build();
        int limit = 1 + random.nextInt(8);
        ProblemsReport report = ProblemsAnalysis.run(store, query, limit, NOW);
        SpanPredicate matches = SpanPredicate.of(query.filter(), NOW);
        List<StoredSpan> selected = spans.stream().filter(matches).toList();

        Map<String, List<StoredSpan>> byType = new TreeMap<>();
        for (StoredSpan span : selected) {
            if (FailureRules.DEFAULT.isFailure(span)) {
                Failures.distinctErrorTypes(span).forEach(type ->
                        byType.computeIfAbsent(type, t -> new ArrayList<>()).add(span));
            }
        }
        List<ExceptionSeen> expected = new ArrayList<>();
        byType.forEach((type, failed) -> {
            StoredSpan latest = failed.stream().max(Comparator.comparingLong(StoredSpan::startEpochNanos)
                    .thenComparing(StoredSpan::traceId, Comparator.reverseOrder())).orElseThrow();
            expected.add(new ExceptionSeen(type, failed.size(),
                    new HashSet<>(failed.stream().map(StoredSpan::traceId).toList()).size(),
                    at(failed.stream().mapToLong(StoredSpan::startEpochNanos).min().orElseThrow() - AnalysisSpans.BASE),
                    at(latest.startEpochNanos() - AnalysisSpans.BASE), latest.traceId(), latest.serviceName(),
                    latest.name()));
        });
        expected.sort(Comparator.comparingLong(ExceptionSeen::spans).reversed().thenComparing(ExceptionSeen::type));
        assertThat(report.exceptions()).isEqualTo(expected);

        Map<List<String>, long[]> byOperation = new TreeMap<>(Comparator.comparing(List::toString));
        for (StoredSpan span : selected) {
            if (span.kind() == SpanKind.SERVER) {
                long[] figures = byOperation.computeIfAbsent(List.of(span.serviceName(), span.name()),
                        key -> new long[2]);
                figures[0]++;
                figures[1] += FailureRules.DEFAULT.isFailure(span) ? 1 : 0;
            }
        }
        List<List<String>> failing = byOperation.entrySet().stream().filter(entry -> entry.getValue()[1] > 0)
                .sorted(Comparator.comparingDouble((Map.Entry<List<String>, long[]> entry) ->
                                (double) entry.getValue()[1] / entry.getValue()[0]).reversed()
                        .thenComparing(entry -> -entry.getValue()[1])
                        .thenComparing(entry -> -entry.getValue()[0])
                        .thenComparing(entry -> entry.getKey().toString()))
                .limit(limit).map(Map.Entry::getKey).toList();
        assertThat(report.failing()).extracting(OperationRed::group).isEqualTo(failing);
        assertThat(report.slowest()).hasSize(Math.min(limit, byOperation.size()));
        assertThat(report.slowest()).extracting(operation -> operation.total().p95Nanos())
                .isSortedAccordingTo(Comparator.reverseOrder());
    }

    private static Instant at(long offsetNanos) {
        return Instant.ofEpochSecond(0, AnalysisSpans.BASE + offsetNanos);
    }

    private static StoredSpan.Builder span(long id, String service, SpanKind kind, long offset) {
        return StoredSpan.builder().traceId(traceId(id)).spanId(spanId(id)).name("op-" + id).kind(kind)
                .startEpochNanos(AnalysisSpans.BASE + offset).endEpochNanos(AnalysisSpans.BASE + offset + 1_000)
                .resource(AnalysisSpans.service(service));
    }
}
