package dev.tracestore.core.otel;

import dev.tracestore.core.log.ReadResult;
import dev.tracestore.core.log.SpanLog;
import dev.tracestore.core.log.SpanSnapshot;
import dev.tracestore.core.model.StoredSpan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Reads the newest spans of the span directory back into the store on a thread of its own, so that the
 * application starts without waiting for it. Spans that end meanwhile are held back by the {@link IngestPipeline}
 * and stored after the reloaded (older) ones; as the writer appends them to the file being read, the reload skips
 * them ({@link #skipWhenRead}) so that none is stored twice.
 *
 * <p>When the last shutdown was clean, it left a {@link SpanSnapshot} of the store: if it still matches the span
 * files and the settings, the reload reads it instead of parsing the files, which is several times cheaper; if it
 * fails part way, the files are read on from where it stopped. See {@link ShutdownSnapshot}.
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
    /** What shapes reloaded spans, for the snapshot; {@code null}: snapshots are off (one found is deleted). */
    private final String snapshotSettings;
    private final Set<String> skipped = ConcurrentHashMap.newKeySet();
    private final AtomicLong loaded = new AtomicLong();
    /** Spans the snapshot handed over, before the skips: a reload from the files after a failure leaves them out. */
    private long handedOverBySnapshot;
    private volatile boolean done;
    private volatile boolean cancelled;
    private volatile boolean complete;
    private volatile boolean fromSnapshot;
    private volatile ReadResult result = ReadResult.NONE;

    /**
     * @param snapshotSettings the settings that shape reloaded spans ({@link ReloadSettings}), {@code null} when
     *     snapshots are off
     */
    SpanReloader(Path directory, SpanCapture capture, String snapshotSettings) {
        this.directory = directory;
        this.capture = capture;
        this.snapshotSettings = snapshotSettings;
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
            complete = true;
            return;
        }
        long start = System.nanoTime();
        try {
            ReadResult read = readSnapshot();
            if (read == null) {
                // sanitizing runs on the decoding threads, storing on this one, a line of spans at a time
                long alreadyStored = handedOverBySnapshot;
                read = SpanLog.readNewest(directory, capture.store().capacity(), capture::sanitize,
                        alreadyStored == 0 ? this::load : leavingOut(alreadyStored));
            }
            result = read;
            complete = true;
            logger.info("Reloaded {} spans from {} in {} ms ({}, {} files, {} unreadable lines skipped); {} kept in "
                    + "memory", read.spansRead(), directory, (System.nanoTime() - start) / 1_000_000,
                    fromSnapshot ? "from the snapshot of the last shutdown" : "from the span files", read.filesRead(),
                    read.linesSkipped(), capture.store().size());
        } catch (Cancelled e) {
            logger.info("Reload from {} stopped by the shutdown after {} spans", directory, loaded.get());
        } catch (IOException | RuntimeException e) {
            logger.warn("Could not reload spans from {}: {}", directory, e.toString());
        }
    }

    /**
     * Reads the snapshot of the last clean shutdown when it still matches the files and settings.
     *
     * @return what it read, {@code null} when the files must be read: there is no usable snapshot, or it failed
     *     part way (then {@link #handedOverBySnapshot} spans are stored: the first that many the files would give)
     */
    private ReadResult readSnapshot() {
        if (snapshotSettings == null) {
            SpanSnapshot.delete(directory);
            return null;
        }
        Optional<SpanSnapshot> opened = SpanSnapshot.open(directory, capture.store().capacity(), snapshotSettings);
        if (opened.isEmpty()) {
            return null;
        }
        try (SpanSnapshot snapshot = opened.get()) {
            ReadResult read = snapshot.read(spans -> {
                load(spans);
                handedOverBySnapshot += spans.size();
            });
            fromSnapshot = true;
            return read;
        } catch (IOException e) {
            logger.info("The span snapshot of {} failed after {} spans ({}); reloading the rest from the span files",
                    directory, handedOverBySnapshot, e.getMessage());
            return null;
        }
    }

    /** @return a sink for the files' spans that leaves out their first {@code count}, stored from the snapshot */
    private Consumer<List<StoredSpan>> leavingOut(long count) {
        long[] left = {count};
        return spans -> {
            if (left[0] >= spans.size()) {
                left[0] -= spans.size();
                return;
            }
            List<StoredSpan> rest = spans.subList((int) left[0], spans.size());
            left[0] = 0;
            load(rest);
        };
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

    /**
     * @return {@code true} once the reload read everything it meant to (or there was no directory): not cancelled,
     *     no error
     */
    boolean isComplete() {
        return complete;
    }

    /** @return {@code true} when the reload read the snapshot of the last clean shutdown, not the span files */
    boolean isFromSnapshot() {
        return fromSnapshot;
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
