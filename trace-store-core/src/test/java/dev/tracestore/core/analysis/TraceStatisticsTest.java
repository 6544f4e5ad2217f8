package dev.tracestore.core.analysis;

import dev.tracestore.core.model.StoredSpan;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TraceStatisticsTest {

    @Test
    void selfTimeCountsOverlappingChildrenOnce() {
        List<StoredSpan> trace = Traces.trace()
                .span(1, 0, "GET /orders", 0, 100)
                .span(2, 1, "load", 10, 40)
                .span(3, 1, "load", 30, 60)
                .span(4, 1, "render", 70, 80)
                .spans();

        Map<String, OperationStatistics> rows = byName(TraceStatistics.of(trace));

        assertThat(rows.get("GET /orders").totalSelfNanos()).isEqualTo(100 - 50 - 10);
        OperationStatistics load = rows.get("load");
        assertThat(load.count()).isEqualTo(2);
        assertThat(load.totalDurationNanos()).isEqualTo(60);
        assertThat(load.avgDurationNanos()).isEqualTo(30.0);
        assertThat(load.minDurationNanos()).isEqualTo(30);
        assertThat(load.maxSelfNanos()).isEqualTo(30);
        assertThat(TraceStatistics.of(trace)).extracting(OperationStatistics::operation)
                .containsExactly("load", "GET /orders", "render");
    }

    @Test
    void childrenAreClippedToTheirParent() {
        List<StoredSpan> trace = Traces.trace()
                .span(1, 0, "root", 100, 200)
                .span(2, 1, "early", 50, 120)
                .span(3, 1, "late", 180, 400)
                .span(4, 1, "after", 250, 300)
                .spans();

        Map<String, OperationStatistics> rows = byName(TraceStatistics.of(trace));

        assertThat(rows.get("root").totalSelfNanos()).isEqualTo(100 - 20 - 20);
        assertThat(rows.get("late").totalSelfNanos()).isEqualTo(220);
    }

    @Test
    void orphansAndSingleSpansCountTheirWholeDurationLessTheirChildren() {
        List<StoredSpan> trace = Traces.trace()
                .span(5, 99, "orphan", 0, 50)
                .span(6, 5, "child", 10, 20)
                .spans();
        assertThat(byName(TraceStatistics.of(trace)).get("orphan").totalSelfNanos()).isEqualTo(40);

        List<OperationStatistics> single = TraceStatistics.of(Traces.trace().span(1, 0, "only", 5, 9).spans());
        assertThat(single).singleElement().satisfies(row -> {
            assertThat(row.count()).isEqualTo(1);
            assertThat(row.totalSelfNanos()).isEqualTo(4);
            assertThat(row.minSelfNanos()).isEqualTo(4);
        });
        assertThat(TraceStatistics.of(List.of())).isEmpty();
    }

    @Test
    void rejectsSpansOfSeveralTraces() {
        List<StoredSpan> mixed = new ArrayList<>(Traces.trace().span(1, 0, "a", 0, 1).spans());
        mixed.addAll(Traces.trace("0af7651916cd43dd8448eb211c80319c").span(2, 0, "b", 0, 1).spans());
        assertThatIllegalArgumentException().isThrownBy(() -> TraceStatistics.of(mixed)).withMessageContaining("trace");
    }

    @Test
    void matchesBruteForceOnRandomTraces() {
        long seed = System.nanoTime();
        System.out.println("TraceStatisticsTest seed " + seed);
        Random random = new Random(seed);
        for (int round = 0; round < 300; round++) {
            List<StoredSpan> trace = RandomTraces.tree(random, 1 + random.nextInt(40), 60);
            assertThat(TraceStatistics.of(trace)).as("seed %d round %d", seed, round)
                    .containsExactlyInAnyOrderElementsOf(bruteForce(trace));
        }
    }

    /** Self time by looking at every nanosecond of the span: is any direct child running then? */
    private static List<OperationStatistics> bruteForce(List<StoredSpan> trace) {
        Map<List<String>, List<long[]>> byOperation = new HashMap<>();
        for (StoredSpan span : trace) {
            long self = 0;
            for (long t = span.startEpochNanos(); t < span.endEpochNanos(); t++) {
                boolean covered = false;
                for (StoredSpan child : trace) {
                    covered |= child.parentSpanId().equals(span.spanId())
                            && child.startEpochNanos() <= t && t < child.endEpochNanos();
                }
                self += covered ? 0 : 1;
            }
            byOperation.computeIfAbsent(List.of(span.serviceName(), span.name()), k -> new ArrayList<>())
                    .add(new long[] {span.durationNanos(), self});
        }
        List<OperationStatistics> rows = new ArrayList<>();
        byOperation.forEach((key, values) -> {
            long total = values.stream().mapToLong(v -> v[0]).sum();
            long self = values.stream().mapToLong(v -> v[1]).sum();
            rows.add(new OperationStatistics(key.get(0), key.get(1), values.size(),
                    total, (double) total / values.size(),
                    values.stream().mapToLong(v -> v[0]).min().orElseThrow(),
                    values.stream().mapToLong(v -> v[0]).max().orElseThrow(),
                    self, (double) self / values.size(),
                    values.stream().mapToLong(v -> v[1]).min().orElseThrow(),
                    values.stream().mapToLong(v -> v[1]).max().orElseThrow()));
        });
        return rows;
    }

    private static Map<String, OperationStatistics> byName(List<OperationStatistics> rows) {
        Map<String, OperationStatistics> byName = new HashMap<>();
        rows.forEach(row -> byName.put(row.operation(), row));
        return byName;
    }
}
