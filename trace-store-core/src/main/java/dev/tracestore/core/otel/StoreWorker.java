package dev.tracestore.core.otel;

import dev.tracestore.core.model.StoredSpan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The thread that adds converted spans to the store, fed by the ingest worker with batches through a short bounded
 * queue: storing a batch (indexing it is most of a span's cost) overlaps with converting the next one and with the
 * writer's encoding, so that the work spreads over two cores. What waits for the store (a request to ingest, a
 * flush, the close) passes through the same queue as a {@link Then} and runs once every batch before it is stored.
 *
 * <p>When the queue is full the ingest worker waits here and the span queue fills; the application thread never
 * does. An interrupt (or any error) stops this thread: the batches still queued and those handed to it later are
 * counted as rejected (not stored; the writer still writes them), and each {@link Then} runs at once, told that the
 * spans before it were not all stored. Nothing ever waits on a stopped worker.
 */
final class StoreWorker {

    private static final Logger logger = LoggerFactory.getLogger(StoreWorker.class);

    /** What runs once the spans handed over before it are stored, or at once when the worker stopped. */
    @FunctionalInterface
    interface Then {
        /** @param stored {@code false} when the worker stopped: spans handed over before may not be stored */
        void run(boolean stored);
    }

    private sealed interface Task {
        record Store(List<StoredSpan> spans) implements Task {
        }

        record After(Then then, boolean last) implements Task {
        }
    }

    private final SpanCapture capture;
    private final BlockingQueue<Task> tasks = new ArrayBlockingQueue<>(4);
    private final Thread thread;
    private volatile boolean stopped;
    private volatile String failure;

    StoreWorker(SpanCapture capture) {
        this.capture = capture;
        this.thread = new Thread(this::run, "trace-store-store");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Hands a batch over, waiting while the queue is full; see {@link #submit}. */
    void store(List<StoredSpan> spans) {
        submit(new Task.Store(spans));
    }

    /** Runs {@code then} once what was handed over before is stored; see {@link #submit}. */
    void then(Then then) {
        submit(new Task.After(then, false));
    }

    /** Runs {@code then} once what was handed over before is stored, and stops the thread. */
    void stop(Then then) {
        submit(new Task.After(then, true));
    }

    /**
     * Waits while the queue is full. A stopped worker rejects the task at once. An interrupt of the calling thread
     * rejects it too, the interrupt set again for the caller to act on; but not the last task, which waits on (the
     * interrupt set again afterwards): it closes the files.
     */
    private void submit(Task task) {
        boolean interrupted = false;
        try {
            while (!stopped) {
                try {
                    if (tasks.offer(task, 100, TimeUnit.MILLISECONDS)) {
                        if (stopped) {
                            rejectQueued(); // the worker may have emptied its queue before this task arrived
                        }
                        return;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                    if (!(task instanceof Task.After after && after.last())) {
                        break;
                    }
                }
            }
            if (stopped) {
                rejectQueued(); // tasks queued before this one go first
            }
            reject(task);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        try {
            while (true) {
                Task task = tasks.take();
                if (Thread.interrupted()) {
                    reject(task); // the interrupt came with the task: stop before it, as one a moment earlier would
                    throw new InterruptedException();
                }
                if (task instanceof Task.Store store) {
                    storeAll(store.spans());
                } else if (task instanceof Task.After after) {
                    after.then().run(true);
                    if (after.last()) {
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            failure = "The trace-store store thread was interrupted; spans are written to the files, not stored";
            logger.error("{}", failure);
        } catch (Throwable e) {
            failure = "The trace-store store thread stopped: " + e + "; spans are written to the files, not stored";
            logger.error("{}", failure, e);
        } finally {
            stopped = true;
            rejectQueued();
        }
    }

    /** Stores the spans; an Error stops the worker, the spans it leaves unstored are counted. */
    private void storeAll(List<StoredSpan> spans) {
        int stored = 0;
        try {
            for (StoredSpan span : spans) {
                capture.store(span); // counts and tells a RuntimeException itself
                stored++;
            }
        } catch (Throwable e) {
            capture.rejectUnstored(spans.size() - stored, e.toString());
            throw e;
        }
    }

    // Synchronized: the worker's last drain and a late submitter's must not interleave, or a Then taken by one could
    // run before the other counted the spans queued ahead of it.
    private synchronized void rejectQueued() {
        Task task;
        while ((task = tasks.poll()) != null) {
            reject(task);
        }
    }

    private void reject(Task task) {
        if (task instanceof Task.Store store) {
            capture.rejectUnstored(store.spans().size(), failure == null ? "the store thread stopped" : failure);
        } else if (task instanceof Task.After after) {
            after.then().run(false);
        }
    }

    /** @return why the thread stopped before it was told to, or {@code null} */
    String failure() {
        return failure;
    }
}
