package dev.tracestore.core.otel;

import dev.tracestore.core.log.SpanLog;
import dev.tracestore.core.log.SpanLogBuilder;
import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.sdk.common.CompletableResultCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one thread that writes the {@link SpanLog}, fed by the ingest worker through a short bounded queue: encoding
 * and writing a batch overlaps with converting and storing the next. When the disk is slow the worker waits here
 * and the span queue fills; the application thread never does.
 *
 * <p>An interrupt (or any error) stops this thread: it closes the file, answers every waiting flush with a failure,
 * and from then on every batch handed to it is counted as {@linkplain #lostSpanCount() lost} (the spans stay in
 * memory). Nothing ever waits on a stopped writer.
 */
final class SpanLogWriter {

    private static final Logger logger = LoggerFactory.getLogger(SpanLogWriter.class);

    /** What the worker asks of the writer, in order. */
    sealed interface Task {
        /** Append these spans as one line. */
        record Append(List<StoredSpan> spans) implements Task {
        }

        /** Hand what is written to the OS, then answer: a failure when a span since the last answer was not written. */
        record Flush(List<CompletableResultCode> answers) implements Task {
        }

        /** Close the file, answer as {@link Flush} does, and stop. */
        record Close(List<CompletableResultCode> answers) implements Task {
        }
    }

    private final SpanLogBuilder settings;
    /** Opened on the writer thread, so that building the processor never touches the disk. */
    private volatile SpanLog log;
    private final BlockingQueue<Task> tasks = new ArrayBlockingQueue<>(8);
    private final Thread thread;
    private final AtomicLong writtenBytes = new AtomicLong();
    private final AtomicLong batchWrites = new AtomicLong();
    private final AtomicLong batchWriteNanos = new AtomicLong();
    private final AtomicLong lostSpans = new AtomicLong();
    /** Spans handed to {@link SpanLog#append}: after the close, those neither written, failed nor in standby were lost. */
    private long appended;
    private volatile boolean stopped;
    private volatile String failure;
    private boolean logClosed;
    /** The file error last logged, so that a lasting fault is logged once, not for every batch. */
    private String reportedError;
    /** Spans the log failed, lost and dropped when the last flush was answered: more since then fails the next. */
    private long unwrittenAtLastAnswer;

    SpanLogWriter(SpanLogBuilder settings) {
        this.settings = settings;
        this.thread = new Thread(this::run, "trace-store-writer");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /**
     * Hands a task to the writer, waiting while its queue is full. A stopped writer rejects the task at once: its
     * spans are counted as lost, its flushes fail. An interrupt of the calling thread rejects it too, and the
     * interrupt stays set for the caller to act on; but not a {@link Task.Close}, which waits on (the interrupt set
     * again afterwards): without it the file would stay open, the directory locked and the buffered spans counted
     * nowhere.
     */
    void submit(Task task) {
        boolean interrupted = false;
        try {
            while (!stopped) {
                try {
                    if (tasks.offer(task, 100, TimeUnit.MILLISECONDS)) {
                        if (stopped) {
                            rejectQueued(); // the writer may have emptied its queue before this task arrived
                        }
                        return;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                    if (!(task instanceof Task.Close)) {
                        break;
                    }
                }
            }
            if (stopped) {
                rejectQueued(); // tasks queued before this one are counted first
            }
            reject(task);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        Task current = null;
        try {
            log = settings.build();
            log.lastError().ifPresent(error -> logger.warn(
                    "{}. Spans are kept in memory; writing to the files is retried.", error));
            reportedError = log.lastError().orElse(null);
            while (true) {
                Task task = tasks.take();
                if (Thread.interrupted()) {
                    // An interrupt that crosses the signal of a new task may come back from take() with that task
                    // and the interrupt set again (Condition.await's rule); it stops the writer before the task, as
                    // one seen a moment earlier would: the task is rejected like those still queued.
                    reject(task);
                    throw new InterruptedException();
                }
                current = task;
                if (task instanceof Task.Append append) {
                    write(append.spans());
                } else if (task instanceof Task.Flush flush) {
                    answer(flush.answers(), flushLog());
                } else if (task instanceof Task.Close close) {
                    boolean flushed = closeLog();
                    answer(close.answers(), flushed);
                    return;
                }
                current = null;
            }
        } catch (InterruptedException e) {
            failure = "The span file writer thread was interrupted; spans are kept in memory only";
            logger.error("{}", failure);
        } catch (Throwable e) {
            failure = "The span file writer thread stopped: " + e;
            logger.error("{}", failure, e);
        } finally {
            stopped = true;
            if (log != null && !logClosed) {
                closeLog();
            }
            if (current != null && !(current instanceof Task.Append)) {
                reject(current); // cut short by the error: its flushes fail (closeLog counted its spans)
            }
            rejectQueued();
        }
    }

    private void write(List<StoredSpan> spans) {
        long start = System.nanoTime();
        long bytesBefore = log.bytesWritten();
        appended += spans.size();
        try {
            log.append(spans);
        } catch (IOException | RuntimeException e) {
            // The log counts the failed spans and retries the file; a span it cannot encode is told here.
            if (!(e instanceof IOException)) {
                logger.warn("Could not write {} spans to {}: {}", spans.size(), log.currentFile(), e.toString());
            }
        }
        writtenBytes.addAndGet(log.bytesWritten() - bytesBefore);
        batchWriteNanos.addAndGet(System.nanoTime() - start);
        batchWrites.incrementAndGet();
        reportLogState();
    }

    private boolean flushLog() {
        boolean flushed;
        try {
            log.flush();
            flushed = true;
        } catch (IOException | RuntimeException e) {
            flushed = false; // recorded by the log, reported below
        }
        reportLogState();
        return flushed;
    }

    private boolean closeLog() {
        boolean flushed;
        try {
            log.close();
            flushed = true;
        } catch (Exception | Error e) {
            // also an Error (NIO out of direct memory): the writer stops either way, and must count and answer
            logger.warn("Could not close {}: {}", log.currentFile(), e.toString());
            flushed = false;
        }
        // A close that fails (the channel closed by an interrupt) may lose buffered lines the log did not count.
        // Spans given in standby are kept in memory by design and counted there, not lost.
        long unaccounted = appended - log.spansWritten() - log.spansFailed() - log.spansInStandby();
        if (unaccounted > 0) {
            lostSpans.addAndGet(unaccounted);
        }
        logClosed = true;
        return flushed;
    }

    private void answer(List<CompletableResultCode> answers, boolean flushed) {
        if (answers.isEmpty()) {
            return; // a periodic flush: what it could not write still fails the next flush request
        }
        long unwritten = unwrittenCount();
        boolean allWritten = flushed && unwritten == unwrittenAtLastAnswer;
        unwrittenAtLastAnswer = unwritten;
        answers.forEach(allWritten ? CompletableResultCode::succeed : CompletableResultCode::fail);
    }

    // Synchronized: the writer's last drain and a late submitter's drain must not interleave, or a flush taken by
    // one could fail before the other counted the spans queued ahead of it as lost.
    private synchronized void rejectQueued() {
        Task task;
        while ((task = tasks.poll()) != null) {
            reject(task);
        }
    }

    private void reject(Task task) {
        if (task instanceof Task.Append append) {
            lostSpans.addAndGet(append.spans().size());
        } else if (task instanceof Task.Flush flush) {
            flush.answers().forEach(CompletableResultCode::fail);
        } else if (task instanceof Task.Close close) {
            close.answers().forEach(CompletableResultCode::fail);
        }
    }

    private void reportLogState() {
        String error = log.lastError().orElse(null);
        if (Objects.equals(error, reportedError)) {
            return;
        }
        if (error != null) {
            logger.warn("{}. Spans are kept in memory; writing to the files is retried.", error);
        } else {
            logger.info("Writing spans to {} again", log.currentFile());
        }
        reportedError = error;
    }

    /** @return spans not written: failed by the log, or handed to this writer after it stopped */
    long unwrittenCount() {
        SpanLog opened = log;
        return (opened == null ? 0 : opened.spansFailed()) + lostSpans.get();
    }

    long writtenSpanCount() {
        SpanLog opened = log;
        return opened == null ? 0 : opened.spansWritten();
    }

    long spansInStandby() {
        SpanLog opened = log;
        return opened == null ? 0 : opened.spansInStandby();
    }

    /** @return why the files cannot be written, naming the path; empty once a later write succeeded */
    Optional<String> lastError() {
        SpanLog opened = log;
        return opened == null ? Optional.empty() : opened.lastError();
    }

    /** @return why the writer stopped before it was closed, empty while it runs or after a normal close */
    String failure() {
        return failure;
    }

    /** @return {@code true} while the file is open for appending, or not yet opened at the start */
    boolean isWriting() {
        SpanLog opened = log;
        return !stopped && (opened == null || opened.isOpen());
    }

    long writtenByteCount() {
        return writtenBytes.get();
    }

    long batchWriteCount() {
        return batchWrites.get();
    }

    long batchWriteNanos() {
        return batchWriteNanos.get();
    }
}
