package dev.tracestore.core.otel;

import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadableSpan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The way from {@code onEnd} to the store and the files: a bounded, lock-free queue and one worker thread, which
 * converts; a {@link StoreWorker} stores and a {@link SpanLogWriter} writes, each on a thread of its own, so that
 * indexing, converting and encoding share the cores.
 *
 * <p>{@link #offer} is all the application thread does: it takes a slot, puts the span on the queue, and wakes the
 * worker only when it sleeps with nothing to do or a batch is ready; it never waits, and when the queue is full (or
 * the pipeline has stopped) it drops the span and counts it. Once woken by a first span, the worker lingers for
 * the ingest delay so that one wake-up carries many spans (the SDK's {@code BatchSpanProcessor} wakes its worker
 * the same way), then converts them and hands them in batches to the store thread and the writer.
 *
 * <p>Flush requests ({@link #flush}, to the store and the files) and ingest requests ({@link #awaitIngest}, to the
 * store) are answered once every span queued before them is through (and the reload, if one runs). While a
 * {@link SpanReloader} runs, the worker holds the new spans back and stores them after the reloaded (older) ones, so
 * that eviction stays oldest first.
 *
 * <p>An interrupt (or any error) stops the worker as {@link #shutdown} does: what is queued is still stored and
 * handed to the writer, every request is answered, later spans are dropped and counted, and {@link #failure} says
 * why. Nothing ever waits on a stopped worker.
 */
final class IngestPipeline {

    private static final Logger logger = LoggerFactory.getLogger(IngestPipeline.class);
    /** How long shutdown waits for an offer that took a slot to queue its span: far beyond a descheduled thread. */
    private static final long IN_FLIGHT_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);

    private record Request(CompletableResultCode result, boolean toFiles) {
    }

    private record Waiting(Request request, long drainedTarget) {
    }

    private final SpanCapture capture;
    private final SpanLogWriter writer;
    /**
     * {@code null} on a single CPU: a thread of its own would only add a hand-over and a context switch per batch
     * (measured: about a third more CPU per span for the ingest side with HTTP-shaped spans on one CPU), with no second core
     * to overlap on; the ingest thread then stores as it converts.
     */
    private final StoreWorker storing;
    private final int capacity;
    private final int maxBatchSize;
    private final long ingestDelayNanos;
    private final long flushIntervalNanos;
    private final Thread thread;

    private final Queue<ReadableSpan> queue = new ConcurrentLinkedQueue<>();
    /** Slots taken: spans queued, or about to be by an {@link #offer} in progress. */
    private final AtomicInteger queued = new AtomicInteger();
    private final LongAdder dropped = new LongAdder();
    private final Queue<Request> requests = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean idle = new AtomicBoolean();
    private final CompletableResultCode terminated = new CompletableResultCode();
    /** No span is accepted any more. */
    private volatile boolean closed;
    /** No request is taken any more: they are answered by {@link #terminated}. */
    private volatile boolean finished;
    private volatile boolean stopRequested;
    private volatile String failure;

    // The worker's own state.
    private final List<Waiting> waiting = new ArrayList<>();
    private final HeldForReload held;
    private List<StoredSpan> unwritten;
    private List<StoredSpan> unstored;
    private final Consumer<StoredSpan> accepted = this::accept;
    private long drained;
    /** When the writer next hands its buffer to the OS, also retrying a failed file and applying retention. */
    private long nextFlush;

    IngestPipeline(SpanCapture capture, SpanLogWriter writer, SpanReloader reloader, int capacity, int maxBatchSize,
            long ingestDelayNanos, long flushIntervalNanos, boolean storeThread) {
        this.capture = capture;
        this.writer = writer;
        this.capacity = capacity;
        this.maxBatchSize = maxBatchSize;
        this.ingestDelayNanos = ingestDelayNanos;
        this.flushIntervalNanos = flushIntervalNanos;
        this.held = new HeldForReload(reloader, capture, dropped);
        this.unwritten = new ArrayList<>(maxBatchSize);
        this.unstored = new ArrayList<>(maxBatchSize);
        this.storing = storeThread ? new StoreWorker(capture) : null;
        this.thread = new Thread(this::run, "trace-store-ingest");
        thread.setDaemon(true);
    }

    void start() {
        if (storing != null) {
            storing.start();
        }
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
        return !held.isHolding() && request(false).join(maxWait, unit).isSuccess();
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
                capture.releaseOverdue(System.nanoTime(), accepted); // the spans that waited too long
                if (held.isReleaseDue()) {
                    held.release();
                }
                handOverUnstored();
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
        long now = System.nanoTime();
        for (int i = 0; i < maxBatchSize; i++) {
            ReadableSpan span = queue.poll();
            if (span == null) {
                return true;
            }
            queued.decrementAndGet();
            drained++;
            try {
                capture.capture(span, now, accepted);
            } catch (Throwable e) {
                dropped.increment(); // the worker stops on it (an Error: any other failure is counted as rejected)
                throw e;
            }
        }
        return false;
    }

    /** A span converted and not excluded: to the store (or held back while the reload runs) and the writer. */
    private void accept(StoredSpan stored) {
        if (held.isHolding()) {
            held.hold(stored);
        } else if (storing == null) {
            capture.store(stored);
        } else {
            unstored.add(stored);
            if (unstored.size() >= maxBatchSize) {
                handOverUnstored();
            }
        }
        if (writer != null) {
            unwritten.add(stored);
            if (unwritten.size() >= maxBatchSize) {
                handOverUnwritten();
            }
        }
    }

    private void handOverUnstored() {
        if (storing != null && !unstored.isEmpty()) {
            storing.store(unstored);
            unstored = new ArrayList<>(maxBatchSize);
        }
    }

    private void handOverUnwritten() {
        if (!unwritten.isEmpty()) {
            writer.submit(new SpanLogWriter.Task.Append(unwritten));
            unwritten = new ArrayList<>(maxBatchSize);
        }
    }

    private void answerRequests(boolean emptied) {
        if (waiting.isEmpty() || held.isHolding()) {
            return; // while the reload runs, the spans are not in the store yet
        }
        List<CompletableResultCode> ingested = new ArrayList<>();
        List<CompletableResultCode> toFiles = new ArrayList<>();
        waiting.removeIf(entry -> {
            if (!emptied && entry.drainedTarget() > drained) {
                return false;
            }
            (entry.request().toFiles() ? toFiles : ingested).add(entry.request().result());
            return true;
        });
        if (ingested.isEmpty() && toFiles.isEmpty()) {
            return;
        }
        if (writer != null && !toFiles.isEmpty()) {
            handOverUnwritten();
            nextFlush = System.nanoTime() + flushIntervalNanos;
        }
        // The writer gets the flush once the spans are stored too: a flushed span can be queried.
        afterStored(stored -> {
            ingested.forEach(stored ? CompletableResultCode::succeed : CompletableResultCode::fail);
            if (!toFiles.isEmpty()) {
                flushFiles(toFiles);
            }
        });
    }

    private void flushIfDue() {
        if (writer != null && System.nanoTime() - nextFlush >= 0) {
            handOverUnwritten();
            flushFiles(List.of());
            nextFlush = System.nanoTime() + flushIntervalNanos;
        }
    }

    /** Hands a flush to the writer, after the lines handed over before; on the ingest or the store thread. */
    private void flushFiles(List<CompletableResultCode> answers) {
        if (writer == null) {
            answers.forEach(CompletableResultCode::succeed);
        } else {
            writer.submit(new SpanLogWriter.Task.Flush(answers));
        }
    }

    private void sleep() throws InterruptedException {
        idle.set(true);
        try {
            // re-check after announcing idleness: offer queues first, then reads idle
            if (!queue.isEmpty() || !requests.isEmpty() || stopRequested || held.isReleaseDue()) {
                return;
            }
            long now = System.nanoTime();
            long wait = Math.min(writer == null ? Long.MAX_VALUE : nextFlush - now, capture.nanosToNextRelease(now));
            if (wait == Long.MAX_VALUE) {
                LockSupport.park(this);
            } else {
                LockSupport.parkNanos(this, wait);
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
        // An offer that took a slot before closed was set puts its span on the queue: wait for it, a while.
        long waitEnds = System.nanoTime() + IN_FLIGHT_WAIT_NANOS;
        while (queued.get() > 0) {
            ReadableSpan span = queue.poll();
            if (span == null) {
                if (System.nanoTime() - waitEnds > 0) {
                    // A slot no span will fill: an Error struck the offering thread where even giving the slot
                    // back failed (a StackOverflowError at the very end of its stack). Count it; never hang here.
                    dropped.add(queued.getAndSet(0));
                    break;
                }
                Thread.yield(); // let the offering thread, which may share the core, finish its offer
                continue;
            }
            queued.decrementAndGet();
            drained++;
            try {
                capture.capture(span, System.nanoTime(), accepted);
            } catch (Throwable e) {
                dropped.increment(); // the worker is failing: count it, finish the rest
            }
        }
        boolean released = false;
        while (!released) {
            try {
                capture.releaseHeld(accepted);
                released = true;
            } catch (Throwable e) {
                dropped.increment(); // the worker is failing: count it, release the rest
            }
        }
        held.cancelAndRelease();
        finished = true;
        takeRequests();
        List<CompletableResultCode> answers = new ArrayList<>();
        waiting.forEach(entry -> answers.add(entry.request().result()));
        waiting.clear();
        answers.add(terminated);
        if (writer != null) {
            handOverUnwritten();
        }
        handOverUnstored();
        StoreWorker.Then close = stored -> {
            if (writer == null) {
                answers.forEach(CompletableResultCode::succeed);
            } else {
                writer.submit(new SpanLogWriter.Task.Close(answers));
            }
        };
        if (storing == null) {
            close.run(true);
        } else {
            storing.stop(close);
        }
    }

    /** Runs {@code then} once the spans accepted before are stored: at once when this thread stores them itself. */
    private void afterStored(StoreWorker.Then then) {
        if (storing == null) {
            then.run(true);
        } else {
            storing.then(then);
        }
    }

    long droppedCount() {
        return dropped.sum();
    }

    /** @return held-back spans pushed out by newer ones before the reload was through: in the files, not stored */
    long evictedWhileHeldCount() {
        return held.evictedCount();
    }

    boolean isHoldingForReload() {
        return held.isHolding();
    }

    /** @return why the worker stopped before a shutdown, or {@code null} */
    String failure() {
        return failure != null || storing == null ? failure : storing.failure();
    }

    boolean isTerminated() {
        return terminated.isDone();
    }
}
