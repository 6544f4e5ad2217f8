package dev.tracestore.core.store;

import java.util.Arrays;

/**
 * Per span name number, the longest duration of that name's spans in each window of {@value #WINDOW_SIZE}
 * consecutive sequences where the name occurs: a query on a name and a least duration ({@code name = "GET /x" &&
 * duration > 20ms}) then skips the windows where no span of that name is slow enough, instead of reading every span
 * of a common name to find the few slow ones ({@link TimeBlocks} cannot tell: some span of every block is slow).
 *
 * <p>A window's figure is an upper bound on the durations of the live spans with that number in it: it only grows,
 * eviction leaves it, and a number freed and reused by another name keeps the old name's figure for a window both
 * share (looser, still a bound). Durations are kept in units of {@code 2^}{@value #UNIT_SHIFT} ns, rounded up,
 * saturating at about 36 minutes. A list keeps one entry per window (the window's low 32 bits and the figure packed
 * in a {@code long}), ascending; entries of evicted windows are trimmed when the list fills. Not thread-safe; the
 * store guards it.
 */
final class NameDurations {

    static final int WINDOW_SHIFT = 8;
    static final int WINDOW_SIZE = 1 << WINDOW_SHIFT;
    static final int UNIT_SHIFT = 10;

    private static final long[] EMPTY = new long[0];
    private static final long FIGURE_BITS = 0xFFFF_FFFFL;

    /** Per name number, entries {@code (window << 32) | figure}, from {@code heads[id]}, {@code sizes[id]} long. */
    private long[][] lists = new long[64][];
    private int[] heads = new int[64];
    private int[] sizes = new int[64];

    /** Notes the span {@code sequence}, named {@code nameId}; {@code oldest} is the oldest live sequence. */
    void add(long sequence, int nameId, long durationNanos, long oldest) {
        if (nameId >= lists.length) {
            int length = Math.max(nameId + 1, lists.length * 2);
            lists = Arrays.copyOf(lists, length);
            heads = Arrays.copyOf(heads, length);
            sizes = Arrays.copyOf(sizes, length);
        }
        int window = (int) (sequence >> WINDOW_SHIFT);
        long figure = figure(durationNanos);
        int oldestWindow = (int) (oldest >> WINDOW_SHIFT);
        long[] list = lists[nameId];
        int size = sizes[nameId];
        if (size > 0) {
            int last = heads[nameId] + size - 1;
            long entry = list[last];
            int lastWindow = (int) (entry >>> 32);
            if (lastWindow == window) {
                if (figure > (entry & FIGURE_BITS)) {
                    list[last] = (entry & ~FIGURE_BITS) | figure;
                }
                return;
            }
            if (lastWindow - oldestWindow < 0) {
                // every entry is of evicted windows: a number freed and now reused, or a name back after a gap
                heads[nameId] = 0;
                sizes[nameId] = 0;
            }
        }
        if (list == null || heads[nameId] + sizes[nameId] == list.length) {
            list = room(nameId, oldestWindow);
        }
        list[heads[nameId] + sizes[nameId]++] = ((long) window << 32) | figure;
    }

    /** @return the list of {@code nameId} with room for one more entry at its tail */
    private long[] room(int nameId, int oldestWindow) {
        long[] list = lists[nameId] == null ? EMPTY : lists[nameId];
        int head = heads[nameId];
        int size = sizes[nameId];
        while (size > 0 && (int) (list[head] >>> 32) - oldestWindow < 0) {
            head++;
            size--;
        }
        // a list that slides keeps its length (compacted in place), one that fills grows, a mostly empty one shrinks
        long[] target;
        if (size >= list.length / 2) {
            target = new long[Math.max(4, list.length + (list.length >> 1))];
        } else if (list.length > 16 && size < list.length / 8) {
            target = new long[Math.max(4, size * 2)];
        } else {
            target = list;
        }
        System.arraycopy(list, head, target, 0, size);
        lists[nameId] = target;
        heads[nameId] = 0;
        sizes[nameId] = size;
        return target;
    }

    /** @return the figure kept for a duration: its units, rounded up, saturating */
    static long figure(long durationNanos) {
        long units = (Math.max(0, durationNanos) + (1L << UNIT_SHIFT) - 1) >>> UNIT_SHIFT;
        return Math.min(units, Integer.MAX_VALUE);
    }

    /** @return whether a span whose duration has this figure may last at least {@code minNanos} */
    static boolean mayLast(long figure, long minNanos) {
        return figure == Integer.MAX_VALUE || figure << UNIT_SHIFT >= minNanos;
    }

    /**
     * The entry of {@code nameId} for {@code window}, searching from {@code from} (an index earlier calls in this
     * lock hold returned for an earlier window, or -1).
     *
     * @return the index of the first entry whose window is not before {@code window}, or {@link #size} when none
     *     is
     */
    int seek(int nameId, long window, long oldest, int from) {
        int size = size(nameId);
        if (size == 0) {
            return 0;
        }
        long[] list = lists[nameId];
        int head = heads[nameId];
        int base = (int) (oldest >> WINDOW_SHIFT);
        int target = (int) window - base;
        if (from >= 0) {
            int at = from;
            while (at < size && (int) (list[head + at] >>> 32) - base < target) {
                at++;
            }
            return at;
        }
        int low = 0;
        int high = size;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if ((int) (list[head + mid] >>> 32) - base < target) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** @return the number of entries of {@code nameId}, counting not yet trimmed ones */
    int size(int nameId) {
        return nameId < sizes.length ? sizes[nameId] : 0;
    }

    /** @return whether entry {@code index} of {@code nameId} is for {@code window} */
    boolean isFor(int nameId, int index, long window) {
        return (int) (lists[nameId][heads[nameId] + index] >>> 32) == (int) window;
    }

    /** @return the figure of entry {@code index} of {@code nameId} */
    long figureAt(int nameId, int index) {
        return lists[nameId][heads[nameId] + index] & FIGURE_BITS;
    }
}
