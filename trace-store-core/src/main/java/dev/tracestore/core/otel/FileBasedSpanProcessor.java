package dev.tracestore.core.otel;

import dev.tracestore.core.log.ReadResult;
import dev.tracestore.core.log.SpanLog;
import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.store.SpanStore;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link SpanProcessor} that keeps every sampled span: it adds the span to a {@link SpanStore} on the
 * application thread and hands it, through a bounded queue, to one writer thread that appends batches to a
 * {@link SpanLog}. {@link #onEnd} never blocks and never throws: when the queue is full the span stays in
 * memory, its file write is dropped and counted.
 *
 * <pre>{@code
 * SpanStore store = new InMemorySpanStore(100_000);
 * FileBasedSpanProcessor processor = FileBasedSpanProcessor.builder(store)
 *         .directory(Path.of("trace-store"))
 *         .build();
 * SdkTracerProvider tracerProvider = SdkTracerProvider.builder().addSpanProcessor(processor).build();
 * }</pre>
 */
public final class FileBasedSpanProcessor implements SpanProcessor {

    private static final Logger logger = LoggerFactory.getLogger(FileBasedSpanProcessor.class);

    private final SpanStore store;
    private final SpanLog log;
    private final ReadResult reloaded;
    private final BlockingQueue<StoredSpan> queue;
    private final int maxBatchSize;
    private final long flushIntervalNanos;
    private final BlockingQueue<Boolean> wakeUp = new ArrayBlockingQueue<>(1);
    private final Queue<CompletableResultCode> flushRequests = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean shutdownRequested = new AtomicBoolean();
    private final CompletableResultCode shutdownResult = new CompletableResultCode();
    private final AtomicLong droppedSpans = new AtomicLong();
    private final AtomicLong writtenSpans = new AtomicLong();
    private final AtomicLong failedSpans = new AtomicLong();
    private final AtomicLong rejectedSpans = new AtomicLong();
    private final AtomicReference<String> lastWriteError = new AtomicReference<>();
    private volatile boolean stopping;

    private FileBasedSpanProcessor(Builder builder) {
        this.store = builder.store;
        this.queue = new ArrayBlockingQueue<>(builder.queueCapacity);
        this.maxBatchSize = builder.maxBatchSize;
        this.flushIntervalNanos = builder.flushInterval.toNanos();
        this.reloaded = builder.directory == null ? ReadResult.NONE : reload(builder.directory, store);
        this.log = builder.directory == null ? null : openLog(builder.directory);
        if (log == null) {
            shutdownResult.succeed();
        } else {
            Thread worker = new Thread(this::writeUntilStopped, "trace-store-writer");
            worker.setDaemon(true);
            worker.start();
        }
    }

    /**
     * Starts a builder for a processor that stores spans in {@code store}.
     *
     * @param store where spans are kept in memory and queried
     * @return a builder with the documented defaults
     */
    public static Builder builder(SpanStore store) {
        return new Builder(store);
    }

    private static ReadResult reload(Path directory, SpanStore store) {
        if (!directory.toFile().exists()) {
            return ReadResult.NONE;
        }
        try {
            ReadResult result = SpanLog.read(directory, store::add);
            logger.info("Reloaded {} spans from {} ({} files, {} unreadable lines skipped); {} kept in memory",
                    result.spansRead(), directory, result.filesRead(), result.linesSkipped(), store.size());
            return result;
        } catch (IOException | RuntimeException e) {
            logger.warn("Could not reload spans from {}: {}", directory, e.toString());
            return ReadResult.NONE;
        }
    }

    private SpanLog openLog(Path directory) {
        try {
            return SpanLog.open(directory);
        } catch (IOException | RuntimeException e) {
            String reason = "Cannot write spans to " + directory.toAbsolutePath() + ": " + e.getMessage();
            lastWriteError.set(reason);
            logger.warn("{}. Spans are kept in memory only.", reason);
            return null;
        }
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
    }

    @Override
    public boolean isStartRequired() {
        return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
        if (!span.getSpanContext().isSampled() || stopping) {
            return;
        }
        try {
            StoredSpan stored = SpanDataConverter.convert(span.toSpanData());
            store.add(stored);
            if (log != null) {
                enqueue(stored);
            }
        } catch (RuntimeException e) {
            // A bad span must never reach the application thread; count it and tell once.
            if (rejectedSpans.getAndIncrement() == 0) {
                logger.warn("Rejected span '{}': {}", span.getName(), e.toString());
            }
        }
    }

    private void enqueue(StoredSpan stored) {
        if (!queue.offer(stored)) {
            droppedSpans.incrementAndGet();
        } else if (queue.size() >= maxBatchSize) {
            wakeUp.offer(Boolean.TRUE);
        }
    }

    @Override
    public boolean isEndRequired() {
        return true;
    }

    /**
     * Completes once every span queued before this call is written to the file log and handed to the OS.
     *
     * @return the result, already successful when there is no file log
     */
    @Override
    public CompletableResultCode forceFlush() {
        if (log == null) {
            return CompletableResultCode.ofSuccess();
        }
        if (shutdownRequested.get()) {
            return shutdownResult;
        }
        CompletableResultCode result = new CompletableResultCode();
        flushRequests.add(result);
        wakeUp.offer(Boolean.TRUE);
        return result;
    }

    /**
     * Writes what is queued, stops the writer thread and closes the file. Idempotent.
     *
     * @return completes when the writer thread has finished
     */
    @Override
    public CompletableResultCode shutdown() {
        if (shutdownRequested.compareAndSet(false, true)) {
            stopping = true;
            wakeUp.offer(Boolean.TRUE);
        }
        return shutdownResult;
    }

    private void writeUntilStopped() {
        long nextFlush = System.nanoTime() + flushIntervalNanos;
        List<StoredSpan> batch = new ArrayList<>(maxBatchSize);
        try {
            while (true) {
                boolean stop = stopping;
                List<CompletableResultCode> flushes = takeFlushRequests();
                if (stop || !flushes.isEmpty()) {
                    writeQueued(batch);
                    flushLog();
                    flushes.forEach(CompletableResultCode::succeed);
                    nextFlush = System.nanoTime() + flushIntervalNanos;
                    if (stop) {
                        break;
                    }
                } else if (queue.size() >= maxBatchSize) {
                    writeBatch(batch);
                } else {
                    long waitNanos = nextFlush - System.nanoTime();
                    if (waitNanos <= 0) {
                        writeQueued(batch);
                        flushLog();
                        nextFlush = System.nanoTime() + flushIntervalNanos;
                    } else {
                        wakeUp.poll(waitNanos, TimeUnit.NANOSECONDS);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeLog();
            takeFlushRequests().forEach(CompletableResultCode::succeed);
            shutdownResult.succeed();
        }
    }

    private List<CompletableResultCode> takeFlushRequests() {
        List<CompletableResultCode> taken = new ArrayList<>();
        CompletableResultCode request;
        while ((request = flushRequests.poll()) != null) {
            taken.add(request);
        }
        return taken;
    }

    private void writeQueued(List<StoredSpan> batch) {
        while (writeBatch(batch) > 0) {
            // keep writing full batches until the queue is empty
        }
    }

    private int writeBatch(List<StoredSpan> batch) {
        batch.clear();
        int count = queue.drainTo(batch, maxBatchSize);
        if (count == 0) {
            return 0;
        }
        try {
            log.append(batch);
            writtenSpans.addAndGet(count);
            lastWriteError.set(null);
        } catch (IOException | RuntimeException e) {
            failedSpans.addAndGet(count);
            recordWriteError("Could not write " + count + " spans to " + log.currentFile(), e);
        }
        return count;
    }

    private void flushLog() {
        try {
            log.flush();
        } catch (IOException | RuntimeException e) {
            recordWriteError("Could not flush " + log.currentFile(), e);
        }
    }

    private void closeLog() {
        try {
            log.close();
        } catch (IOException | RuntimeException e) {
            recordWriteError("Could not close " + log.currentFile(), e);
        }
    }

    private void recordWriteError(String what, Exception e) {
        String reason = what + ": " + e;
        // Logged when the error changes, not for every batch of a lasting fault.
        if (!reason.equals(lastWriteError.getAndSet(reason))) {
            logger.warn(reason);
        }
    }

    /** @return the store this processor adds spans to */
    public SpanStore store() {
        return store;
    }

    /** @return {@code true} when spans are written to files, {@code false} when kept in memory only */
    public boolean isFileLogActive() {
        return log != null && !shutdownResult.isDone();
    }

    /** @return what was read back from the files when the processor started */
    public ReadResult reloaded() {
        return reloaded;
    }

    /** @return spans whose file write was dropped because the queue was full */
    public long droppedSpanCount() {
        return droppedSpans.get();
    }

    /** @return spans appended to the file log */
    public long writtenSpanCount() {
        return writtenSpans.get();
    }

    /** @return spans whose file write failed with an I/O error */
    public long failedSpanCount() {
        return failedSpans.get();
    }

    /** @return spans that could not be converted and were neither stored nor written */
    public long rejectedSpanCount() {
        return rejectedSpans.get();
    }

    /** @return the last file error, empty once a later write succeeded */
    public Optional<String> lastWriteError() {
        return Optional.ofNullable(lastWriteError.get());
    }

    /** Configures a {@link FileBasedSpanProcessor}; every setting is validated when set. */
    public static final class Builder {
        /** Default {@link #queueCapacity(int)}. */
        public static final int DEFAULT_QUEUE_CAPACITY = 8192;
        /** Default {@link #maxBatchSize(int)}. */
        public static final int DEFAULT_MAX_BATCH_SIZE = 512;
        /** Default {@link #flushInterval(Duration)}. */
        public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(1);

        private final SpanStore store;
        private Path directory;
        private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
        private int maxBatchSize = DEFAULT_MAX_BATCH_SIZE;
        private Duration flushInterval = DEFAULT_FLUSH_INTERVAL;

        private Builder(SpanStore store) {
            this.store = Objects.requireNonNull(store, "store must not be null");
        }

        /**
         * The directory of the span files. Spans found there are reloaded into the store when the processor is
         * built. Unset (the default): spans are kept in memory only.
         *
         * @param directory the directory, created owner-only when missing
         * @return this
         */
        public Builder directory(Path directory) {
            this.directory = directory;
            return this;
        }

        /**
         * @param queueCapacity spans waiting for the writer before file writes are dropped; default
         *     {@value #DEFAULT_QUEUE_CAPACITY}
         * @return this
         */
        public Builder queueCapacity(int queueCapacity) {
            if (queueCapacity < 1) {
                throw new IllegalArgumentException("queueCapacity must be at least 1, but was " + queueCapacity);
            }
            this.queueCapacity = queueCapacity;
            return this;
        }

        /**
         * @param maxBatchSize the most spans in one file line; default {@value #DEFAULT_MAX_BATCH_SIZE}
         * @return this
         */
        public Builder maxBatchSize(int maxBatchSize) {
            if (maxBatchSize < 1) {
                throw new IllegalArgumentException("maxBatchSize must be at least 1, but was " + maxBatchSize);
            }
            this.maxBatchSize = maxBatchSize;
            return this;
        }

        /**
         * @param flushInterval how long a written span may wait in the writer's buffer before it is handed to
         *     the OS; default one second
         * @return this
         */
        public Builder flushInterval(Duration flushInterval) {
            if (flushInterval == null || flushInterval.isNegative() || flushInterval.isZero()) {
                throw new IllegalArgumentException("flushInterval must be positive, but was " + flushInterval);
            }
            this.flushInterval = flushInterval;
            return this;
        }

        /**
         * Reloads the store from {@link #directory(Path)}, opens the file log and starts the writer thread.
         * A directory that cannot be written is logged once; the processor then keeps spans in memory only.
         *
         * @return the processor
         */
        public FileBasedSpanProcessor build() {
            return new FileBasedSpanProcessor(this);
        }
    }
}
