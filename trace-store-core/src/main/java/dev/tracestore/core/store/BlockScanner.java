package dev.tracestore.core.store;

import dev.tracestore.core.query.RegexBudget;

import java.util.Arrays;
import java.util.concurrent.locks.Lock;
import java.util.function.IntConsumer;

/**
 * Reads the blocks of a {@link QueryPlan} in short steps. A step holds the read lock for at most
 * {@value #COLUMN_STEP_SPANS} candidates when matching and the sink read only columns, {@value #STEP_SPANS} when
 * they may unpack spans, and then for about {@value #HOLD_NANOS} ns at most,
 * then lets the lock go: the ingest worker waiting to add a span waits one short step, never a whole query (a
 * regular expression over long values can take seconds). The query's budget is checked between steps.
 */
final class BlockScanner {

    /** The most candidates one lock hold reads when matching may unpack spans. */
    static final int STEP_SPANS = 64;

    /**
     * The most candidates one lock hold reads when matching reads only columns (a few nanoseconds each, so still a
     * few microseconds a hold): fewer lock round trips for a scan through many spans.
     */
    static final int COLUMN_STEP_SPANS = 512;

    /** How long one lock hold may read spans it has to unpack, checked every {@value #CLOCK_EVERY} of them. */
    static final long HOLD_NANOS = 200_000;

    private static final int CLOCK_EVERY = 4;

    private final Lock readLock;
    private final SpanRing ring;
    private final QueryPlan plan;
    private final QueryBudget budget;
    private final int stepSpans;
    private long stepStart;

    /** @param columnsOnly whether the sink reads only columns too (it unpacks nothing) */
    BlockScanner(Lock readLock, SpanRing ring, QueryPlan plan, QueryBudget budget, boolean columnsOnly) {
        this.readLock = readLock;
        this.ring = ring;
        this.plan = plan;
        this.budget = budget;
        this.stepSpans = columnsOnly && !plan.unpacks() ? COLUMN_STEP_SPANS : STEP_SPANS;
    }

    /**
     * Hands every live span of the block that matches to {@code sink}, which runs under the read lock.
     *
     * @return {@code false} when the query's budget ran out before the block was read
     */
    boolean scan(QueryPlan.Block block, IntConsumer sink) {
        long next = TimeBlocks.firstSequence(block.id());
        long blockEnd = next + TimeBlocks.BLOCK_SIZE;
        while (next < blockEnd) {
            if (budget.spent()) {
                return false;
            }
            readLock.lock();
            try {
                next = step(next, blockEnd, sink);
            } catch (RegexBudget.Spent spent) {
                budget.regexSpent();
                return false;
            } finally {
                readLock.unlock();
            }
        }
        return true;
    }

    /** One lock hold from sequence {@code next}. @return the sequence to go on from, {@code blockEnd} when done */
    private long step(long next, long blockEnd, IntConsumer sink) {
        if (!plan.refresh(ring)) {
            return blockEnd;
        }
        stepStart = System.nanoTime();
        long oldest = ring.oldestSequence();
        long from = Math.max(next, oldest);
        // spans added since the plan may be read too; a block still filling is read up to its newest span
        long to = Math.min(blockEnd, ring.nextSequence());
        int read = 0;
        if (plan.traceSequences != null) {
            long[] sequences = plan.traceSequences;
            int at = Arrays.binarySearch(sequences, from);
            for (int i = at >= 0 ? at : -at - 1; i < sequences.length && sequences[i] < to; i++) {
                offerIfMatching(ring.slotOf(sequences[i]), sink);
                if (stepFull(++read)) {
                    return sequences[i] + 1;
                }
            }
        } else if (plan.postings != null) {
            IntPostings postings = plan.postings;
            for (int i = postings.lowerBound(from, oldest); i < postings.size(); i++) {
                long sequence = postings.get(i, oldest);
                if (sequence >= to) {
                    break;
                }
                if (!plan.windowMayMatch(sequence)) {
                    continue; // the entry costs a comparison; the span's columns are not read
                }
                offerIfMatching(ring.slotOf(sequence), sink);
                if (stepFull(++read)) {
                    return sequence + 1;
                }
            }
        } else {
            int slot = ring.slotOf(from);
            for (long sequence = from; sequence < to; sequence++) {
                if (!plan.windowMayMatch(sequence)) {
                    sequence = Math.min(to, NameDurationSkip.windowEnd(sequence)) - 1;
                    slot = ring.slotOf(sequence + 1);
                    continue;
                }
                offerIfMatching(slot, sink);
                if (stepFull(++read)) {
                    return sequence + 1;
                }
                // the next slot without a division per span
                slot = slot + 1 == ring.capacity ? 0 : slot + 1;
            }
        }
        return blockEnd;
    }

    private void offerIfMatching(int slot, IntConsumer sink) {
        if (plan.matches(ring, slot, budget.regex())) {
            sink.accept(slot);
        }
    }

    private boolean stepFull(int read) {
        return read >= stepSpans
                || (plan.unpacks() && read % CLOCK_EVERY == 0 && System.nanoTime() - stepStart > HOLD_NANOS);
    }
}
