package dev.tracestore.core.otel;

import dev.tracestore.core.log.ReadResult;
import dev.tracestore.core.log.SpanLog;
import dev.tracestore.core.store.SpanStore;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A {@link SpanProcessor} that keeps every sampled span (with {@link Builder#captureUnsampled(boolean)}, every
 * recorded span) in a {@link SpanStore} and appends it to a {@link SpanLog}.
 * {@link #onEnd} only hands the ended span to a bounded queue: it never waits on a lock, never throws, and wakes the
 * worker thread only when it sleeps idle or a batch is ready. The worker converts the spans and adds them to the
 * store within {@link Builder#ingestDelay(Duration)}, and one writer thread appends batches of them to the files.
 * When the queue is full the span is dropped and counted ({@link #droppedSpanCount()}), as the SDK's
 * {@code BatchSpanProcessor} does; so is a span that ends after {@link #shutdown()}.
 *
 * <p>Before a span is stored, the values its {@link Redaction} names are masked (by default the usual credentials:
 * {@link Redaction#defaults()}), string attribute values longer than {@link Builder#maxAttributeLength(int)} are cut
 * with a marker, and attributes beyond {@link Builder#maxAttributes(int)} are left out; both are counted. Spans
 * reloaded from the files go through the same steps. The reload runs in the background ({@link #isReloading()}):
 * building the processor does not wait for it.
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

    private final SpanCapture capture;
    private final boolean captureUnsampled;
    private final Path directory;
    private final SpanLogWriter writer;
    private final SpanReloader reloader;
    private final IngestPipeline pipeline;

    private FileBasedSpanProcessor(Builder builder) {
        this.capture = new SpanCapture(builder.store, builder.exclusions,
                new AttributeSanitizer(builder.redaction, builder.maxAttributeLength, builder.maxAttributes));
        this.captureUnsampled = builder.captureUnsampled;
        this.directory = builder.log == null ? null : builder.log.directory();
        this.writer = builder.log == null ? null : new SpanLogWriter(builder.log);
        this.reloader = builder.log == null ? null : new SpanReloader(builder.log.directory(), capture);
        this.pipeline = new IngestPipeline(capture, writer, reloader, builder.queueCapacity, builder.maxBatchSize,
                builder.ingestDelay.toNanos(), builder.flushInterval.toNanos());
        if (writer != null) {
            writer.start();
        }
        pipeline.start();
        if (reloader != null) {
            reloader.start(pipeline::wake);
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

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
    }

    @Override
    public boolean isStartRequired() {
        return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
        if (captureUnsampled || span.getSpanContext().isSampled()) {
            pipeline.offer(span);
        }
    }

    @Override
    public boolean isEndRequired() {
        return true;
    }

    /**
     * Completes once every span ended before this call is in the store and written to the file log (handed to the OS);
     * while a reload runs, once it is through. Fails when a span ended since the previous flush could not be written (a
     * full disk, a stopped writer); the spans are still in memory.
     *
     * @return the result
     */
    @Override
    public CompletableResultCode forceFlush() {
        return pipeline.flush();
    }

    /**
     * Stores and writes what is queued, stops the worker thread and closes the file; spans that end later are
     * dropped and counted. Idempotent.
     *
     * @return completes when the files are closed; fails when a span could not be written
     */
    @Override
    public CompletableResultCode shutdown() {
        return pipeline.shutdown();
    }

    /**
     * Asks the worker to store at once every span ended before this call, and waits at most {@code maxWait} for
     * it: a query made right after a request then sees the request's spans. For query paths only: it waits, so an
     * application thread must never call it.
     *
     * <pre>{@code
     * processor.awaitIngest(Duration.ofMillis(100));
     * List<TraceSummary> traces = processor.store().findTraces(query);
     * }</pre>
     *
     * @param maxWait the longest wait
     * @return {@code true} when the spans are stored; {@code false} when the wait ran out, or at once while a
     *     reload runs ({@link #isReloading()}: new spans are stored once it is through)
     */
    public boolean awaitIngest(Duration maxWait) {
        return pipeline.awaitIngest(maxWait.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** @return the store this processor adds spans to */
    public SpanStore store() {
        return capture.store();
    }

    /** @return the directory of the span files, empty when the processor keeps spans in memory only */
    public Optional<Path> directory() {
        return Optional.ofNullable(directory);
    }

    /**
     * @return {@code true} while spans are written to files; {@code false} when they are kept in memory only: no
     *     directory was given, the file cannot be written now (see {@link #lastWriteError()}), the writer stopped
     *     (see {@link #failure()}), or after shutdown
     */
    public boolean isFileLogActive() {
        return writer != null && writer.isWriting() && !pipeline.isTerminated();
    }

    /**
     * @return {@code true} while the spans of the files are read back into the store: queries answer what is
     *     loaded so far, and spans that end meanwhile are stored once the reload is through
     */
    public boolean isReloading() {
        return pipeline.isHoldingForReload();
    }

    /** @return spans the reload has stored so far */
    public long reloadedSpanCount() {
        return reloader == null ? 0 : reloader.loadedCount();
    }

    /** @return what was read back from the files when the processor started; {@link ReadResult#NONE} until done */
    public ReadResult reloaded() {
        return reloader == null ? ReadResult.NONE : reloader.result();
    }

    /**
     * @return why a thread of the processor stopped before {@link #shutdown()} (an interrupt, an error): the
     *     ingest worker (spans are then dropped and counted) or the file writer (spans are then kept in memory
     *     only); empty while both run
     */
    public Optional<String> failure() {
        String ingest = pipeline.failure();
        return Optional.ofNullable(ingest != null ? ingest : writer == null ? null : writer.failure());
    }

    /**
     * @return spans dropped, neither stored nor written: the queue was full, or they ended after
     *     {@link #shutdown()} or after the worker stopped
     */
    public long droppedSpanCount() {
        return pipeline.droppedCount();
    }

    /** @return spans written to the files (handed to the operating system) */
    public long writtenSpanCount() {
        return writer == null ? 0 : writer.writtenSpanCount();
    }

    /** @return bytes of OTLP/JSON lines appended to the file log */
    public long writtenByteCount() {
        return writer == null ? 0 : writer.writtenByteCount();
    }

    /** @return batches appended to the file log (or attempted: failed appends count too) */
    public long batchWriteCount() {
        return writer == null ? 0 : writer.batchWriteCount();
    }

    /** @return the time spent appending batches to the file log, in nanoseconds, summed over every batch */
    public long batchWriteNanos() {
        return writer == null ? 0 : writer.batchWriteNanos();
    }

    /**
     * @return spans whose file write failed: an I/O error, the file could not be opened, they could not be
     *     encoded, or the writer had stopped. They were still stored in memory.
     */
    public long failedSpanCount() {
        return writer == null ? 0 : writer.unwrittenCount();
    }

    /** @return spans that could not be converted or stored */
    public long rejectedSpanCount() {
        return capture.rejectedCount();
    }

    /** @return string attribute values (or array elements) cut to {@link Builder#maxAttributeLength(int)} */
    public long truncatedAttributeValueCount() {
        return capture.truncatedValueCount();
    }

    /**
     * @return attributes of spans, events and links left out, beyond {@link Builder#maxAttributes(int)} or by the
     *     SDK's own span limits before the span reached this processor
     */
    public long droppedAttributeCount() {
        return capture.droppedAttributeCount();
    }

    /** @return why the files cannot be written, naming the path; empty once a later write succeeded */
    public Optional<String> lastWriteError() {
        return writer == null ? Optional.empty() : writer.lastError();
    }

    /**
     * @return spans kept in memory only because another writer holds the directory (see
     *     {@link SpanLog#spansInStandby()}); 0 without a directory
     */
    public long spansInStandby() {
        return writer == null ? 0 : writer.spansInStandby();
    }

    /** Configures a {@link FileBasedSpanProcessor}; every setting is validated when set. */
    public static final class Builder {
        /** Default {@link #queueCapacity(int)}. */
        public static final int DEFAULT_QUEUE_CAPACITY = 8192;
        /** Default {@link #maxBatchSize(int)}. */
        public static final int DEFAULT_MAX_BATCH_SIZE = 512;
        /** Default {@link #flushInterval(Duration)}. */
        public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(1);
        /** Default {@link #ingestDelay(Duration)}. */
        public static final Duration DEFAULT_INGEST_DELAY = Duration.ofMillis(10);
        /** Default {@link #maxAttributeLength(int)}. */
        public static final int DEFAULT_MAX_ATTRIBUTE_LENGTH = 4096;
        /** Default {@link #maxAttributes(int)}: the OpenTelemetry SDK's own default limit. */
        public static final int DEFAULT_MAX_ATTRIBUTES = 128;

        private final SpanStore store;
        private SpanLog.Builder log;
        private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
        private int maxBatchSize = DEFAULT_MAX_BATCH_SIZE;
        private Duration flushInterval = DEFAULT_FLUSH_INTERVAL;
        private Duration ingestDelay = DEFAULT_INGEST_DELAY;
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
         * The newest spans found there (up to the store's capacity) are reloaded into the store in the background
         * once the processor is built. Unset (the default): spans are kept in memory only.
         *
         * @param directory the directory, created owner-only when missing
         * @return this
         */
        public Builder directory(Path directory) {
            return log(directory == null ? null : SpanLog.builder(directory));
        }

        /**
         * The span files, with their rotation, retention and fsync settings. The newest spans found in its
         * directory (up to the store's capacity) are reloaded into the store in the background once the processor is
         * built.
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
         * @param queueCapacity spans waiting for the worker; beyond them a span that ends is dropped and counted
         *     ({@link FileBasedSpanProcessor#droppedSpanCount()}); default {@value #DEFAULT_QUEUE_CAPACITY}
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
         * How long the worker, once woken by a span, waits for more before it stores them, unless
         * {@link #maxBatchSize(int)} spans are queued first: one wake-up of the worker then carries many spans
         * instead of one each. A query through {@link FileBasedSpanProcessor#awaitIngest(Duration)} does not wait
         * for it.
         *
         * @param ingestDelay the delay; zero stores each span as soon as the worker runs; default 10 ms
         * @return this
         */
        public Builder ingestDelay(Duration ingestDelay) {
            if (ingestDelay == null || ingestDelay.isNegative()) {
                throw new IllegalArgumentException("ingestDelay must be zero or positive, but was " + ingestDelay);
            }
            this.ingestDelay = ingestDelay;
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
         * Starts the worker thread, the writer thread (which opens the file log) and the reload from
         * {@link #directory(Path)}, without waiting for any of them: building never touches the disk.
         * A directory that cannot be written is logged; spans are then kept in memory, and writing is retried.
         *
         * @return the processor
         */
        public FileBasedSpanProcessor build() {
            return new FileBasedSpanProcessor(this);
        }
    }
}
