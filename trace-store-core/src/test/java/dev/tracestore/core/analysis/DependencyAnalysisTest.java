package dev.tracestore.core.analysis;

import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.FailureRules;
import dev.tracestore.core.query.SpanQuery;
import dev.tracestore.core.store.InMemorySpanStore;
import dev.tracestore.core.testing.Seeds;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static dev.tracestore.core.testing.TestSpans.spanId;
import static dev.tracestore.core.testing.TestSpans.traceId;
import static org.assertj.core.api.Assertions.assertThat;

/** Hand-made traces for each dependency rule, and random traces against a brute-force reading of the rules. */
class DependencyAnalysisTest {

    private static final long T0 = AnalysisSpans.BASE;
    private final InMemorySpanStore store = new InMemorySpanStore(10_000);

    @Test
    void clientServerPairIsOneCallAndAFailedClientMakesItFail() {
        add(span(1, 1, -1, "web", SpanKind.SERVER, 0));
        add(span(1, 2, 1, "web", SpanKind.CLIENT, 10).status(StatusCode.ERROR, "timeout"));
        add(span(1, 3, 2, "orders", SpanKind.SERVER, 20));
        assertThat(all().links()).containsExactly(new DependencyLink("web", "orders", 1, 1, false));
    }

    @Test
    void internalSpansBetweenCallerAndCalleeAndProducerConsumerPairs() {
        add(span(1, 1, -1, "web", SpanKind.SERVER, 0));
        add(span(1, 2, 1, "web", SpanKind.PRODUCER, 10).status(StatusCode.ERROR, "not acknowledged"));
        add(span(1, 3, 2, "billing", SpanKind.INTERNAL, 20));
        add(span(1, 4, 3, "billing", SpanKind.CONSUMER, 30));
        add(span(1, 5, 1, "web", SpanKind.SERVER, 40));
        add(span(1, 6, 5, "web", SpanKind.PRODUCER, 50));
        add(span(1, 7, 6, "billing", SpanKind.CONSUMER, 60).status(StatusCode.ERROR, ""));
        // the producer's failure is its own, not the call's: only a client directly above the callee counts
        assertThat(all().links()).containsExactly(new DependencyLink("web", "billing", 2, 1, false));
    }

    @Test
    void uninstrumentedCalleesAreNamedByTheClientUnderEitherConvention() {
        add(span(1, 1, -1, "web", SpanKind.SERVER, 0));
        add(span(1, 2, 1, "web", SpanKind.CLIENT, 10).attributes(Attributes.builder()
                .put("server.address", "api.example.com").build()));
        add(span(1, 3, 1, "web", SpanKind.CLIENT, 20).attributes(Attributes.builder()
                .put("client.name", "api.example.com").put("outcome", "SERVER_ERROR").build()));
        add(span(1, 4, 1, "web", SpanKind.CLIENT, 30).attributes(Attributes.builder()
                .put("peer.service", "payments").build()));
        add(span(1, 5, 1, "web", SpanKind.CLIENT, 40));
        assertThat(all().links()).containsExactly(new DependencyLink("web", "api.example.com", 2, 1, true),
                new DependencyLink("web", "payments", 1, 0, true));
    }

    @Test
    void parentBeforeTheWindowIsLookedUpAndOrphansAndRootsMakeNoLink() {
        add(span(1, 1, -1, "web", SpanKind.CLIENT, 0));
        add(span(1, 2, 1, "orders", SpanKind.SERVER, 2_000_000));
        add(span(2, 3, 99, "orders", SpanKind.SERVER, 2_000_000));
        add(span(3, 4, -1, "orders", SpanKind.SERVER, 2_000_000));
        SpanQuery window = SpanQuery.builder().from(Instant.ofEpochSecond(0, T0 + 1_000_000)).build();
        DependencyReport report = DependencyAnalysis.run(store, window, null);
        assertThat(report.links()).containsExactly(new DependencyLink("web", "orders", 1, 0, false));
        assertThat(report.spans()).isEqualTo(3);
    }

    @Test
    void nestedServerSpansOfOneServiceAreNoCallButAClientCallingItsOwnServiceIs() {
        add(span(1, 1, -1, "web", SpanKind.SERVER, 0));
        add(span(1, 2, 1, "web", SpanKind.SERVER, 1));
        add(span(1, 3, 2, "web", SpanKind.CLIENT, 2));
        add(span(1, 4, 3, "web", SpanKind.SERVER, 3));
        assertThat(all().links()).containsExactly(new DependencyLink("web", "web", 1, 0, false));
    }

    @Test
    void emptyWindowHasNoLinks() {
        assertThat(all().links()).isEmpty();
        add(span(1, 1, -1, "web", SpanKind.SERVER, 0));
        assertThat(all().links()).isEmpty();
    }

    @Test
    void randomTracesEqualBruteForce() {
        Seeds.check("DependencyAnalysisTest", 30, this::runOneSeed);
    }

    private void runOneSeed(long seed) {
        Random random = new Random(seed);
        InMemorySpanStore randomStore = new InMemorySpanStore(20_000);
        List<StoredSpan> spans = new ArrayList<>();
        int traces = 1 + random.nextInt(150);
        long[] nextId = {0};
        for (int trace = 0; trace < traces; trace++) {
            grow(random, trace, -1, AnalysisSpans.SERVICES[random.nextInt(3)], SpanKind.SERVER,
                    random.nextInt(1000) * 1_000_000L, 0, nextId, spans);
        }
        spans.forEach(randomStore::add);
        long from = random.nextInt(500) * 1_000_000L;
        SpanQuery window = SpanQuery.builder().from(Instant.ofEpochSecond(0, T0 + from)).build();
        String service = random.nextBoolean() ? null : AnalysisSpans.SERVICES[random.nextInt(3)];
        DependencyReport report = DependencyAnalysis.run(randomStore, window, service);
        assertThat(report.partial()).isFalse();
        Map<List<Object>, long[]> actual = new TreeMap<>(DependencyAnalysisTest::compare);
        report.links().forEach(link -> actual.put(List.of(link.caller(), link.callee(), link.uninstrumented()),
                new long[] {link.calls(), link.errors()}));
        Map<List<Object>, long[]> expected = bruteForce(spans, T0 + from, service);
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((key, figures) -> assertThat(actual.get(key)).as("%s", key).containsExactly(figures));
    }

    /** Adds a span and, by its kind, random children: the shapes of real services. */
    private static void grow(Random random, long trace, long parent, String service, SpanKind kind, long start,
            int depth, long[] nextId, List<StoredSpan> spans) {
        long id = nextId[0]++;
        StoredSpan.Builder span = span(trace, id, parent, service, kind, start);
        if (random.nextInt(5) == 0) {
            span.status(StatusCode.ERROR, "");
        }
        boolean client = kind == SpanKind.CLIENT || kind == SpanKind.PRODUCER;
        if (client && random.nextBoolean()) {
            span.attributes(Attributes.builder().put(random.nextBoolean() ? "peer.service" : "client.name",
                    "ext-" + random.nextInt(2)).build());
        }
        spans.add(span.build());
        if (depth > 4) {
            return;
        }
        if (client) {
            if (random.nextInt(10) < 7) {
                SpanKind callee = kind == SpanKind.CLIENT ? SpanKind.SERVER : SpanKind.CONSUMER;
                grow(random, trace, id, AnalysisSpans.SERVICES[random.nextInt(3)], callee,
                        start + 1_000_000, depth + 1, nextId, spans);
            }
            return;
        }
        int children = random.nextInt(3);
        for (int i = 0; i < children; i++) {
            SpanKind[] kinds = {SpanKind.INTERNAL, SpanKind.CLIENT, SpanKind.PRODUCER, SpanKind.SERVER};
            grow(random, trace, id, service, kinds[random.nextInt(kinds.length)], start + (i + 1) * 1_000_000L,
                    depth + 1, nextId, spans);
        }
    }

    /** The rules of {@link DependencyAnalysis}, read over all spans by trace, written out independently. */
    private static Map<List<Object>, long[]> bruteForce(List<StoredSpan> spans, long from, String service) {
        Map<String, StoredSpan> byId = new HashMap<>();
        spans.forEach(span -> byId.put(span.traceId() + span.spanId(), span));
        Set<String> answered = new java.util.HashSet<>();
        Map<List<Object>, long[]> links = new TreeMap<>(DependencyAnalysisTest::compare);
        for (StoredSpan span : spans) {
            if (span.startEpochNanos() < from || (span.kind() != SpanKind.SERVER && span.kind() != SpanKind.CONSUMER)) {
                continue;
            }
            StoredSpan parent = byId.get(span.traceId() + span.parentSpanId());
            StoredSpan caller = parent;
            while (caller != null && caller.serviceName().equals(span.serviceName())
                    && caller.kind() == SpanKind.INTERNAL) {
                caller = byId.get(caller.traceId() + caller.parentSpanId());
            }
            if (caller == null || (caller.serviceName().equals(span.serviceName())
                    && (caller.kind() == SpanKind.SERVER || caller.kind() == SpanKind.CONSUMER))) {
                continue;
            }
            boolean callerIsClient = caller.kind() == SpanKind.CLIENT || caller.kind() == SpanKind.PRODUCER;
            if (callerIsClient) {
                answered.add(caller.traceId() + caller.spanId());
            }
            boolean failed = FailureRules.DEFAULT.isFailure(span)
                    || (caller == parent && callerIsClient && FailureRules.DEFAULT.isFailure(caller));
            count(links, caller.serviceName(), span.serviceName(), failed, false, service);
        }
        for (StoredSpan span : spans) {
            String peer = span.attributes().get(io.opentelemetry.api.common.AttributeKey.stringKey("peer.service"));
            if (peer == null) {
                peer = span.attributes().get(io.opentelemetry.api.common.AttributeKey.stringKey("client.name"));
            }
            if (span.startEpochNanos() >= from && (span.kind() == SpanKind.CLIENT || span.kind() == SpanKind.PRODUCER)
                    && !answered.contains(span.traceId() + span.spanId()) && peer != null) {
                count(links, span.serviceName(), peer, FailureRules.DEFAULT.isFailure(span), true, service);
            }
        }
        return links;
    }

    private static void count(Map<List<Object>, long[]> links, String caller, String callee, boolean failed,
            boolean uninstrumented, String service) {
        if (service != null && !service.equals(caller) && !service.equals(callee)) {
            return;
        }
        long[] figures = links.computeIfAbsent(List.of(caller, callee, uninstrumented), key -> new long[2]);
        figures[0]++;
        figures[1] += failed ? 1 : 0;
    }

    private static int compare(List<Object> a, List<Object> b) {
        return a.toString().compareTo(b.toString());
    }

    private static StoredSpan.Builder span(long trace, long id, long parent, String service, SpanKind kind,
            long offsetNanos) {
        return StoredSpan.builder().traceId(traceId(trace)).spanId(spanId(id))
                .parentSpanId(parent < 0 ? "" : spanId(parent)).name("op-" + id).kind(kind)
                .startEpochNanos(T0 + offsetNanos).endEpochNanos(T0 + offsetNanos + 500_000)
                .resource(AnalysisSpans.service(service));
    }

    private void add(StoredSpan.Builder span) {
        store.add(span.build());
    }

    private DependencyReport all() {
        return DependencyAnalysis.run(store, SpanQuery.builder().build(), null);
    }
}
