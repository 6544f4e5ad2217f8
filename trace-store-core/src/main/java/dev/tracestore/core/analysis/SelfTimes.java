package dev.tracestore.core.analysis;

import java.util.Arrays;

/**
 * Self time of every span of a trace: its duration minus the time covered by at least one of its direct children,
 * each child clipped to the span's own interval. Children that overlap each other count once (the union), so a
 * parent waiting on parallel children has no self time while they all run.
 */
final class SelfTimes {

    private SelfTimes() {
    }

    /** @return the self time in nanoseconds of each span, by index */
    static long[] of(TraceTree tree) {
        long[] self = new long[tree.size()];
        long[] starts = new long[0];
        long[] ends = new long[0];
        for (int i = 0; i < tree.size(); i++) {
            long start = tree.span(i).startEpochNanos();
            long end = tree.span(i).endEpochNanos();
            int[] children = tree.children(i);
            if (children.length > starts.length) {
                starts = new long[children.length];
                ends = new long[children.length];
            }
            int clipped = 0;
            for (int child : children) {
                long childStart = Math.max(start, tree.span(child).startEpochNanos());
                long childEnd = Math.min(end, tree.span(child).endEpochNanos());
                if (childStart < childEnd) {
                    starts[clipped] = childStart;
                    ends[clipped] = childEnd;
                    clipped++;
                }
            }
            self[i] = (end - start) - coveredNanos(starts, ends, clipped);
        }
        return self;
    }

    /**
     * The measure of a union of intervals depends only on how many intervals cover each instant, that is on the
     * sorted starts and the sorted ends taken apart: a sweep over both needs no interval objects.
     */
    private static long coveredNanos(long[] starts, long[] ends, int count) {
        Arrays.sort(starts, 0, count);
        Arrays.sort(ends, 0, count);
        long covered = 0;
        long last = 0;
        int active = 0;
        int s = 0;
        int e = 0;
        while (e < count) {
            boolean opening = s < count && starts[s] < ends[e];
            long at = opening ? starts[s++] : ends[e++];
            if (active > 0) {
                covered += at - last;
            }
            last = at;
            active += opening ? 1 : -1;
        }
        return covered;
    }
}
