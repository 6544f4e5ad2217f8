package dev.tracestore.core.otel;

import dev.tracestore.core.log.ReadResult;
import dev.tracestore.core.log.SpanLog;
import dev.tracestore.core.model.StoredSpan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads the newest spans of the span directory back into the store on a thread of its own, so that the
 * application starts without waiting for it. Spans that end meanwhile are held back by the {@link IngestPipeline}
 * and stored after the reloaded (older) ones; as the writer appends them to the file being read, the reload skips
 * them ({@link #skipWhenRead}) so that none is stored twice.
 */
final class SpanReloader {

    private static final Logger logger = LoggerFactory.getLogger(SpanReloader.class);

    /** Ends a reload from inside the sink at shutdown. */
    private static final class Cancelled extends RuntimeException {
        Cancelled() {
            super("reload cancelled", null, false, false);
        }
    }

    private final Path directory;
    private final SpanCapture capture;
    private final Set<String> skipped = ConcurrentHashMap.newKeySet();
    private final AtomicLong loaded = new AtomicLong();
    private volatile boolean done;
    private volatile boolean cancelled;
    private volatile ReadResult result = ReadResult.NONE;

    SpanReloader(Path directory, SpanCapture capture) {
        this.directory = directory;
        this.capture = capture;
    }

    /** Starts the reload; {@code onDone} runs on the reload thread when it ends, whichever way. */
    void start(Runnable onDone) {
        Thread thread = new Thread(() -> {
            try {
                reload();
            } finally {
                done = true;
                onDone.run();
            }
        }, "trace-store-reload");
        thread.setDaemon(true);
        thread.start();
    }

    private void reload() {
        if (!Files.exists(directory)) {
            return;
        }
        long start = System.nanoTime();
        try {
            // sanitizing runs on the decoding threads, storing on this one, a line of spans at a time
            result = SpanLog.readNewest(directory, capture.store().capacity(), capture::sanitize, this::load);
            logger.info("Reloaded {} spans from {} in {} ms ({} files, {} unreadable lines skipped); {} kept in memory",
                    result.spansRead(), directory, (System.nanoTime() - start) / 1_000_000, result.filesRead(),
                    result.linesSkipped(), capture.store().size());
        } catch (Cancelled e) {
            logger.info("Reload from {} stopped by the shutdown after {} spans", directory, loaded.get());
        } catch (IOException | RuntimeException e) {
            logger.warn("Could not reload spans from {}: {}", directory, e.toString());
        }
    }

    private void load(List<StoredSpan> spans) {
        if (cancelled) {
            throw new Cancelled();
        }
        List<StoredSpan> kept = skipped.isEmpty() ? spans
                : spans.stream().filter(span -> !skipped.contains(key(span))).toList();
        capture.storeAll(kept);
        loaded.addAndGet(kept.size());
    }

    /** The span ended during the reload and is stored by the pipeline: the reload must not store it again. */
    void skipWhenRead(StoredSpan span) {
        skipped.add(key(span));
    }

    void forgetSkips() {
        skipped.clear();
    }

    private static String key(StoredSpan span) {
        return span.traceId() + span.spanId();
    }

    void cancel() {
        cancelled = true;
    }

    boolean isDone() {
        return done;
    }

    /** @return spans stored by the reload so far */
    long loadedCount() {
        return loaded.get();
    }

    /** @return what the reload read, {@link ReadResult#NONE} until it is done */
    ReadResult result() {
        return result;
    }
}
