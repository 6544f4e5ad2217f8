package dev.tracestore.core.store;

import java.util.Arrays;

/**
 * Which windows of sequences a query on span names and a least duration can skip: those where {@link NameDurations}
 * holds no figure of the query's names that reaches the least duration. Resolved again in every lock hold (the
 * name numbers and the lists may have changed in between); within a hold, windows are asked for in ascending order,
 * and the answer for the last one is kept, so a scan asks once per span at the cost of a comparison.
 */
final class NameDurationSkip {

    private final long minNanos;
    private NameDurations durations;
    private int[] nameIds;
    private int[] positions = new int[0];
    private long oldest;
    private long window;
    private boolean answer;

    /** @param minNanos the least duration a matching span has, positive */
    NameDurationSkip(long minNanos) {
        this.minNanos = minNanos;
    }

    /** Starts a lock hold: the names' numbers in it, the oldest live sequence. */
    void refresh(NameDurations durations, int[] nameIds, long oldest) {
        this.durations = durations;
        this.nameIds = nameIds;
        this.oldest = oldest;
        if (positions.length != nameIds.length) {
            positions = new int[nameIds.length];
        }
        Arrays.fill(positions, -1);
        window = Long.MIN_VALUE;
    }

    /**
     * @param sequence a live sequence, not before the one asked for last in this hold
     * @return whether a span of the query's names lasting at least the least duration may be in its window
     */
    boolean mayHold(long sequence) {
        long asked = sequence >> NameDurations.WINDOW_SHIFT;
        if (asked == window) {
            return answer;
        }
        if (asked < window) {
            Arrays.fill(positions, -1); // not asked in order: search afresh
        }
        window = asked;
        answer = false;
        for (int i = 0; i < nameIds.length; i++) {
            int id = nameIds[i];
            int at = durations.seek(id, asked, oldest, positions[i]);
            positions[i] = at;
            if (at < durations.size(id) && durations.isFor(id, at, asked)
                    && NameDurations.mayLast(durations.figureAt(id, at), minNanos)) {
                answer = true;
                break;
            }
        }
        return answer;
    }

    /** @return the first sequence after the window of {@code sequence} */
    static long windowEnd(long sequence) {
        return ((sequence >> NameDurations.WINDOW_SHIFT) + 1) << NameDurations.WINDOW_SHIFT;
    }
}
