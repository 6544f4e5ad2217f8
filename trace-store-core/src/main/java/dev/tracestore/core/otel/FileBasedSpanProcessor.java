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
 * A {@link SpanProcessor} that keeps every sampled span (with
 * {@link FileBasedSpanProcessorBuilder#captureUnsampled(boolean)}, every recorded span) in a {@link SpanStore} and
 * appends it to a {@link SpanLog}.
 * {@link #onEnd} only hands the ended span to a bounded queue: it never waits on a lock, never throws, and wakes the
 * worker thread only when it sleeps idle or a batch is ready. The worker converts the spans, a store thread (with
 * more than one CPU; the worker itself on one) adds
 * them to the store within {@link FileBasedSpanProcessorBuilder#ingestDelay(Duration)}, and one writer thread
 * appends batches of them to the files.
 * When the queue is full the span is dropped and counted ({@link #droppedSpanCount()}), as the SDK's
 * {@code BatchSpanProcessor} does; so is a span that ends after {@link #shutdown()}. With exclusions, a span inside
 * another span of this process is stored once its local root has ended and is not excluded
 * ({@link FileBasedSpanProcessorBuilder#exclude(SpanExclusions)}).
 *
 * <p>Before a span is stored, the values its {@link Redaction} names are masked (by default the usual credentials:
 * {@link Redaction#defaults()}), string attribute values longer than
 * {@link FileBasedSpanProcessorBuilder#maxAttributeLength(int)} are cut with a marker, and attributes beyond
 * {@link FileBasedSpanProcessorBuilder#maxAttributes(int)} are left out; both are counted. Spans
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
    /** {@code null} without files or with {@link FileBasedSpanProcessorBuilder#snapshotOnShutdown} off. */
    private final ShutdownSnapshot snapshot;
    private CompletableResultCode shutdownResult;

    FileBasedSpanProcessor(FileBasedSpanProcessorBuilder builder) {
        this.capture = new SpanCapture(builder.store, builder.exclusions,
                new AttributeSanitizer(builder.redaction, builder.maxAttributeLength, builder.maxAttributes));
        this.captureUnsampled = builder.captureUnsampled;
        this.directory = builder.log == null ? null : builder.log.directory();
        this.writer = builder.log == null ? null : new SpanLogWriter(builder.log);
        String snapshotSettings = builder.log == null || !builder.snapshotOnShutdown ? null
                : ReloadSettings.describe(builder.redaction, builder.maxAttributeLength, builder.maxAttributes);
        this.reloader = builder.log == null ? null
                : new SpanReloader(builder.log.directory(), capture, snapshotSettings);
        this.pipeline = new IngestPipeline(capture, writer, reloader, builder.queueCapacity, builder.maxBatchSize,
                builder.ingestDelay.toNanos(), builder.flushInterval.toNanos(),
                Runtime.getRuntime().availableProcessors() > 1);
        this.snapshot = snapshotSettings == null ? null
                : new ShutdownSnapshot(directory, snapshotSettings, capture, reloader, writer, pipeline);
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
    public static FileBasedSpanProcessorBuilder builder(SpanStore store) {
        return new FileBasedSpanProcessorBuilder(store);
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
     * dropped and counted. Then, with {@link FileBasedSpanProcessorBuilder#snapshotOnShutdown(boolean)}, writes the
     * snapshot of the store that the next start reads instead of the files, when the store holds exactly what they
     * would reload. Idempotent.
     *
     * @return completes when the files are closed (and the snapshot written); fails when a span could not be written
     */
    @Override
    public CompletableResultCode shutdown() {
        if (snapshot == null) {
            return pipeline.shutdown();
        }
        synchronized (this) {
            if (shutdownResult == null) {
                boolean wasWriting = isFileLogActive();
                CompletableResultCode closed = pipeline.shutdown();
                CompletableResultCode result = new CompletableResultCode();
                // runs on the thread that closed the files, or here when they are closed already
                closed.whenComplete(() -> {
                    try {
                        snapshot.writeIfSafe(wasWriting, closed.isSuccess());
                    } finally {
                        if (closed.isSuccess()) {
                            result.succeed();
                        } else {
                            result.fail();
                        }
                    }
                });
                shutdownResult = result;
            }
            return shutdownResult;
        }
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

    /**
     * @return {@code true} when the reload at start read the snapshot the last clean shutdown wrote, rather than the
     *     span files (see {@link FileBasedSpanProcessorBuilder#snapshotOnShutdown(boolean)})
     */
    public boolean reloadedFromSnapshot() {
        return reloader != null && reloader.isFromSnapshot();
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
     * @return spans dropped, neither stored nor written: the queue was full, they ended after
     *     {@link #shutdown()} or after the worker stopped, or the worker stopped on an error while storing them
     */
    public long droppedSpanCount() {
        return pipeline.droppedCount();
    }

    /**
     * @return spans that ended while a reload ran and were pushed out by newer ones before it was through (more
     *     ended than the store holds), as the store would have evicted them: written to the files, not stored.
     *     The store's own {@link SpanStore#evictedCount()} counts the rest.
     */
    public long evictedWhileReloadingCount() {
        return pipeline.evictedWhileHeldCount();
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

    /**
     * @return spans left out by {@link FileBasedSpanProcessorBuilder#exclude(SpanExclusions) the exclusions}:
     *     matching ones and the spans inside them
     */
    public long excludedSpanCount() {
        return capture.excludedCount();
    }

    /**
     * @return spans inside another span of this process stored before their local root's exclusion was known:
     *     they waited 30 s, more than 16 384 waited, or the processor shut down; one inside an excluded span is
     *     then stored
     */
    public long undecidedExclusionCount() {
        return capture.releasedUndecidedCount();
    }

    /** @return spans that could not be converted or stored */
    public long rejectedSpanCount() {
        return capture.rejectedCount();
    }

    /**
     * @return string attribute values (or array elements) cut to
     *     {@link FileBasedSpanProcessorBuilder#maxAttributeLength(int)}
     */
    public long truncatedAttributeValueCount() {
        return capture.truncatedValueCount();
    }

    /**
     * @return attributes of spans, events and links left out, beyond
     *     {@link FileBasedSpanProcessorBuilder#maxAttributes(int)} or by the
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
}
