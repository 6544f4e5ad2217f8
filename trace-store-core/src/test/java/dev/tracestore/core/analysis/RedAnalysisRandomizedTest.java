package dev.tracestore.core.analysis;

import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.AttributeFilter;
import dev.tracestore.core.query.FailureRules;
import dev.tracestore.core.query.SpanPredicate;
import dev.tracestore.core.query.SpanQuery;
import dev.tracestore.core.store.InMemorySpanStore;
import dev.tracestore.core.testing.Seeds;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random spans, random RED queries: counts, errors and maxima equal a brute-force count over the spans; percentiles
 * lie within the documented bound of the exact nearest-rank percentile. A failure prints the seed; rerun one with
 * {@code -Dseed=N}.
 */
class RedAnalysisRandomizedTest {

    private static final int[] LEVELS = {50, 90, 95, 99};
    private static final Instant NOW = Instant.ofEpochSecond(0, AnalysisSpans.BASE + 60_000_000_000L);

    @Test
    void redEqualsBruteForce() {
        Seeds.check("RedAnalysisRandomizedTest", 40, this::runOneSeed);
    }

    private void runOneSeed(long seed) {
        Random random = new Random(seed);
        InMemorySpanStore store = InMemorySpanStore.builder().maxSpans(4000)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
        List<StoredSpan> spans = new ArrayList<>();
        int count = random.nextInt(3000);
        for (int i = 0; i < count; i++) {
            long start = AnalysisSpans.BASE + random.nextInt(60_000) * 1_000_000L + random.nextInt(1_000_000);
            StoredSpan span = AnalysisSpans.random(random, i / 5, i, -1, start);
            store.add(span);
            spans.add(span);
        }
        RedQuery query = randomQuery(random);
        RedReport report = RedAnalysis.run(store, query, NOW);
        assertThat(report.truncatedReason()).isNull();
        Map<List<String>, List<StoredSpan>> expected = bruteForce(spans, query);
        Map<List<String>, OperationRed> actual = new HashMap<>();
        report.operations().forEach(operation -> actual.put(operation.group(), operation));
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        assertThat(report.spans()).isEqualTo(expected.values().stream().mapToLong(List::size).sum());
        for (Map.Entry<List<String>, List<StoredSpan>> entry : expected.entrySet()) {
            OperationRed operation = actual.get(entry.getKey());
            check(operation.total(), entry.getValue());
            if (query.bucket() != null) {
                long width = query.bucket().toNanos();
                TreeMap<Long, List<StoredSpan>> byBucket = new TreeMap<>();
                entry.getValue().forEach(span -> byBucket.computeIfAbsent(
                        Math.floorDiv(span.startEpochNanos(), width) * width, start -> new ArrayList<>()).add(span));
                assertThat(operation.buckets()).hasSize(byBucket.size());
                int i = 0;
                for (Map.Entry<Long, List<StoredSpan>> bucket : byBucket.entrySet()) {
                    RedBucket actualBucket = operation.buckets().get(i++);
                    assertThat(nanos(actualBucket.start())).isEqualTo(bucket.getKey());
                    check(actualBucket.figures(), bucket.getValue());
                }
            }
        }
        List<Long> order = report.operations().stream().map(operation -> operation.total().count()).toList();
        assertThat(order).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    }

    private static RedQuery randomQuery(Random random) {
        SpanQuery.Builder filter = SpanQuery.builder();
        if (random.nextBoolean()) {
            filter.service(AnalysisSpans.SERVICES[random.nextInt(AnalysisSpans.SERVICES.length)]);
        }
        switch (random.nextInt(3)) {
            case 0 -> filter.from(Instant.ofEpochSecond(0, AnalysisSpans.BASE + random.nextInt(30_000) * 1_000_000L))
                    .to(Instant.ofEpochSecond(0, AnalysisSpans.BASE + (30_000 + random.nextInt(30_000)) * 1_000_000L));
            case 1 -> filter.lookback(Duration.ofSeconds(1 + random.nextInt(60)));
            default -> { }
        }
        if (random.nextInt(4) == 0) {
            filter.attribute(AttributeFilter.parse("http.route=/a"));
        }
        Set<SpanKind> kinds = switch (random.nextInt(3)) {
            case 0 -> EnumSet.of(SpanKind.SERVER);
            case 1 -> EnumSet.of(SpanKind.CLIENT, SpanKind.CONSUMER);
            default -> Set.of();
        };
        List<String> groupBy = switch (random.nextInt(3)) {
            case 0 -> RedQuery.DEFAULT_GROUP_BY;
            case 1 -> List.of("http.route");
            default -> List.of(RedQuery.SERVICE, RedQuery.SPAN_KIND);
        };
        Duration bucket = switch (random.nextInt(3)) {
            case 0 -> null;
            case 1 -> Duration.ofMillis(60 + random.nextInt(1000));
            default -> Duration.ofSeconds(1 + random.nextInt(20));
        };
        return RedQuery.builder().filter(filter.build()).kinds(kinds).groupBy(groupBy).bucket(bucket).build();
    }

    private static Map<List<String>, List<StoredSpan>> bruteForce(List<StoredSpan> spans, RedQuery query) {
        SpanPredicate matches = SpanPredicate.of(query.filter(), NOW);
        Map<List<String>, List<StoredSpan>> groups = new HashMap<>();
        for (StoredSpan span : spans) {
            if (matches.test(span) && (query.kinds().isEmpty() || query.kinds().contains(span.kind()))) {
                List<String> group = query.groupBy().stream().map(key -> value(span, key)).toList();
                groups.computeIfAbsent(group, g -> new ArrayList<>()).add(span);
            }
        }
        return groups;
    }

    /** The group value as the conventions define it, written out independently of the analysis. */
    private static String value(StoredSpan span, String key) {
        return switch (key) {
            case RedQuery.SERVICE -> span.serviceName();
            case RedQuery.SPAN_NAME -> span.name();
            case RedQuery.SPAN_KIND -> span.kind().name();
            case "http.route" -> {
                String route = span.attributes().get(AttributeKey.stringKey("http.route"));
                String uri = span.attributes().get(AttributeKey.stringKey("uri"));
                yield route != null ? route : "none".equals(uri) ? null : uri;
            }
            default -> throw new IllegalArgumentException(key);
        };
    }

    private static void check(RedFigures figures, List<StoredSpan> spans) {
        long[] durations = spans.stream().mapToLong(StoredSpan::durationNanos).sorted().toArray();
        long errors = spans.stream().filter(FailureRules.DEFAULT::isFailure).count();
        assertThat(figures.count()).isEqualTo(durations.length);
        assertThat(figures.errors()).isEqualTo(errors);
        assertThat(figures.errorRate()).isEqualTo((double) errors / durations.length);
        assertThat(figures.maxNanos()).isEqualTo(durations[durations.length - 1]);
        long[] reported = {figures.p50Nanos(), figures.p90Nanos(), figures.p95Nanos(), figures.p99Nanos()};
        for (int i = 0; i < LEVELS.length; i++) {
            int rank = (int) Math.max(1, Math.ceil(LEVELS[i] * (double) durations.length / 100 - 1e-9));
            long exact = durations[rank - 1];
            assertThat(reported[i]).as("p%d of %s", LEVELS[i], Arrays.toString(durations))
                    .isBetween(exact, Math.min(durations[durations.length - 1],
                            exact + Math.max(1024, exact / 128)));
        }
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
