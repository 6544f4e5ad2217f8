package dev.tracestore.core.store;

import dev.tracestore.core.model.SpanEvent;
import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.AttributeFilter;
import dev.tracestore.core.query.SpanOrder;
import dev.tracestore.core.query.Failures;
import dev.tracestore.core.query.SpanPredicate;
import dev.tracestore.core.query.SpanQuery;
import dev.tracestore.core.query.TraceSummary;
import dev.tracestore.core.testing.Seeds;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.resources.Resource;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.Set;
import java.util.Objects;
import java.util.stream.Collectors;

import static dev.tracestore.core.testing.TestSpans.spanId;
import static dev.tracestore.core.testing.TestSpans.traceId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random spans, random queries: the indexed store must answer exactly as a brute-force filter over the spans it
 * should hold. A failure prints the seed; rerun one seed with {@code -Dseed=N}.
 */
class RandomizedQueryTest {

    private static final long BASE = 1_700_000_000_000_000_000L;
    static final Instant NOW = Instant.ofEpochSecond(0, BASE + 2_000_000);
    private static final String[] SERVICES = {"shop", "orders", "payments"};
    private static final String[] NAMES = {"GET /a", "GET /b", "POST /c", "db", "cache", "http get /b"};
    private static final String[] ERRORS = {"java.io.IOException", "TimeoutException", "IllegalStateException"};

    @Test
    void indexedQueriesEqualBruteForce() {
        Seeds.check("RandomizedQueryTest", 60, this::runOneSeed);
    }

    private void runOneSeed(long seed) {
        Random random = new Random(seed);
        int capacity = 1 + random.nextInt(3_000);
        int count = random.nextInt(4_000);
        InMemorySpanStore store = InMemorySpanStore.builder().maxSpans(capacity)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
        Deque<StoredSpan> expected = new ArrayDeque<>();
        for (int i = 0; i < count; i++) {
            StoredSpan span = randomSpan(random, i);
            store.add(span);
            expected.addLast(span);
            if (expected.size() > capacity) {
                expected.removeFirst();
            }
        }
        List<StoredSpan> held = new ArrayList<>(expected);
        for (int q = 0; q < 40; q++) {
            SpanQuery query = randomQuery(random, held);
            assertThat(store.findSpans(query)).as("spans for %s", query).isEqualTo(bruteForceSpans(held, query));
            assertThat(store.findTraces(query)).as("traces for %s", query).isEqualTo(bruteForceTraces(held, query));
        }
        assertThat(store.services()).isEqualTo(held.stream().map(StoredSpan::serviceName).distinct().sorted().toList());
    }

    static List<StoredSpan> bruteForceSpans(List<StoredSpan> held, SpanQuery query) {
        SpanPredicate predicate = SpanPredicate.of(query, NOW);
        return held.stream().filter(predicate).sorted(spanOrder(query.order()))
                .limit(query.limit()).toList();
    }

    private static Comparator<StoredSpan> spanOrder(SpanOrder order) {
        Comparator<StoredSpan> primary = switch (order) {
            case NEWEST_FIRST -> Comparator.comparingLong(StoredSpan::startEpochNanos).reversed();
            case OLDEST_FIRST -> Comparator.comparingLong(StoredSpan::startEpochNanos);
            case LONGEST_FIRST -> Comparator.comparingLong(StoredSpan::durationNanos).reversed();
        };
        return primary.thenComparing(StoredSpan::traceId).thenComparing(StoredSpan::spanId);
    }

    static List<TraceSummary> bruteForceTraces(List<StoredSpan> held, SpanQuery query) {
        SpanPredicate predicate = SpanPredicate.of(query, NOW);
        Map<String, List<StoredSpan>> byTrace = held.stream()
                .collect(Collectors.groupingBy(StoredSpan::traceId, LinkedHashMap::new, Collectors.toList()));
        long min = query.minTraceDuration().map(Duration::toNanos).orElse(0L);
        long max = query.maxTraceDuration().map(Duration::toNanos).orElse(Long.MAX_VALUE);
        return byTrace.values().stream()
                .filter(spans -> spans.stream().anyMatch(predicate))
                .map(RandomizedQueryTest::summarize)
                .filter(t -> t.durationNanos() >= min && t.durationNanos() <= max)
                .sorted(TopTraces.order(query.order()))
                .limit(query.limit())
                .toList();
    }

    static StoredSpan randomSpan(Random random, int n) {
        // a small time range and coarse starts make many ties, which the ID tie-break must settle
        long start = BASE + random.nextInt(200) * 10_000L;
        long duration = random.nextInt(5) == 0 ? random.nextInt(1_000_000) : random.nextInt(50) * 1_000L;
        AttributesBuilder attributes = Attributes.builder();
        if (random.nextBoolean()) {
            attributes.put("http.response.status_code", (long) (200 + 100 * random.nextInt(4)));
        }
        if (random.nextInt(4) == 0) {
            attributes.put("code", String.valueOf(200 + 100 * random.nextInt(4)));
        }
        if (random.nextInt(4) == 0) {
            attributes.put("status", String.valueOf(200 + 100 * random.nextInt(4))); // Micrometer's status code
        }
        if (random.nextBoolean()) {
            attributes.put("ratio", random.nextInt(4) / 2.0);
        }
        if (random.nextBoolean()) {
            attributes.put("cache.hit", random.nextBoolean());
        }
        if (random.nextInt(3) == 0) {
            attributes.put("request.id", "r" + random.nextInt(5_000)); // high cardinality: unindexed after a while
        }
        if (random.nextInt(10) == 0) {
            attributes.put(AttributeKey.stringArrayKey("tags"), List.of("a", "t" + random.nextInt(3)));
        }
        if (random.nextInt(8) == 0) {
            attributes.put("error.type", ERRORS[random.nextInt(ERRORS.length)]);
        }
        if (random.nextInt(8) == 0) {
            attributes.put("exception", random.nextBoolean() ? "none" : ERRORS[random.nextInt(ERRORS.length)]);
        }
        if (random.nextInt(12) == 0) {
            attributes.put("host.name", "span-host");
        }
        List<SpanEvent> events = random.nextInt(10) == 0
                ? List.of(new SpanEvent("exception", start, Attributes.of(AttributeKey.stringKey("exception.type"),
                        ERRORS[random.nextInt(ERRORS.length)])))
                : List.of();
        Attributes resource = Attributes.of(AttributeKey.stringKey("service.name"),
                SERVICES[random.nextInt(SERVICES.length)], AttributeKey.stringKey("host.name"),
                "host-" + random.nextInt(2));
        long trace = random.nextInt(Math.max(1, n / 4 + 1));
        return StoredSpan.builder()
                .traceId(traceId(trace))
                .spanId(spanId(n))
                .parentSpanId(random.nextInt(4) == 0 ? "" : spanId(random.nextInt(n + 1) + 100_000))
                .name(NAMES[random.nextInt(NAMES.length)])
                .kind(SpanKind.values()[random.nextInt(SpanKind.values().length)])
                .startEpochNanos(start)
                .endEpochNanos(start + duration)
                .status(StatusCode.values()[random.nextInt(3)], null)
                .attributes(attributes.build())
                .events(events)
                .resource(Resource.create(resource))
                .build();
    }

    static SpanQuery randomQuery(Random random, List<StoredSpan> held) {
        SpanQuery.Builder query = SpanQuery.builder();
        if (random.nextInt(6) == 0 && !held.isEmpty()) {
            query.traceId(held.get(random.nextInt(held.size())).traceId());
        }
        if (random.nextInt(3) == 0) {
            query.service(SERVICES[random.nextInt(SERVICES.length)]);
        }
        if (random.nextInt(3) == 0) {
            query.spanName(random.nextInt(10) == 0 ? "unknown" : NAMES[random.nextInt(NAMES.length)]);
        }
        if (random.nextInt(5) == 0) {
            query.kind(SpanKind.values()[random.nextInt(SpanKind.values().length)]);
        }
        if (random.nextInt(4) == 0) {
            query.status(StatusCode.values()[random.nextInt(3)]);
        }
        if (random.nextInt(5) == 0) {
            query.errorType(ERRORS[random.nextInt(ERRORS.length)]);
        }
        if (random.nextInt(5) == 0) {
            query.failedOnly(true);
        }
        int filters = random.nextInt(3);
        for (int i = 0; i < filters; i++) {
            query.attribute(AttributeFilter.parse(randomFilter(random)));
        }
        long offset = random.nextInt(200) * 10_000L;
        switch (random.nextInt(4)) {
            case 0 -> query.from(Instant.ofEpochSecond(0, BASE + offset));
            case 1 -> query.from(Instant.ofEpochSecond(0, BASE + offset))
                    .to(Instant.ofEpochSecond(0, BASE + offset + 1 + random.nextInt(600_000)));
            case 2 -> query.lookback(Duration.ofNanos(1 + random.nextInt(2_000_000)));
            default -> { }
        }
        if (random.nextInt(4) == 0) {
            query.minDuration(Duration.ofNanos(random.nextInt(60_000)));
        }
        if (random.nextInt(6) == 0) {
            query.maxDuration(Duration.ofNanos(60_000 + random.nextInt(600_000)));
        }
        if (random.nextInt(6) == 0) {
            query.minTraceDuration(Duration.ofNanos(random.nextInt(500_000)));
        }
        if (random.nextInt(8) == 0) {
            query.maxTraceDuration(Duration.ofNanos(500_000 + random.nextInt(1_000_000)));
        }
        query.order(SpanOrder.values()[random.nextInt(SpanOrder.values().length)]);
        query.limit(random.nextInt(4) == 0 ? 1 + random.nextInt(3) : 1 + random.nextInt(200));
        return query.build();
    }

    private static String randomFilter(Random random) {
        return switch (random.nextInt(16)) {
            case 0 -> "http.response.status_code=" + (200 + 100 * random.nextInt(5));
            case 1 -> "http.response.status_code>=" + (200 + 100 * random.nextInt(4));
            case 2 -> "http.response.status_code!=200";
            case 3 -> "code=" + (200 + 100 * random.nextInt(4));
            case 4 -> "code=\"300\"";
            case 5 -> "ratio=" + random.nextInt(4) / 2.0;
            case 6 -> "ratio<1";
            case 7 -> "cache.hit=" + random.nextBoolean();
            case 8 -> "request.id=r" + random.nextInt(5_000);
            case 9 -> "tags=t" + random.nextInt(3);
            case 10 -> random.nextBoolean() ? "error.type" : "!error.type";
            case 11 -> "host.name=" + (random.nextBoolean() ? "span-host" : "host-" + random.nextInt(2));
            case 12 -> "resource.host.name=host-1";
            case 13 -> "span.http.response.status_code=" + (200 + 100 * random.nextInt(4));
            case 14 -> "status=" + (200 + 100 * random.nextInt(4));
            default -> "request.id=~r1.*";
        };
    }

    /** Summarises a trace's spans by the rules of TraceSummary: the reference the store's summaries must equal. */
    private static TraceSummary summarize(List<StoredSpan> spans) {
        StoredSpan root = null;
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        int errors = 0;
        Set<String> services = new TreeSet<>();
        for (StoredSpan span : spans) {
            if (root == null || (span.isRoot() != root.isRoot() ? span.isRoot()
                    : InMemorySpanStore.BY_START_THEN_SPAN_ID.compare(span, root) < 0)) {
                root = span;
            }
            start = Math.min(start, span.startEpochNanos());
            end = Math.max(end, span.endEpochNanos());
            errors += Failures.isFailure(span) ? 1 : 0;
            services.add(span.serviceName());
        }
        Objects.requireNonNull(root, "a trace has at least one span");
        return new TraceSummary(root.traceId(), root.serviceName(), root.name(), start, end - start, spans.size(),
                errors, List.copyOf(services));
    }
}
