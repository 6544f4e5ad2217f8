package dev.tracestore.core.store;

import java.util.concurrent.locks.Lock;

/**
 * Reads the live spans that start in a time window, in short lock holds, for listings that no counter answers:
 * blocks whose start bounds miss the window are skipped; each hold reads at most {@code spansPerHold} spans and
 * ends with {@link Visitor#endHold}, where the visitor turns numbers that eviction may reuse into names. The
 * query's budget is checked between holds.
 */
final class WindowScan {

    /** What a scan hands each span to, under the read lock. */
    interface Visitor {
        void visit(int slot);

        /** Called at the end of every hold, still under the read lock. */
        default void endHold() {
        }
    }

    /** A window in epoch nanoseconds: {@code from <= start < toExclusive}. */
    record Range(long from, long toExclusive) {

        static final Range ALL = new Range(Long.MIN_VALUE, Long.MAX_VALUE);

        boolean all() {
            return from == Long.MIN_VALUE && toExclusive == Long.MAX_VALUE;
        }

        boolean contains(long start) {
            return start >= from && start < toExclusive;
        }
    }

    private final Lock readLock;
    private final SpanRing ring;

    WindowScan(Lock readLock, SpanRing ring) {
        this.readLock = readLock;
        this.ring = ring;
    }

    /**
     * Visits the spans of the window, newest block first, until {@code maxSpans} were visited or the budget ran out.
     *
     * @return {@code null} when every span of the window was visited, otherwise why not
     */
    String scan(Range range, int spansPerHold, long maxSpans, QueryBudget budget, Visitor visitor) {
        long visited = 0;
        long next;
        readLock.lock();
        try {
            next = ring.nextSequence();
        } finally {
            readLock.unlock();
        }
        while (true) {
            if (budget.spent()) {
                return budget.spentReason();
            }
            readLock.lock();
            try {
                long oldest = ring.oldestSequence();
                if (next <= oldest) {
                    return null;
                }
                long blockStart = Math.max(oldest, TimeBlocks.firstSequence(TimeBlocks.blockOf(next - 1)));
                long block = TimeBlocks.blockOf(blockStart);
                if (ring.blocks.maxStart(block) < range.from() || ring.blocks.minStart(block) >= range.toExclusive()) {
                    next = blockStart;
                    continue;
                }
                long from = Math.max(blockStart, next - spansPerHold);
                for (long sequence = next - 1; sequence >= from; sequence--) {
                    int slot = ring.slotOf(sequence);
                    if (range.contains(ring.columns.start[slot])) {
                        if (visited == maxSpans) {
                            visitor.endHold();
                            return "counted over the newest " + maxSpans + " spans of the window";
                        }
                        visitor.visit(slot);
                        visited++;
                    }
                }
                visitor.endHold();
                next = from;
            } finally {
                readLock.unlock();
            }
        }
    }
}
