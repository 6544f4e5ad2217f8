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
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link SpanProcessor} that keeps every sampled span (with {@link Builder#captureUnsampled(boolean)}, every
 * recorded span) in a {@link SpanStore} and appends it to a {@link SpanLog}.
 * {@link #onEnd} only hands the ended span to a bounded queue; a worker thread converts it and adds it to the store
 * (queries see it within milliseconds), and one writer thread appends batches of them to the files. {@code onEnd} never blocks and never
 * throws: when the queue is full the span is stored in memory on the calling thread, and its file write is
 * dropped and counted.
 *
 * <p>Before a span is stored, the values its {@link Redaction} names are masked (by default the usual credentials:
 * {@link Redaction#defaults()}), string attribute values longer than {@link Builder#maxAttributeLength(int)} are cut
 * with a marker, and attributes beyond {@link Builder#maxAttributes(int)} are left out; both are counted. Spans
 * reloaded from the files go through the same steps.
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
    private final SpanExclusions exclusions;
    private final AttributeSanitizer sanitizer;
    private final SpanDataConverter converter;
    private final boolean captureUnsampled;
    private final Path directory;
    private final SpanLog log;
    private final ReadResult reloaded;
    private final BlockingQueue<ReadableSpan> queue;
    private final int maxBatchSize;
    private final long flushIntervalNanos;
    private final BlockingQueue<Boolean> wakeUp = new ArrayBlockingQueue<>(1);
    private final Queue<CompletableResultCode> flushRequests = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean shutdownRequested = new AtomicBoolean();
    private final CompletableResultCode shutdownResult = new CompletableResultCode();
    private final AtomicLong droppedSpans = new AtomicLong();
    private final AtomicLong writtenBytes = new AtomicLong();
    private final AtomicLong batchWrites = new AtomicLong();
    private final AtomicLong batchWriteNanos = new AtomicLong();
    private final AtomicLong rejectedSpans = new AtomicLong();
    private volatile boolean stopping;
    /** Set while the worker waits, so {@link #onEnd} wakes it only then. */
    private volatile boolean workerIdle;

    private FileBasedSpanProcessor(Builder builder) {
        this.store = builder.store;
        this.exclusions = builder.exclusions;
        this.sanitizer = new AttributeSanitizer(builder.redaction, builder.maxAttributeLength, builder.maxAttributes);
        this.converter = new SpanDataConverter(sanitizer);
        this.captureUnsampled = builder.captureUnsampled;
        this.directory = builder.log == null ? null : builder.log.directory();
        this.queue = new ArrayBlockingQueue<>(builder.queueCapacity);
        this.maxBatchSize = builder.maxBatchSize;
        this.flushIntervalNanos = builder.flushInterval.toNanos();
        this.reloaded = directory == null ? ReadResult.NONE : reload(directory);
        this.log = builder.log == null ? null : openLog(builder.log);
        LogWriter writer = log == null ? null : new LogWriter();
        if (writer != null) {
            start(writer, "trace-store-writer");
        }
        start(new Worker(writer), "trace-store-ingest");
    }

    private static void start(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
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

    private ReadResult reload(Path directory) {
        if (!directory.toFile().exists()) {
            return ReadResult.NONE;
        }
        try {
            ReadResult result = SpanLog.readNewest(directory, store.capacity(),
                    span -> store.add(converter.sanitize(span)));
            logger.info("Reloaded {} spans from {} ({} files, {} unreadable lines skipped); {} kept in memory",
                    result.spansRead(), directory, result.filesRead(), result.linesSkipped(), store.size());
            return result;
        } catch (IOException | RuntimeException e) {
            logger.warn("Could not reload spans from {}: {}", directory, e.toString());
            return ReadResult.NONE;
        }
    }

    private static SpanLog openLog(SpanLog.Builder builder) {
        SpanLog log = builder.build();
        log.lastError().ifPresent(error -> logger.warn(
                "{}. Spans are kept in memory; writing to the files is retried.", error));
        return log;
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
        if (stopping || !(captureUnsampled || span.getSpanContext().isSampled())) {
            return;
        }
        if (queue.offer(span)) {
            if (workerIdle) {
                wakeUp.offer(Boolean.TRUE);
            }
            return;
        }
        // The worker is behind: keep the span queryable, give up only its file write.
        if (log != null) {
            droppedSpans.incrementAndGet();
        }
        StoredSpan stored = convert(span);
        if (stored != null) {
            keep(stored);
        }
    }

    /** Adds the span to the store; a failure is counted and told once, never thrown at the caller. */
    private void keep(StoredSpan stored) {
        try {
            store.add(stored);
        } catch (RuntimeException e) {
            if (rejectedSpans.getAndIncrement() == 0) {
                logger.warn("Could not store span '{}': {}", stored.name(), e.toString());
            }
        }
    }

    /** @return the stored form, or {@code null} for an excluded span or one that cannot be converted */
    private StoredSpan convert(ReadableSpan span) {
        try {
            return exclusions.test(span) ? null : converter.convert(span.toSpanData());
        } catch (RuntimeException e) {
            // A bad span must never stop the worker or reach the application thread; count it and tell once.
            if (rejectedSpans.getAndIncrement() == 0) {
                logger.warn("Rejected span '{}': {}", span.getName(), e.toString());
            }
            return null;
        }
    }

    @Override
    public boolean isEndRequired() {
        return true;
    }

    /**
     * Completes once every span ended before this call is in the store and written to the file log (handed to
     * the OS).
     *
     * @return the result
     */
    @Override
    public CompletableResultCode forceFlush() {
        if (shutdownRequested.get()) {
            return shutdownResult;
        }
        CompletableResultCode result = new CompletableResultCode();
        flushRequests.add(result);
        wakeUp.offer(Boolean.TRUE);
        return result;
    }

    /**
     * Stores and writes what is queued, stops the worker thread and closes the file. Idempotent.
     *
     * @return completes when the worker thread has finished
     */
    @Override
    public CompletableResultCode shutdown() {
        if (shutdownRequested.compareAndSet(false, true)) {
            stopping = true;
            wakeUp.offer(Boolean.TRUE);
        }
        return shutdownResult;
    }

    /**
     * The worker: drains the queue into the store at once and hands file lines of up to {@code maxBatchSize}
     * spans to the {@link LogWriter}, asks it to hand them to the OS at each flush interval, and passes on flush
     * requests once every span queued before them is through.
     */
    private final class Worker implements Runnable {
        private final List<ReadableSpan> incoming = new ArrayList<>(maxBatchSize);
        private List<StoredSpan> unwritten = new ArrayList<>(maxBatchSize);
        /** Flush requests, each with the count of drained spans after which it is answered. */
        private final List<Map.Entry<CompletableResultCode, Long>> waitingFlushes = new ArrayList<>();
        private final LogWriter writer;
        private long drained;

        Worker(LogWriter writer) {
            this.writer = writer;
        }

        @Override
        public void run() {
            long nextFlush = System.nanoTime() + flushIntervalNanos;
            try {
                while (true) {
                    boolean stop = stopping;
                    takeFlushRequests();
                    incoming.clear();
                    int count = queue.drainTo(incoming, maxBatchSize);
                    drained += count;
                    for (ReadableSpan span : incoming) {
                        ingest(span);
                    }
                    if (unwritten.size() >= maxBatchSize) {
                        handOverUnwritten();
                    }
                    long now = System.nanoTime();
                    boolean flushDue = now >= nextFlush || answerableFlushes() || (stop && count == 0);
                    if (flushDue) {
                        handOverUnwritten();
                        List<CompletableResultCode> answered = answerableFlushRequests();
                        if (writer == null) {
                            answered.forEach(CompletableResultCode::succeed);
                        } else {
                            writer.submit(new LogTask.Flush(answered));
                        }
                        nextFlush = now + flushIntervalNanos;
                        if (stop && count == 0) {
                            return;
                        }
                    } else if (count == 0) {
                        waitForWork(nextFlush - now);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                takeFlushRequests();
                List<CompletableResultCode> pending = new ArrayList<>();
                waitingFlushes.forEach(flush -> pending.add(flush.getKey()));
                if (writer == null) {
                    pending.forEach(CompletableResultCode::succeed);
                    shutdownResult.succeed();
                } else {
                    handOverUnwritten();
                    writer.submit(new LogTask.Close(pending));
                }
            }
        }

        private void ingest(ReadableSpan span) {
            StoredSpan stored = convert(span);
            if (stored == null) {
                return;
            }
            keep(stored);
            if (writer != null) {
                unwritten.add(stored);
            }
        }

        private void handOverUnwritten() {
            if (!unwritten.isEmpty()) {
                writer.submit(new LogTask.Append(unwritten));
                unwritten = new ArrayList<>(maxBatchSize);
            }
        }

        private void takeFlushRequests() {
            CompletableResultCode request;
            while ((request = flushRequests.poll()) != null) {
                // everything queued before the request is at most what the queue holds now
                waitingFlushes.add(Map.entry(request, drained + queue.size()));
            }
        }

        private boolean answerableFlushes() {
            for (Map.Entry<CompletableResultCode, Long> flush : waitingFlushes) {
                if (flush.getValue() <= drained) {
                    return true;
                }
            }
            return false;
        }

        private List<CompletableResultCode> answerableFlushRequests() {
            List<CompletableResultCode> answerable = new ArrayList<>();
            waitingFlushes.removeIf(flush -> {
                if (flush.getValue() <= drained) {
                    answerable.add(flush.getKey());
                    return true;
                }
                return false;
            });
            return answerable;
        }

        private void waitForWork(long nanos) throws InterruptedException {
            workerIdle = true;
            try {
                // re-check after announcing idleness: onEnd offers first, then reads workerIdle
                if (queue.isEmpty() && flushRequests.isEmpty() && !stopping) {
                    wakeUp.poll(nanos, TimeUnit.NANOSECONDS);
                }
            } finally {
                workerIdle = false;
            }
        }
    }

    /** What the worker asks of the {@link LogWriter}, in order. */
    private sealed interface LogTask {
        /** Append these spans as one line. */
        record Append(List<StoredSpan> spans) implements LogTask {
        }

        /** Hand what is written to the OS, then answer these flush requests. */
        record Flush(List<CompletableResultCode> answers) implements LogTask {
        }

        /** Close the file, answer these flush requests and finish the shutdown. */
        record Close(List<CompletableResultCode> answers) implements LogTask {
        }
    }

    /**
     * The one thread that writes the file log, fed by the worker through a short bounded queue: encoding and
     * writing a batch overlaps with converting and storing the next. When the disk is slow the worker waits here,
     * the span queue fills, and {@code onEnd} falls back to storing on the caller and dropping the file write.
     */
    private final class LogWriter implements Runnable {
        private final BlockingQueue<LogTask> tasks = new ArrayBlockingQueue<>(8);
        /** The file error last logged, so that a lasting fault is logged once, not for every batch. */
        private String reportedError = log.lastError().orElse(null);

        void submit(LogTask task) {
            try {
                tasks.put(task);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while handing a task to the span log writer", e);
            }
        }

        @Override
        public void run() {
            LogTask.Close close = null;
            try {
                while (close == null) {
                    LogTask task = tasks.take();
                    if (task instanceof LogTask.Append append) {
                        write(append.spans());
                    } else if (task instanceof LogTask.Flush flush) {
                        flushLog();
                        flush.answers().forEach(CompletableResultCode::succeed);
                    } else {
                        close = (LogTask.Close) task;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                closeLog();
                if (close != null) {
                    close.answers().forEach(CompletableResultCode::succeed);
                }
                shutdownResult.succeed();
            }
        }

        private void write(List<StoredSpan> spans) {
            long start = System.nanoTime();
            long bytesBefore = log.bytesWritten();
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

        private void flushLog() {
            try {
                log.flush();
            } catch (IOException | RuntimeException e) {
                // recorded by the log, reported below
            }
            reportLogState();
        }

        private void closeLog() {
            try {
                log.close();
            } catch (IOException | RuntimeException e) {
                logger.warn("Could not close {}: {}", log.currentFile(), e.toString());
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
    }

    /** @return the store this processor adds spans to */
    public SpanStore store() {
        return store;
    }

    /** @return the directory of the span files, empty when the processor keeps spans in memory only */
    public Optional<Path> directory() {
        return Optional.ofNullable(directory);
    }

    /**
     * @return {@code true} while spans are written to files; {@code false} when they are kept in memory only: no
     *     directory was given, the file cannot be written now (see {@link #lastWriteError()}), or after shutdown
     */
    public boolean isFileLogActive() {
        return log != null && log.isOpen() && !shutdownResult.isDone();
    }

    /** @return what was read back from the files when the processor started */
    public ReadResult reloaded() {
        return reloaded;
    }

    /** @return spans whose file write was dropped because the queue was full (they were still stored) */
    public long droppedSpanCount() {
        return droppedSpans.get();
    }

    /** @return spans written to the files (handed to the operating system) */
    public long writtenSpanCount() {
        return log == null ? 0 : log.spansWritten();
    }

    /** @return bytes of OTLP/JSON lines appended to the file log */
    public long writtenByteCount() {
        return writtenBytes.get();
    }

    /** @return batches appended to the file log (or attempted: failed appends count too) */
    public long batchWriteCount() {
        return batchWrites.get();
    }

    /** @return the time spent appending batches to the file log, in nanoseconds, summed over every batch */
    public long batchWriteNanos() {
        return batchWriteNanos.get();
    }

    /**
     * @return spans whose file write failed: an I/O error, the file could not be opened, or they could not be
     *     encoded. They were still stored in memory.
     */
    public long failedSpanCount() {
        return log == null ? 0 : log.spansFailed();
    }

    /** @return spans that could not be converted or stored */
    public long rejectedSpanCount() {
        return rejectedSpans.get();
    }

    /** @return string attribute values (or array elements) cut to {@link Builder#maxAttributeLength(int)} */
    public long truncatedAttributeValueCount() {
        return sanitizer.truncatedValueCount();
    }

    /**
     * @return attributes of spans, events and links left out, beyond {@link Builder#maxAttributes(int)} or by the
     *     SDK's own span limits before the span reached this processor
     */
    public long droppedAttributeCount() {
        return sanitizer.droppedAttributeCount();
    }

    /** @return why the files cannot be written, naming the path; empty once a later write succeeded */
    public Optional<String> lastWriteError() {
        return log == null ? Optional.empty() : log.lastError();
    }

    /** Configures a {@link FileBasedSpanProcessor}; every setting is validated when set. */
    public static final class Builder {
        /** Default {@link #queueCapacity(int)}. */
        public static final int DEFAULT_QUEUE_CAPACITY = 8192;
        /** Default {@link #maxBatchSize(int)}. */
        public static final int DEFAULT_MAX_BATCH_SIZE = 512;
        /** Default {@link #flushInterval(Duration)}. */
        public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(1);
        /** Default {@link #maxAttributeLength(int)}. */
        public static final int DEFAULT_MAX_ATTRIBUTE_LENGTH = 4096;
        /** Default {@link #maxAttributes(int)}: the OpenTelemetry SDK's own default limit. */
        public static final int DEFAULT_MAX_ATTRIBUTES = 128;

        private final SpanStore store;
        private SpanLog.Builder log;
        private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
        private int maxBatchSize = DEFAULT_MAX_BATCH_SIZE;
        private Duration flushInterval = DEFAULT_FLUSH_INTERVAL;
        private SpanExclusions exclusions = SpanExclusions.none();
        private Redaction redaction = Redaction.defaults();
        private int maxAttributeLength = DEFAULT_MAX_ATTRIBUTE_LENGTH;
        private int maxAttributes = DEFAULT_MAX_ATTRIBUTES;
        private boolean captureUnsampled;

        private Builder(SpanStore store) {
            this.store = Objects.requireNonNull(store, "store must not be null");
        }

        /**
         * The directory of the span files, with the default rotation and retention of {@link SpanLog.Builder}.
         * The newest spans found there (up to the store's capacity) are reloaded into the store when the processor
         * is built. Unset (the default): spans are kept in memory only.
         *
         * @param directory the directory, created owner-only when missing
         * @return this
         */
        public Builder directory(Path directory) {
            return log(directory == null ? null : SpanLog.builder(directory));
        }

        /**
         * The span files, with their rotation, retention and fsync settings. The newest spans found in its
         * directory (up to the store's capacity) are reloaded into the store when the processor is built.
         *
         * <pre>{@code
         * FileBasedSpanProcessor.builder(store)
         *         .log(SpanLog.builder(Path.of("trace-store")).maxFileSize(16 << 20).maxFiles(4))
         *         .build();
         * }</pre>
         *
         * @param log the span log's settings; {@code null}: spans are kept in memory only
         * @return this
         */
        public Builder log(SpanLog.Builder log) {
            this.log = log;
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
         * @param exclusions spans not to store (by name or URL path); none by default
         * @return this
         */
        public Builder exclude(SpanExclusions exclusions) {
            this.exclusions = Objects.requireNonNull(exclusions, "exclusions must not be null");
            return this;
        }

        /**
         * @param redaction which attribute values to mask before a span is stored or written;
         *     {@link Redaction#defaults()} by default, {@link Redaction#none()} to keep every value
         * @return this
         */
        public Builder redact(Redaction redaction) {
            this.redaction = Objects.requireNonNull(redaction, "redaction must not be null");
            return this;
        }

        /**
         * @param maxAttributeLength the most characters of a string attribute value (or of each element of a
         *     string array) kept; a longer value keeps that many and ends in {@code ...[truncated N chars]}; default
         *     {@value #DEFAULT_MAX_ATTRIBUTE_LENGTH}
         * @return this
         */
        public Builder maxAttributeLength(int maxAttributeLength) {
            if (maxAttributeLength < 1) {
                throw new IllegalArgumentException("maxAttributeLength must be at least 1, but was "
                        + maxAttributeLength);
            }
            this.maxAttributeLength = maxAttributeLength;
            return this;
        }

        /**
         * @param maxAttributes the most attributes kept per span, event and link; beyond that, the first in key order
         *     are kept and the rest counted as dropped; default {@value #DEFAULT_MAX_ATTRIBUTES}
         * @return this
         */
        public Builder maxAttributes(int maxAttributes) {
            if (maxAttributes < 0) {
                throw new IllegalArgumentException("maxAttributes must be at least 0, but was " + maxAttributes);
            }
            this.maxAttributes = maxAttributes;
            return this;
        }

        /**
         * Whether to keep spans that are recorded but not sampled ({@code SamplingDecision.RECORD_ONLY}), as a
         * {@link RecordingSampler} makes them: they are stored and written like sampled ones, while exporters that
         * follow the sampling decision leave them out. Default {@code false}: sampled spans only, as exporters do.
         *
         * @param captureUnsampled {@code true} to keep every recorded span
         * @return this
         */
        public Builder captureUnsampled(boolean captureUnsampled) {
            this.captureUnsampled = captureUnsampled;
            return this;
        }

        /**
         * Reloads the store from {@link #directory(Path)}, opens the file log and starts the writer thread.
         * A directory that cannot be written is logged; spans are then kept in memory, and writing is retried.
         *
         * @return the processor
         */
        public FileBasedSpanProcessor build() {
            return new FileBasedSpanProcessor(this);
        }
    }
}
