package dev.tracestore.core.otel;

import dev.tracestore.core.log.SpanLog;
import dev.tracestore.core.log.SpanLogBuilder;
import dev.tracestore.core.store.SpanStore;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Configures a {@link FileBasedSpanProcessor}, from {@link FileBasedSpanProcessor#builder(SpanStore)}; every setting
 * is validated when set, and each has a default.
 *
 * <pre>{@code
 * FileBasedSpanProcessor processor = FileBasedSpanProcessor.builder(store)
 *         .directory(Path.of("trace-store"))
 *         .queueCapacity(16_384)
 *         .ingestDelay(Duration.ofMillis(50))
 *         .build();
 * }</pre>
 */
public final class FileBasedSpanProcessorBuilder {
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

    final SpanStore store;
    SpanLogBuilder log;
    int queueCapacity = DEFAULT_QUEUE_CAPACITY;
    int maxBatchSize = DEFAULT_MAX_BATCH_SIZE;
    Duration flushInterval = DEFAULT_FLUSH_INTERVAL;
    Duration ingestDelay = DEFAULT_INGEST_DELAY;
    SpanExclusions exclusions = SpanExclusions.none();
    Redaction redaction = Redaction.defaults();
    int maxAttributeLength = DEFAULT_MAX_ATTRIBUTE_LENGTH;
    int maxAttributes = DEFAULT_MAX_ATTRIBUTES;
    boolean captureUnsampled;
    boolean snapshotOnShutdown;

    FileBasedSpanProcessorBuilder(SpanStore store) {
        this.store = Objects.requireNonNull(store, "store must not be null");
    }

    /**
     * The directory of the span files, with the default rotation and retention of {@link SpanLogBuilder}.
     * The newest spans found there (up to the store's capacity) are reloaded into the store in the background
     * once the processor is built. Unset (the default): spans are kept in memory only.
     *
     * @param directory the directory, created owner-only when missing
     * @return this
     */
    public FileBasedSpanProcessorBuilder directory(Path directory) {
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
    public FileBasedSpanProcessorBuilder log(SpanLogBuilder log) {
        this.log = log;
        return this;
    }

    /**
     * @param queueCapacity spans waiting for the worker; beyond them a span that ends is dropped and counted
     *     ({@link FileBasedSpanProcessor#droppedSpanCount()}); default {@value #DEFAULT_QUEUE_CAPACITY}
     * @return this
     */
    public FileBasedSpanProcessorBuilder queueCapacity(int queueCapacity) {
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
    public FileBasedSpanProcessorBuilder maxBatchSize(int maxBatchSize) {
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
    public FileBasedSpanProcessorBuilder flushInterval(Duration flushInterval) {
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
    public FileBasedSpanProcessorBuilder ingestDelay(Duration ingestDelay) {
        if (ingestDelay == null || ingestDelay.isNegative()) {
            throw new IllegalArgumentException("ingestDelay must be zero or positive, but was " + ingestDelay);
        }
        this.ingestDelay = ingestDelay;
        return this;
    }

    /**
     * Spans not to store, and with them every span inside them in this process (such as Spring Security's spans
     * inside an excluded {@code /actuator} request, which carry no path of their own). Such inner spans end before
     * the excluded one, so with exclusions a span whose parent is a span of this process is stored only once its
     * local root (the outermost of its ancestors in this process) has ended and is not excluded: at most 30 s
     * later, after which it is stored undecided ({@link FileBasedSpanProcessor#undecidedExclusionCount()}).
     *
     * @param exclusions spans not to store (by name or URL path); none by default
     * @return this
     */
    public FileBasedSpanProcessorBuilder exclude(SpanExclusions exclusions) {
        this.exclusions = Objects.requireNonNull(exclusions, "exclusions must not be null");
        return this;
    }

    /**
     * @param redaction which attribute values to mask before a span is stored or written;
     *     {@link Redaction#defaults()} by default, {@link Redaction#none()} to keep every value
     * @return this
     */
    public FileBasedSpanProcessorBuilder redact(Redaction redaction) {
        this.redaction = Objects.requireNonNull(redaction, "redaction must not be null");
        return this;
    }

    /**
     * @param maxAttributeLength the most characters of a string attribute value (or of each element of a
     *     string array) kept; a longer value keeps that many and ends in {@code ...[truncated N chars]}; default
     *     {@value #DEFAULT_MAX_ATTRIBUTE_LENGTH}
     * @return this
     */
    public FileBasedSpanProcessorBuilder maxAttributeLength(int maxAttributeLength) {
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
    public FileBasedSpanProcessorBuilder maxAttributes(int maxAttributes) {
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
    public FileBasedSpanProcessorBuilder captureUnsampled(boolean captureUnsampled) {
        this.captureUnsampled = captureUnsampled;
        return this;
    }

    /**
     * Whether {@link FileBasedSpanProcessor#shutdown()} writes a snapshot of the store ({@code spans.snapshot} in the
     * directory) for the next start to read instead of parsing the span files: several times faster at a million
     * spans. It is written only when the store holds exactly what a reload of the files would, and used only while
     * the files and the settings are unchanged; the files stay the record. Writing it lengthens the shutdown: a few
     * tenths of a second at 100 000 stored spans, seconds at a million, while a reload from the files runs in the
     * background anyway: so it is off by default, for stores whose full reload must be quick. Default
     * {@code false}, which also deletes a snapshot found at start.
     *
     * @param snapshotOnShutdown {@code true} to write the snapshot at shutdown and read it at the next start
     * @return this
     */
    public FileBasedSpanProcessorBuilder snapshotOnShutdown(boolean snapshotOnShutdown) {
        this.snapshotOnShutdown = snapshotOnShutdown;
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
