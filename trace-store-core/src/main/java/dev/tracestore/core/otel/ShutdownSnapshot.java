package dev.tracestore.core.otel;

import dev.tracestore.core.log.SpanSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Writes the store as a {@link SpanSnapshot} once the processor has shut down and closed the span files, when the
 * store provably holds what a reload of those files would store: the reload at start ran to its end and skipped no
 * line, every span stored since was written to the files (none failed, none kept in memory in standby, none
 * rejected by the store) and the log was writing when the shutdown began. The counts are then checked against the
 * files themselves ({@link SpanSnapshot#write}). Anything else: no snapshot, and the next start reads the files.
 */
final class ShutdownSnapshot {

    private static final Logger logger = LoggerFactory.getLogger(ShutdownSnapshot.class);

    private final Path directory;
    private final String settings;
    private final SpanCapture capture;
    private final SpanReloader reloader;
    private final SpanLogWriter writer;
    private final IngestPipeline pipeline;

    ShutdownSnapshot(Path directory, String settings, SpanCapture capture, SpanReloader reloader,
            SpanLogWriter writer, IngestPipeline pipeline) {
        this.directory = directory;
        this.settings = settings;
        this.capture = capture;
        this.reloader = reloader;
        this.writer = writer;
        this.pipeline = pipeline;
    }

    /**
     * @param wasWriting whether the span log was writing when the shutdown began (this process held the directory)
     * @param filesClosed whether the shutdown closed the files with every span written
     */
    void writeIfSafe(boolean wasWriting, boolean filesClosed) {
        String unsafe = whyUnsafe(wasWriting, filesClosed);
        if (unsafe != null) {
            logger.info("No span snapshot written to {}: {}; the next start reads the span files", directory, unsafe);
            SpanSnapshot.delete(directory);
            return;
        }
        long start = System.nanoTime();
        try {
            Optional<String> notWritten = SpanSnapshot.write(directory, capture.store().capacity(), settings,
                    capture.store().size(), capture::sanitize, capture.store()::forEachOldestFirst);
            if (notWritten.isPresent()) {
                logger.info("No span snapshot written to {}: {}; the next start reads the span files", directory,
                        notWritten.get());
            } else {
                logger.info("Wrote a snapshot of {} spans to {} in {} ms, for the next start", capture.store().size(),
                        directory, (System.nanoTime() - start) / 1_000_000);
            }
        } catch (IOException | RuntimeException e) {
            logger.warn("Could not write the span snapshot to {}: {}; the next start reads the span files",
                    directory, e.toString());
            SpanSnapshot.delete(directory);
        }
    }

    private String whyUnsafe(boolean wasWriting, boolean filesClosed) {
        if (!reloader.isComplete()) {
            return "the reload at start did not finish";
        }
        if (reloader.result().linesSkipped() > 0) {
            return "the reload at start skipped unreadable lines";
        }
        if (!wasWriting || !filesClosed || writer.unwrittenCount() > 0 || writer.spansInStandby() > 0
                || writer.failure() != null || pipeline.failure() != null) {
            return "not every span stored was written to the span files";
        }
        if (capture.rejectedCount() > 0) {
            return "spans were written that the store did not take";
        }
        return null;
    }
}
