package dev.tracestore.core.analysis;

import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RepeatedCallDetectorTest {

    @Test
    void findsOneQueryPerItemWithDifferentLiterals() {
        Traces trace = Traces.trace().span(1, 0, "GET /orders", 0, 1000, SpanKind.SERVER)
                .query(2, 1, "select * from orders", 0, 10);
        for (int item = 0; item < 6; item++) {
            trace.query(10 + item, 1, "select * from line where order_id = " + (item * 17), 20 + item * 10,
                    25 + item * 10);
        }

        List<RepeatedCall> repeats = RepeatedCallDetector.withDefaults().find(trace.spans());

        assertThat(repeats).singleElement().satisfies(repeat -> {
            assertThat(repeat.operation()).isEqualTo("select * from line where order_id = ?");
            assertThat(repeat.kind()).isEqualTo("db");
            assertThat(repeat.count()).isEqualTo(6);
            assertThat(repeat.totalDurationNanos()).isEqualTo(30);
            assertThat(repeat.parentSpanId()).isEqualTo(Traces.id(1));
            assertThat(repeat.parentName()).isEqualTo("GET /orders");
            assertThat(repeat.service()).isEqualTo("shop");
            assertThat(repeat.startEpochNanos()).isEqualTo(Traces.T0 + 20);
            assertThat(repeat.endEpochNanos()).isEqualTo(Traces.T0 + 75);
            assertThat(repeat.spanIds()).containsExactly(Traces.id(10), Traces.id(11), Traces.id(12), Traces.id(13),
                    Traces.id(14), Traces.id(15));
        });
    }

    @Test
    void interleavedRunsAreFoundAndParallelCallsAreNot() {
        Traces trace = Traces.trace().span(1, 0, "GET /orders", 0, 1000, SpanKind.SERVER);
        for (int item = 0; item < 5; item++) {
            trace.query(10 + item, 1, "select * from customer where id = ?", item * 20, item * 20 + 5);
            trace.query(20 + item, 1, "select * from line where order_id = ?", item * 20 + 10, item * 20 + 15);
            trace.query(30 + item, 1, "select * from stock where sku = ?", 500, 510);
        }

        assertThat(RepeatedCallDetector.withDefaults().find(trace.spans())).extracting(RepeatedCall::operation)
                .containsExactly("select * from customer where id = ?", "select * from line where order_id = ?");
    }

    @Test
    void countAndTotalDurationThresholds() {
        Traces trace = Traces.trace().span(1, 0, "job", 0, 1000);
        for (int item = 0; item < 4; item++) {
            trace.query(10 + item, 1, "delete from t where id = " + item, item * 10, item * 10 + 5);
        }
        assertThat(RepeatedCallDetector.withDefaults().find(trace.spans())).isEmpty();
        assertThat(new RepeatedCallDetector(4, Duration.ZERO).find(trace.spans())).hasSize(1);
        assertThat(new RepeatedCallDetector(4, Duration.ofNanos(20)).find(trace.spans())).hasSize(1);
        assertThat(new RepeatedCallDetector(4, Duration.ofNanos(21)).find(trace.spans())).isEmpty();
        assertThatIllegalArgumentException().isThrownBy(() -> new RepeatedCallDetector(1, Duration.ZERO))
                .withMessageContaining("minCount");
        assertThatIllegalArgumentException().isThrownBy(() -> new RepeatedCallDetector(5, Duration.ofNanos(-1)))
                .withMessageContaining("minTotalDuration");
    }

    @Test
    void clientCallsByRouteTemplateUnderAnOrphanParent() {
        Traces trace = Traces.trace();
        for (int item = 0; item < 5; item++) {
            trace.span(10 + item, 99, "GET", item * 10, item * 10 + 8, SpanKind.CLIENT, "shop",
                    Attributes.of(AttributeKey.stringKey("url.template"), "/prices/{sku}"));
            trace.span(20 + item, 99, "render", item * 10, item * 10 + 8, SpanKind.INTERNAL, "shop",
                    Attributes.empty());
        }

        assertThat(RepeatedCallDetector.withDefaults().find(trace.spans())).singleElement().satisfies(repeat -> {
            assertThat(repeat.kind()).isEqualTo("client");
            assertThat(repeat.operation()).isEqualTo("GET /prices/{sku}");
            assertThat(repeat.parentSpanId()).isEqualTo(Traces.id(99));
            assertThat(repeat.parentName()).isEmpty();
        });
    }

    @Test
    void dbQueryTextWinsOverDbStatementAndServicesAreKeptApart() {
        Traces trace = Traces.trace().span(1, 0, "GET /x", 0, 1000, SpanKind.SERVER);
        for (int item = 0; item < 5; item++) {
            trace.span(10 + item, 1, "SELECT", item * 10, item * 10 + 1, SpanKind.CLIENT, "shop",
                    Attributes.of(AttributeKey.stringKey("db.query.text"), "select 1 from a where x = " + item,
                            AttributeKey.stringKey("db.statement"), "ignored " + item));
            trace.span(20 + item, 1, "SELECT", item * 10 + 2, item * 10 + 3, SpanKind.CLIENT,
                    item % 2 == 0 ? "shop" : "billing",
                    Attributes.of(AttributeKey.stringKey("db.statement"), "select 2 from b"));
        }

        assertThat(RepeatedCallDetector.withDefaults().find(trace.spans())).extracting(RepeatedCall::operation)
                .containsExactly("select ? from a where x = ?");
    }

    @Test
    void singleSpanTraceHasNoRepeats() {
        assertThat(RepeatedCallDetector.withDefaults().find(Traces.trace()
                .query(1, 0, "select 1", 0, 5).spans())).isEmpty();
    }

    @Test
    void matchesBruteForceOnRandomTraces() {
        long seed = System.nanoTime();
        System.out.println("RepeatedCallDetectorTest seed " + seed);
        Random random = new Random(seed);
        for (int round = 0; round < 300; round++) {
            List<StoredSpan> trace = RandomTraces.calls(random, 2 + random.nextInt(80), 100);
            int minCount = 2 + random.nextInt(4);
            Duration minTotal = Duration.ofNanos(random.nextInt(8));
            assertThat(new RepeatedCallDetector(minCount, minTotal).find(trace))
                    .as("seed %d round %d", seed, round)
                    .containsExactlyInAnyOrderElementsOf(bruteForce(trace, minCount, minTotal.toNanos()));
        }
    }

    /**
     * For every call, its group by scanning all spans; a call starts a run when its predecessor in the group
     * (by start, then span ID) ends after it starts, or it has none; the run then follows successors.
     */
    private static List<RepeatedCall> bruteForce(List<StoredSpan> trace, int minCount, long minTotal) {
        List<RepeatedCall> found = new ArrayList<>();
        Comparator<StoredSpan> order = Comparator.comparingLong(StoredSpan::startEpochNanos)
                .thenComparing(StoredSpan::spanId);
        for (StoredSpan call : trace) {
            if (key(call) == null) {
                continue;
            }
            List<StoredSpan> group = trace.stream().filter(other -> sameGroup(call, other)).sorted(order).toList();
            int at = group.indexOf(call);
            if (at > 0 && group.get(at - 1).endEpochNanos() <= call.startEpochNanos()) {
                continue;
            }
            int end = at + 1;
            while (end < group.size() && group.get(end - 1).endEpochNanos() <= group.get(end).startEpochNanos()) {
                end++;
            }
            List<StoredSpan> run = group.subList(at, end);
            long total = run.stream().mapToLong(StoredSpan::durationNanos).sum();
            if (run.size() >= minCount && total >= minTotal) {
                String parentName = trace.stream().filter(p -> p.spanId().equals(call.parentSpanId()))
                        .map(StoredSpan::name).findFirst().orElse("");
                found.add(new RepeatedCall(call.traceId(), call.parentSpanId(), parentName, call.serviceName(),
                        key(call).get(0), key(call).get(1), run.size(), total, call.startEpochNanos(),
                        run.get(run.size() - 1).endEpochNanos(), run.stream().map(StoredSpan::spanId).toList()));
            }
        }
        return found;
    }

    private static boolean sameGroup(StoredSpan call, StoredSpan other) {
        return other.parentSpanId().equals(call.parentSpanId()) && other.serviceName().equals(call.serviceName())
                && Objects.equals(key(other), key(call));
    }

    private static List<String> key(StoredSpan span) {
        String statement = span.attributes().get(AttributeKey.stringKey("db.statement"));
        if (span.isRoot()) {
            return null;
        }
        if (statement != null) {
            return List.of("db", statement.replaceAll("'[^']*'|\\b\\d+\\b", "?").replaceAll("\\(\\?(, \\?)*\\)", "(?)"));
        }
        if (span.kind() == SpanKind.CLIENT) {
            return List.of("client", span.name() + " " + span.attributes().get(AttributeKey.stringKey("url.template")));
        }
        return null;
    }
}
