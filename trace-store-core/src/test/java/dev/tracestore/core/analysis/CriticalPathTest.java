package dev.tracestore.core.analysis;

import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.api.trace.SpanKind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CriticalPathTest {

    @Test
    void walksBackFromTheLastFinishingChild() {
        List<StoredSpan> trace = Traces.trace()
                .span(1, 0, "root", 0, 100)
                .span(2, 1, "b", 10, 30)
                .span(3, 1, "c", 40, 90)
                .span(4, 3, "d", 50, 60)
                .spans();

        assertThat(CriticalPath.of(trace)).containsExactly(
                segment(1, 0, 10), segment(2, 10, 30), segment(1, 30, 40), segment(3, 40, 50),
                segment(4, 50, 60), segment(3, 60, 90), segment(1, 90, 100));
    }

    @Test
    void overlappingChildrenLeaveThePathToTheOneThatFinishesLast() {
        List<StoredSpan> trace = Traces.trace()
                .span(1, 0, "root", 0, 100)
                .span(2, 1, "long", 10, 70)
                .span(3, 1, "overlapping", 50, 80)
                .spans();

        assertThat(CriticalPath.of(trace)).containsExactly(
                segment(1, 0, 50), segment(3, 50, 80), segment(1, 80, 100));
    }

    @Test
    void backToBackChildrenAreAllOnThePath() {
        List<StoredSpan> trace = Traces.trace()
                .span(1, 0, "root", 0, 30)
                .span(2, 1, "first", 0, 10)
                .span(3, 1, "second", 10, 20)
                .span(4, 1, "third", 20, 30)
                .spans();

        assertThat(CriticalPath.of(trace)).containsExactly(segment(2, 0, 10), segment(3, 10, 20), segment(4, 20, 30));
    }

    @Test
    void overflowingChildrenAreClippedAndLateChildrenDropped() {
        List<StoredSpan> trace = Traces.trace()
                .span(1, 0, "root", 100, 200)
                .span(2, 1, "early", 50, 120)
                .span(3, 1, "overflows", 180, 400)
                .span(4, 3, "inside-overflow", 300, 350)
                .span(5, 1, "after", 250, 300)
                .span(6, 1, "before", 10, 90)
                .spans();

        assertThat(CriticalPath.of(trace)).containsExactly(
                segment(2, 100, 120), segment(1, 120, 180), segment(3, 180, 200));
    }

    @Test
    void asyncConsumersDoNotBlockTheirProducer() {
        List<StoredSpan> trace = Traces.trace()
                .span(1, 0, "POST /orders", 0, 100, SpanKind.SERVER)
                .span(2, 1, "orders send", 20, 30, SpanKind.PRODUCER)
                .span(3, 2, "orders process", 25, 95, SpanKind.CONSUMER)
                .span(4, 3, "insert", 30, 90, SpanKind.CLIENT)
                .spans();

        assertThat(CriticalPath.of(trace)).containsExactly(segment(1, 0, 20), segment(2, 20, 30), segment(1, 30, 100));
    }

    /** The root overlaps the orphan that ends later: like an overlapped child, it is not on the path. */
    @Test
    void orphansAndSeveralRootsAreChildrenOfTheWholeTrace() {
        List<StoredSpan> trace = Traces.trace()
                .span(1, 0, "root", 0, 50)
                .span(2, 1, "child", 10, 40)
                .span(3, 99, "orphan", 30, 80)
                .span(4, 3, "orphan child", 60, 70)
                .span(5, 0, "second root", 100, 120)
                .spans();

        assertThat(CriticalPath.of(trace)).containsExactly(
                segment(3, 30, 60), segment(4, 60, 70), segment(3, 70, 80), segment(5, 100, 120));
    }

    @Test
    void singleSpanAndEmptyTraces() {
        assertThat(CriticalPath.of(Traces.trace().span(1, 0, "only", 5, 9).spans())).containsExactly(segment(1, 5, 9));
        assertThat(CriticalPath.of(Traces.trace().span(1, 0, "instant", 5, 5).spans())).isEmpty();
        assertThat(CriticalPath.of(List.of())).isEmpty();
    }

    @Test
    void matchesTheRecursiveReferenceOnRandomTraces() {
        long seed = System.nanoTime();
        System.out.println("CriticalPathTest seed " + seed);
        Random random = new Random(seed);
        for (int round = 0; round < 500; round++) {
            List<StoredSpan> trace = RandomTraces.tree(random, 1 + random.nextInt(40), 60);
            List<CriticalPathSegment> path = CriticalPath.of(trace);
            assertThat(path).as("seed %d round %d", seed, round).isEqualTo(new ReferencePath(trace).compute());
            for (int i = 1; i < path.size(); i++) {
                assertThat(path.get(i).startEpochNanos()).as("seed %d round %d: no overlap", seed, round)
                        .isGreaterThanOrEqualTo(path.get(i - 1).endEpochNanos());
            }
            if (trace.stream().filter(span -> trace.stream()
                    .noneMatch(parent -> parent.spanId().equals(span.parentSpanId()))).count() == 1) {
                assertThat(path.stream().mapToLong(CriticalPathSegment::durationNanos).sum())
                        .as("seed %d round %d: one top span, the path covers it", seed, round)
                        .isEqualTo(trace.get(0).durationNanos());
            }
        }
    }

    private static CriticalPathSegment segment(int span, long start, long end) {
        return new CriticalPathSegment(Traces.id(span), Traces.T0 + start, Traces.T0 + end);
    }

    /**
     * The rules of {@link CriticalPath}'s Javadoc, written as directly as possible: recursion, linear scans for
     * parents and children, a set of children already picked.
     */
    private static final class ReferencePath {
        private final List<StoredSpan> spans;
        private final List<long[]> fitted = new ArrayList<>();
        private final List<StoredSpan> fittedSpans = new ArrayList<>();
        private final List<CriticalPathSegment> segments = new ArrayList<>();
        private final Set<String> picked = new HashSet<>();

        ReferencePath(List<StoredSpan> spans) {
            this.spans = spans;
        }

        List<CriticalPathSegment> compute() {
            List<StoredSpan> tops = spans.stream()
                    .filter(span -> spans.stream().noneMatch(p -> p.spanId().equals(span.parentSpanId()))).toList();
            for (StoredSpan top : tops) {
                fit(top, top.startEpochNanos(), top.endEpochNanos());
            }
            long end = tops.stream().mapToLong(StoredSpan::endEpochNanos).max().orElseThrow();
            walk(null, end, tops);
            segments.sort(Comparator.comparingLong(CriticalPathSegment::startEpochNanos));
            List<CriticalPathSegment> merged = new ArrayList<>();
            for (CriticalPathSegment segment : segments) {
                CriticalPathSegment last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
                if (last != null && last.spanId().equals(segment.spanId())
                        && last.endEpochNanos() == segment.startEpochNanos()) {
                    merged.set(merged.size() - 1, new CriticalPathSegment(last.spanId(), last.startEpochNanos(),
                            segment.endEpochNanos()));
                } else {
                    merged.add(segment);
                }
            }
            return merged;
        }

        private void fit(StoredSpan span, long start, long end) {
            fittedSpans.add(span);
            fitted.add(new long[] {start, end});
            for (StoredSpan child : spans) {
                if (!child.parentSpanId().equals(span.spanId()) || child.kind() == SpanKind.CONSUMER) {
                    continue;
                }
                if (child.startEpochNanos() >= end
                        || (child.startEpochNanos() < start && child.endEpochNanos() <= start)) {
                    continue;
                }
                fit(child, Math.max(start, child.startEpochNanos()), Math.min(end, child.endEpochNanos()));
            }
        }

        private long[] interval(StoredSpan span) {
            return fitted.get(fittedSpans.indexOf(span));
        }

        /** Walks span (null: the virtual root) back from cursor; returns nothing, adds segments. */
        private void walk(StoredSpan span, long cursor, List<StoredSpan> children) {
            StoredSpan best = null;
            for (StoredSpan child : children) {
                if (!fittedSpans.contains(child) || picked.contains(child.spanId())
                        || interval(child)[1] > cursor) {
                    continue;
                }
                if (best == null || interval(child)[1] > interval(best)[1]
                        || (interval(child)[1] == interval(best)[1] && (interval(child)[0] < interval(best)[0]
                        || (interval(child)[0] == interval(best)[0]
                        && child.spanId().compareTo(best.spanId()) < 0)))) {
                    best = child;
                }
            }
            if (best == null) {
                add(span, span == null ? Long.MIN_VALUE : interval(span)[0], cursor);
                return;
            }
            picked.add(best.spanId());
            add(span, interval(best)[1], cursor);
            StoredSpan child = best;
            walk(child, interval(child)[1],
                    spans.stream().filter(s -> s.parentSpanId().equals(child.spanId())).toList());
            walk(span, interval(child)[0], children);
        }

        private void add(StoredSpan span, long start, long end) {
            if (span != null && start < end) {
                segments.add(new CriticalPathSegment(span.spanId(), start, end));
            }
        }
    }
}
