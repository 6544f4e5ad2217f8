package dev.tracestore.core.otel;

import dev.tracestore.core.model.StoredSpan;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.LongAdder;

/**
 * While a {@link SpanReloader} runs, the spans that end meanwhile are held back here and stored after the reloaded
 * (older) ones, so that eviction stays oldest first. At most the store's capacity is held: an older held span beyond
 * it is let go, as the store would evict it (it is in the files), and counted. Used by the ingest worker; whether it
 * holds is read by any thread.
 */
final class HeldForReload {

    private final SpanReloader reloader;
    private final SpanCapture capture;
    private final LongAdder dropped;
    private final ArrayDeque<StoredSpan> held = new ArrayDeque<>();
    private final LongAdder evicted = new LongAdder();
    private volatile boolean holding;

    /**
     * @param reloader the reload to wait for; {@code null}: nothing is held
     * @param dropped counts a span whose storing stops the worker with an Error
     */
    HeldForReload(SpanReloader reloader, SpanCapture capture, LongAdder dropped) {
        this.reloader = reloader;
        this.capture = capture;
        this.dropped = dropped;
        this.holding = reloader != null;
    }

    /** @return {@code true} while new spans are held back: the reload is not through */
    boolean isHolding() {
        return holding;
    }

    /** @return {@code true} when the reload is through and the held spans wait to be stored */
    boolean isReleaseDue() {
        return holding && reloader.isDone();
    }

    void hold(StoredSpan span) {
        reloader.skipWhenRead(span);
        held.addLast(span);
        if (held.size() > capture.store().capacity()) {
            held.removeFirst(); // the store would evict it anyway; it is in the files
            evicted.increment();
        }
    }

    /** Stores the held spans, oldest first, and stops holding; an Error from the store is counted and thrown on. */
    void release() {
        StoredSpan span;
        while ((span = held.pollFirst()) != null) {
            try {
                capture.store(span);
            } catch (Throwable e) {
                dropped.increment(); // as in the worker's drain: the worker stops on it
                throw e;
            }
        }
        holding = false;
        reloader.forgetSkips();
    }

    /** At shutdown: stops the reload and stores what is held, counting what an Error cuts short. */
    void cancelAndRelease() {
        if (reloader != null) {
            reloader.cancel();
        }
        while (holding) {
            try {
                release();
            } catch (Throwable e) {
                // counted by release; store the rest
            }
        }
    }

    /** @return held spans pushed out by newer ones before the reload was through: in the files, not stored */
    long evictedCount() {
        return evicted.sum();
    }
}
