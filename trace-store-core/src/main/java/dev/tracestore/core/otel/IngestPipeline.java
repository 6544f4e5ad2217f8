package dev.tracestore.core.otel;

import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadableSpan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The way from {@code onEnd} to the store and the files: a bounded, lock-free queue and one worker thread.
 *
 * <p>{@link #offer} is all the application thread does: it takes a slot, puts the span on the queue, and wakes the
 * worker only when it sleeps with nothing to do or a batch is ready; it never waits, and when the queue is full (or
 * the pipeline has stopped) it drops the span and counts it. Once woken by a first span, the worker lingers for
 * the ingest delay so that one wake-up carries many spans (the SDK's {@code BatchSpanProcessor} wakes its worker
 * the same way), then converts and stores them and hands lines to the {@link SpanLogWriter}.
 *
 * <p>Flush requests ({@link #flush}, to the files) and ingest requests ({@link #awaitIngest}, to the store) are
 * answered once every span queued before them is through (and the reload, if one runs). While a {@link SpanReloader}
 * runs, the worker holds the new spans back and stores them after the reloaded (older) ones, so that eviction stays
 * oldest first.
 *
 * <p>An interrupt (or any error) stops the worker as {@link #shutdown} does: what is queued is still stored and
 * handed to the writer, every request is answered, later spans are dropped and counted, and {@link #failure} says
 * why. Nothing ever waits on a stopped worker.
 */
final class IngestPipeline {

    private static final Logger logger = LoggerFactory.getLogger(IngestPipeline.class);

    private record Request(CompletableResultCode result, boolean toFiles) {
    }

    private record Waiting(Request request, long drainedTarget) {
    }

    private final SpanCapture capture;
    private final SpanLogWriter writer;
    private final SpanReloader reloader;
    private final int capacity;
    private final int maxBatchSize;
    private final long ingestDelayNanos;
    private final long flushIntervalNanos;
    private final Thread thread;

    private final Queue<ReadableSpan> queue = new ConcurrentLinkedQueue<>();
    /** Slots taken: spans queued, or about to be by an {@link #offer} in progress. */
    private final AtomicInteger queued = new AtomicInteger();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder evictedWhileHeld = new LongAdder();
    private final Queue<Request> requests = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean idle = new AtomicBoolean();
    private final CompletableResultCode terminated = new CompletableResultCode();
    /** No span is accepted any more. */
    private volatile boolean closed;
    /** No request is taken any more: they are answered by {@link #terminated}. */
    private volatile boolean finished;
    private volatile boolean stopRequested;
    /** New spans are held back until the reload is through. */
    private volatile boolean holding;
    private volatile String failure;

    // The worker's own state.
    private final List<Waiting> waiting = new ArrayList<>();
    private final ArrayDeque<StoredSpan> held = new ArrayDeque<>();
    private List<StoredSpan> unwritten;
    private long drained;
    /** When the writer next hands its buffer to the OS, also retrying a failed file and applying retention. */
    private long nextFlush;

    IngestPipeline(SpanCapture capture, SpanLogWriter writer, SpanReloader reloader, int capacity, int maxBatchSize,
            long ingestDelayNanos, long flushIntervalNanos) {
        this.capture = capture;
        this.writer = writer;
        this.reloader = reloader;
        this.capacity = capacity;
        this.maxBatchSize = maxBatchSize;
        this.ingestDelayNanos = ingestDelayNanos;
        this.flushIntervalNanos = flushIntervalNanos;
        this.holding = reloader != null;
        this.unwritten = new ArrayList<>(maxBatchSize);
        this.thread = new Thread(this::run, "trace-store-ingest");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /**
     * Queues an ended span without waiting; drops and counts it when the queue is full or the pipeline stopped, or
     * when an Error cuts the queuing short (the Error is thrown on).
     */
    void offer(ReadableSpan span) {
        int slots = queued.incrementAndGet();
        if (slots > capacity || closed) {
            queued.decrementAndGet();
            dropped.increment();
            return;
        }
        boolean inQueue = false;
        try {
            queue.offer(span);
            inQueue = true;
        } finally {
            if (!inQueue) {
                // An Error (a StackOverflowError of a deep application stack, an OutOfMemoryError) between taking
                // the slot and queuing: give the slot back, or the last drain would wait for this span for ever.
                queued.decrementAndGet();
                dropped.increment();
            }
        }
        if (slots == maxBatchSize || idle.get() && idle.compareAndSet(true, false)) {
            LockSupport.unpark(thread);
        }
    }

    /** Wakes the worker, for a request or the end of the reload. */
    void wake() {
        LockSupport.unpark(thread);
    }

    /** @return completes once the spans queued before are stored and handed to the OS; fails if one was not written */
    CompletableResultCode flush() {
        return request(true);
    }

    /**
     * Waits, at most {@code maxWait}, until every span queued before this call is stored; while a reload runs,
     * the new spans are held back until it is through, and this returns at once.
     *
     * @return {@code true} when they are stored
     */
    boolean awaitIngest(long maxWait, TimeUnit unit) {
        return !holding && request(false).join(maxWait, unit).isSuccess();
    }

    private CompletableResultCode request(boolean toFiles) {
        if (finished) {
            return terminated;
        }
        Request request = new Request(new CompletableResultCode(), toFiles);
        requests.add(request);
        wake();
        // The worker takes every request added before it finished; one added later is answered by the end.
        return finished ? terminated : request.result();
    }

    /** @return completes once the worker stopped and the files are closed; fails if a span was not written */
    CompletableResultCode shutdown() {
        stopRequested = true;
        wake();
        return terminated;
    }

    private void run() {
        nextFlush = System.nanoTime() + flushIntervalNanos;
        try {
            while (!stopRequested) {
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                takeRequests();
                if (waiting.isEmpty() && !queue.isEmpty()) {
                    // also when spans arrived before the worker first went idle: a drain carries a batch
                    linger();
                }
                boolean emptied = drain();
                if (holding && reloader.isDone()) {
                    releaseHeld();
                }
                answerRequests(emptied);
                flushIfDue();
                if (emptied && requests.isEmpty()) {
                    sleep();
                }
            }
        } catch (InterruptedException e) {
            stopWith("The trace-store ingest thread was interrupted");
        } catch (Throwable e) {
            stopWith("The trace-store ingest thread stopped: " + e);
        } finally {
            finish();
        }
    }

    private void stopWith(String reason) {
        failure = reason + "; spans ended from now on are dropped and counted";
        logger.error("{}", failure);
    }

    private void takeRequests() {
        Request request;
        while ((request = requests.poll()) != null) {
            // every span queued before the request holds a slot now
            waiting.add(new Waiting(request, drained + queued.get()));
        }
    }

    /** @return {@code true} when the queue was found empty */
    private boolean drain() {
        for (int i = 0; i < maxBatchSize; i++) {
            ReadableSpan span = queue.poll();
            if (span == null) {
                return true;
            }
            queued.decrementAndGet();
            drained++;
            try {
                ingest(span);
            } catch (Throwable e) {
                dropped.increment(); // the worker stops on it (an Error: any other failure is counted as rejected)
                throw e;
            }
        }
        return false;
    }

    private void ingest(ReadableSpan span) {
        StoredSpan stored = capture.convert(span);
        if (stored == null) {
            return;
        }
        if (holding) {
            hold(stored);
        } else {
            capture.store(stored);
        }
        if (writer != null) {
            unwritten.add(stored);
            if (unwritten.size() >= maxBatchSize) {
                handOverUnwritten();
            }
        }
    }

    private void hold(StoredSpan span) {
        reloader.skipWhenRead(span);
        held.addLast(span);
        if (held.size() > capture.store().capacity()) {
            held.removeFirst(); // the store would evict it anyway; it is in the files
            evictedWhileHeld.increment();
        }
    }

    private void releaseHeld() {
        StoredSpan span;
        while ((span = held.pollFirst()) != null) {
            try {
                capture.store(span);
            } catch (Throwable e) {
                dropped.increment(); // as in drain: the worker stops on it
                throw e;
            }
        }
        holding = false;
        reloader.forgetSkips();
    }

    private void handOverUnwritten() {
        if (!unwritten.isEmpty()) {
            writer.submit(new SpanLogWriter.Task.Append(unwritten));
            unwritten = new ArrayList<>(maxBatchSize);
        }
    }

    private void answerRequests(boolean emptied) {
        if (waiting.isEmpty() || holding) {
            return; // while the reload runs, the spans are not in the store yet
        }
        List<CompletableResultCode> toFiles = new ArrayList<>();
        waiting.removeIf(entry -> {
            if (!emptied && entry.drainedTarget() > drained) {
                return false;
            }
            if (entry.request().toFiles()) {
                toFiles.add(entry.request().result());
            } else {
                entry.request().result().succeed();
            }
            return true;
        });
        if (!toFiles.isEmpty()) {
            flushFiles(toFiles);
        }
    }

    private void flushIfDue() {
        if (writer != null && System.nanoTime() - nextFlush >= 0) {
            flushFiles(List.of());
        }
    }

    private void flushFiles(List<CompletableResultCode> answers) {
        if (writer == null) {
            answers.forEach(CompletableResultCode::succeed);
            return;
        }
        handOverUnwritten();
        writer.submit(new SpanLogWriter.Task.Flush(answers));
        nextFlush = System.nanoTime() + flushIntervalNanos;
    }

    private void sleep() throws InterruptedException {
        idle.set(true);
        try {
            // re-check after announcing idleness: offer queues first, then reads idle
            if (!queue.isEmpty() || !requests.isEmpty() || stopRequested || holding && reloader.isDone()) {
                return;
            }
            if (writer == null) {
                LockSupport.park(this);
            } else {
                LockSupport.parkNanos(this, nextFlush - System.nanoTime());
            }
        } finally {
            idle.set(false);
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
    }

    /** Lets more spans arrive before a drain, unless a batch is ready, a request waits or the pipeline stops. */
    private void linger() throws InterruptedException {
        long deadline = System.nanoTime() + ingestDelayNanos;
        long left;
        while (queued.get() < maxBatchSize && requests.isEmpty() && !stopRequested
                && (left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(this, left);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    /** Stores what is queued, answers every request, closes the files; later spans are dropped and counted. */
    private void finish() {
        Thread.interrupted(); // the interrupt was answered by stopping; the last steps must not be cut short
        closed = true;
        // An offer that took a slot before closed was set puts its span on the queue: wait for it.
        while (queued.get() > 0) {
            ReadableSpan span = queue.poll();
            if (span == null) {
                Thread.yield(); // let the offering thread, which may share the core, finish its offer
                continue;
            }
            queued.decrementAndGet();
            drained++;
            try {
                ingest(span);
            } catch (Throwable e) {
                dropped.increment(); // the worker is failing: count it, finish the rest
            }
        }
        if (reloader != null) {
            reloader.cancel();
        }
        while (holding) {
            try {
                releaseHeld();
            } catch (Throwable e) {
                // counted by releaseHeld; store the rest
            }
        }
        finished = true;
        takeRequests();
        List<CompletableResultCode> answers = new ArrayList<>();
        waiting.forEach(entry -> answers.add(entry.request().result()));
        waiting.clear();
        answers.add(terminated);
        if (writer == null) {
            answers.forEach(CompletableResultCode::succeed);
        } else {
            handOverUnwritten();
            writer.submit(new SpanLogWriter.Task.Close(answers));
        }
    }

    long droppedCount() {
        return dropped.sum();
    }

    /** @return held-back spans pushed out by newer ones before the reload was through: in the files, not stored */
    long evictedWhileHeldCount() {
        return evictedWhileHeld.sum();
    }

    boolean isHoldingForReload() {
        return holding;
    }

    /** @return why the worker stopped before a shutdown, or {@code null} */
    String failure() {
        return failure;
    }

    boolean isTerminated() {
        return terminated.isDone();
    }
}
