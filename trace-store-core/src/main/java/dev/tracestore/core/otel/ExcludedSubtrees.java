package dev.tracestore.core.otel;

import dev.tracestore.core.model.HexIds;
import dev.tracestore.core.model.StoredSpan;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Leaves out the spans inside an excluded span too. They end before it and often carry nothing that tells (Spring
 * Security's spans inside an excluded {@code /actuator} request have no path, and Micrometer names the server span
 * and sets its attributes only when it ends), so a span whose parent is a span of this process waits here until
 * its ancestors are decided: an ancestor that is excluded leaves out its whole subtree, a local root (a span
 * without a local parent) that is not lets its subtree through. A span that ends after its parent follows the
 * parent's verdict while it is remembered (at least the last {@value #MAX_DECIDED} verdicts).
 *
 * <p>Bounded: a span waits at most {@link #MAX_HOLD_NANOS} (30 s) and at most {@value #MAX_HELD} wait; beyond that
 * the oldest is let through with its siblings, undecided, and counted ({@link #releasedUndecidedCount()}). Used by
 * the ingest worker only: not thread-safe.
 */
final class ExcludedSubtrees {

    static final long MAX_HOLD_NANOS = TimeUnit.SECONDS.toNanos(30);
    static final int MAX_HELD = 16_384;
    static final int MAX_DECIDED = 4_096;

    private static final Comparator<StoredSpan> BY_END = Comparator.comparingLong(StoredSpan::endEpochNanos);

    /** A span waiting for its parent's verdict; {@code span} is null when it could not be converted. */
    private static final class Held {
        final String spanId;
        /** {@link #spanId} parsed once: its verdict is remembered by number when it is decided. */
        final long id;
        final String parentId;
        final long heldAt;
        StoredSpan span;
        boolean done;

        Held(String spanId, long id, String parentId, long heldAt, StoredSpan span) {
            this.spanId = spanId;
            this.id = id;
            this.parentId = parentId;
            this.heldAt = heldAt;
            this.span = span;
        }
    }

    /** The spans waiting for each undecided parent, by the parent's span ID. */
    private final Map<String, List<Held>> waitingOn = new HashMap<>();
    /** Every span held, oldest first; those already decided are skipped, and dropped once at the head. */
    private final ArrayDeque<Held> arrival = new ArrayDeque<>();
    /** Spans held and not yet decided: {@link #arrival} also counts decided ones behind an undecided head. */
    private int undecided;
    /** Recent verdicts, {@code true} for excluded, for spans that end after their parent. */
    private final SpanVerdicts decided = new SpanVerdicts(MAX_DECIDED);
    // written by the worker only, read by health
    private volatile long excluded;
    private volatile long releasedUndecided;

    /**
     * Takes an ended span: hands it (and the held spans its verdict decides) to {@code sink} once decided and not
     * excluded, holds it while undecided.
     *
     * @param spanId the span's ID
     * @param localParentId its parent's span ID when the parent is a span of this process, else {@code null}
     * @param isExcluded whether the span itself matches the exclusions
     * @param span its stored form; {@code null} when excluded or it could not be converted
     * @param now {@link System#nanoTime()}
     */
    void accept(String spanId, String localParentId, boolean isExcluded, StoredSpan span, long now,
            Consumer<StoredSpan> sink) {
        boolean verdict = isExcluded;
        long id = HexIds.parseLong(spanId, 0);
        if (!verdict && localParentId != null) {
            Boolean parentExcluded = decided.get(HexIds.parseLong(localParentId, 0));
            if (parentExcluded == null) {
                hold(new Held(spanId, id, localParentId, now, span));
                releaseOverdue(now, sink);
                return;
            }
            verdict = parentExcluded;
        }
        decide(spanId, id, verdict, span, sink);
    }

    private void hold(Held held) {
        waitingOn.computeIfAbsent(held.parentId, parent -> new ArrayList<>(2)).add(held);
        arrival.addLast(held);
        undecided++;
        if (arrival.size() > 2 * MAX_HELD) {
            // decided spans behind one that waits long: drop them now (amortized: at most every MAX_HELD holds)
            arrival.removeIf(waiting -> waiting.done);
        }
    }

    /**
     * Gives the span and every span waiting below it the verdict. The spans let through go in the order they ended,
     * as they would have without waiting: a query that finds a request's server span finds the spans inside it.
     */
    private void decide(String spanId, long id, boolean verdict, StoredSpan span, Consumer<StoredSpan> sink) {
        decided.put(id, verdict);
        List<Held> children = waitingOn.remove(spanId);
        if (children == null) {
            emit(verdict, span, sink);
            return;
        }
        List<StoredSpan> subtree = new ArrayList<>();
        if (span != null) {
            subtree.add(span);
        }
        int count = 1;
        ArrayDeque<List<Held>> levels = new ArrayDeque<>();
        levels.push(children);
        while (!levels.isEmpty()) {
            for (Held child : levels.pop()) {
                if (child.done) {
                    continue;
                }
                count++;
                decided.put(child.id, verdict);
                StoredSpan childSpan = takeSpan(child);
                if (childSpan != null) {
                    subtree.add(childSpan);
                }
                List<Held> below = waitingOn.remove(child.spanId);
                if (below != null) {
                    levels.push(below);
                }
            }
        }
        if (verdict) {
            excluded += count;
        } else {
            subtree.sort(BY_END);
            subtree.forEach(sink);
        }
    }

    private void emit(boolean verdict, StoredSpan span, Consumer<StoredSpan> sink) {
        if (verdict) {
            excluded++;
        } else if (span != null) {
            sink.accept(span);
        }
    }

    /** Lets through, undecided, the spans that waited too long, and the oldest beyond {@link #MAX_HELD}. */
    void releaseOverdue(long now, Consumer<StoredSpan> sink) {
        Held oldest;
        while ((oldest = arrival.peekFirst()) != null) {
            if (oldest.done) {
                arrival.pollFirst();
                continue;
            }
            if (undecided <= MAX_HELD && now - oldest.heldAt < MAX_HOLD_NANOS) {
                return;
            }
            // Its parent ends too late, or never (a long job, a parent that is not recorded): its siblings with it.
            List<Held> siblings = waitingOn.remove(oldest.parentId);
            if (siblings == null) {
                siblings = List.of(oldest); // left behind by a decision an Error cut short
            }
            for (Held sibling : siblings) {
                if (!sibling.done) {
                    releasedUndecided++;
                    decide(sibling.spanId, sibling.id, false, takeSpan(sibling), sink);
                }
            }
        }
    }

    private StoredSpan takeSpan(Held held) {
        held.done = true;
        undecided--;
        StoredSpan span = held.span;
        held.span = null;
        return span;
    }

    /** Lets every held span through, undecided: at shutdown. */
    void releaseAll(Consumer<StoredSpan> sink) {
        Held held;
        while ((held = arrival.pollFirst()) != null) {
            if (!held.done) {
                releasedUndecided++;
                StoredSpan span = takeSpan(held);
                if (span != null) {
                    sink.accept(span);
                }
            }
        }
        waitingOn.clear();
    }

    /** @return nanoseconds until the oldest held span is due for release, {@link Long#MAX_VALUE} when none is held */
    long nanosToNextRelease(long now) {
        Held oldest;
        while ((oldest = arrival.peekFirst()) != null && oldest.done) {
            arrival.pollFirst();
        }
        return oldest == null ? Long.MAX_VALUE : Math.max(0, oldest.heldAt + MAX_HOLD_NANOS - now);
    }

    /** @return spans left out: excluded themselves, or inside an excluded span */
    long excludedCount() {
        return excluded;
    }

    /** @return held spans let through before their ancestors were decided (waited too long, too many, shutdown) */
    long releasedUndecidedCount() {
        return releasedUndecided;
    }
}
