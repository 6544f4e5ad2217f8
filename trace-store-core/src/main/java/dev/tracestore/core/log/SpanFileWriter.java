package dev.tracestore.core.log;

import dev.tracestore.core.model.StoredSpan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What {@link SpanLog} does when it writes: encodes batches into a buffer of whole lines, hands them to
 * {@code spans.jsonl} ({@link CurrentFile}), rotates and applies retention ({@link RotatedFiles}), claims the directory
 * ({@link DirectoryLock}) or stands by, gives up the file after a failure and retries it ({@link RetryBackoff}), and
 * counts what was written, failed or kept in memory only. Thread-safe: {@link #append}, {@link #flush} and
 * {@link #close} are synchronized, the counters volatile.
 */
final class SpanFileWriter {

    private static final Logger logger = LoggerFactory.getLogger(SpanLog.class);

    /** Buffered lines reach the file once this many bytes are pending. */
    private static final int FLUSH_THRESHOLD = 64 << 10;

    private final Path directory;
    private final long maxFileSize;
    private final int maxFiles;
    private final Duration maxFileAge;
    private final Clock clock;
    private final CurrentFile file;
    private final RotatedFiles rotated;
    private final RetryBackoff retry = new RetryBackoff();
    private final OtlpJsonWriter encoder = new OtlpJsonWriter();
    private final LineBuffer buffer = new LineBuffer(FLUSH_THRESHOLD + (FLUSH_THRESHOLD >> 1));

    private int bufferedSpans;
    private IOException lastFailure;
    private String lastRetentionError;
    private boolean closed;
    /** The claim on the directory; {@code null} until taken, and after a failure until the retry. */
    private DirectoryLock lock;
    /** {@link #spansFailed} when the previous flush returned: what failed since then fails the next flush. */
    private long spansFailedAtLastFlush;
    /** Why spans were last counted as failed. */
    private Exception lastLoss;

    private volatile SpanLog.State state = SpanLog.State.FAILING;
    private volatile String lastError;
    private volatile long spansInStandby;
    private volatile long bytesWritten;
    private volatile long spansWritten;
    private volatile long spansFailed;

    SpanFileWriter(Path directory, long maxFileSize, int maxFiles, Duration maxFileAge, boolean fsync,
            CurrentFile.Opener opener, RotatedFiles.Lister lister, Clock clock) {
        this.directory = directory;
        this.maxFileSize = maxFileSize;
        this.maxFiles = maxFiles;
        this.maxFileAge = maxFileAge;
        this.clock = clock;
        this.file = new CurrentFile(directory, fsync, opener);
        this.rotated = new RotatedFiles(directory, lister);
    }

    /** Opens {@code spans.jsonl}, or records why it cannot be opened and when to try again. */
    synchronized void tryToOpen() {
        try {
            openFile(true);
        } catch (IOException e) {
            fail(e);
        }
    }

    /** @return why the first attempt to open failed, {@code null} when it did not */
    synchronized IOException failureToOpen() {
        return lastFailure;
    }

    Path currentFile() {
        return file.path();
    }

    synchronized void append(List<StoredSpan> batch) throws IOException {
        if (closed) {
            throw new IOException("Span log " + file.path() + " is closed");
        }
        if (batch.isEmpty()) {
            return;
        }
        int mark = buffer.size();
        try {
            if (!ensureOpenFile()) {
                spansInStandby += batch.size();
                return;
            }
            if (file.size() >= maxFileSize) {
                rotate();
                mark = 0;
            }
            if (file.endsInTornLine()) {
                buffer.write('\n');
            }
            writeLines(batch);
        } catch (IOException | RuntimeException e) {
            buffer.truncate(Math.min(mark, buffer.size()));
            spansFailed += batch.size();
            lastLoss = e;
            throw e;
        }
        int added = buffer.size() - mark;
        file.grew(added);
        bytesWritten += added;
        bufferedSpans += batch.size();
        if (buffer.size() >= FLUSH_THRESHOLD) {
            drain();
        }
    }

    /** Encodes {@code batch} as one line, or halves it until every line is short enough to be read back. */
    private void writeLines(List<StoredSpan> batch) throws IOException {
        int lineStart = buffer.size();
        encoder.write(batch, buffer);
        int length = buffer.size() - lineStart;
        if (length > SpanFileReader.MAX_LINE_BYTES) {
            buffer.truncate(lineStart);
            if (batch.size() == 1) {
                throw new IOException("Span " + batch.get(0).spanId() + " encodes to " + length
                        + " bytes, more than the " + SpanFileReader.MAX_LINE_BYTES + " a line may hold");
            }
            int half = batch.size() / 2;
            writeLines(batch.subList(0, half));
            writeLines(batch.subList(half, batch.size()));
            return;
        }
        buffer.write('\n');
    }

    synchronized void flush() throws IOException {
        if (closed) {
            return;
        }
        try {
            if (file.isGone()) {
                // Deleted or moved away: what still reaches the old file is lost to readers. Start a new one now.
                logger.info("Span log file {} disappeared; creating it again", file.path());
                file.closeQuietly();
                openOrFail();
            } else if (!file.isOpen() && retry.due(clock.millis())) {
                openOrFail();
            }
            if (file.isOpen()) {
                drain();
                forceOrFail();
            }
            applyRetention();
        } finally {
            reportFailuresSinceLastFlush();
        }
    }

    /** Turns the spans lost since the previous flush into the exception that tells the flush's caller. */
    private void reportFailuresSinceLastFlush() throws SpansNotWrittenException {
        long lost = spansFailed - spansFailedAtLastFlush;
        spansFailedAtLastFlush = spansFailed;
        if (lost > 0) {
            throw new SpansNotWrittenException(lost, lastLoss.getMessage(), lastLoss);
        }
    }

    /** @return {@code false} while in standby: another writer holds the directory */
    private boolean ensureOpenFile() throws IOException {
        if (file.isOpen()) {
            return true;
        }
        if (!retry.due(clock.millis())) {
            if (state == SpanLog.State.STANDBY) {
                return false;
            }
            throw new IOException(lastError);
        }
        openOrFail();
        return file.isOpen();
    }

    private void openOrFail() throws IOException {
        openOrFail(true);
    }

    private void openOrFail(boolean listRotated) throws IOException {
        try {
            openFile(listRotated);
        } catch (IOException e) {
            throw fail(e);
        }
    }

    /**
     * @param listRotated whether to list the rotated files again: at the first open and after a failure (the
     *     directory may have changed meanwhile), not after a rotation of this log's own, which keeps the list up to
     *     date; a listing per rotation would cost time growing with max-files, and quadratic time in all
     */
    private void openFile(boolean listRotated) throws IOException {
        CurrentFile.createDirectory(directory);
        if (!holdsDirectory()) {
            return;
        }
        file.open();
        state = SpanLog.State.WRITING;
        if (listRotated) {
            try {
                rotated.scan();
            } catch (IOException e) {
                reportRetentionError("Cannot list the rotated span log files in " + directory + ": "
                        + IoReason.of(e));
            }
        }
        applyRetention();
    }

    /**
     * Takes the directory for this log, or goes to (or stays in) standby while another writer holds it.
     *
     * @return whether this log holds the directory now
     */
    private boolean holdsDirectory() throws IOException {
        if (lock != null) {
            return true;
        }
        Optional<DirectoryLock> acquired;
        try {
            acquired = DirectoryLock.tryAcquire(directory);
        } catch (IOException e) {
            throw new IOException("Cannot lock span log directory " + directory + ": " + IoReason.of(e), e);
        }
        if (acquired.isEmpty()) {
            retry.standBy(clock.millis());
            if (state != SpanLog.State.STANDBY) {
                state = SpanLog.State.STANDBY;
                logger.warn("Span log directory {} is in use by {} (lock file {}). This one keeps its spans in memory "
                        + "only and takes over the directory once it is free. Give each application (and each test "
                        + "context) a directory of its own.", directory, DirectoryLock.holder(directory),
                        directory.resolve(DirectoryLock.FILE_NAME));
            }
            return false;
        }
        if (state == SpanLog.State.STANDBY) {
            logger.info("Span log directory {} is free again: writing spans to it", directory);
        }
        lock = acquired.get();
        return true;
    }

    private void rotate() throws IOException {
        drain();
        forceOrFail();
        file.closeQuietly();
        Path target = rotated.nextName(clock.instant());
        for (int attempt = 1; !moveOrFail(target); attempt++) {
            if (attempt == 100) {
                throw fail(new IOException("Cannot rotate span log file " + file.path() + ": every name up to "
                        + target.getFileName() + " is taken"));
            }
            rotated.add(target);   // someone else's file: the next name must be later
            target = rotated.nextName(clock.instant());
        }
        rotated.add(target);
        openOrFail(false);
    }

    private boolean moveOrFail(Path target) throws IOException {
        try {
            return file.moveTo(target);
        } catch (IOException e) {
            throw fail(e);
        }
    }

    private void applyRetention() {
        if (lock == null) {
            return;   // the files belong to the writer that holds the directory
        }
        try {
            rotated.retain(maxFiles - 1, maxFileAge, clock.instant());
            lastRetentionError = null;
        } catch (IOException e) {
            reportRetentionError("Cannot delete an old span log file in " + directory + ": " + IoReason.of(e));
        }
    }

    /** Retention failures lose no spans, only disk space: tell once, try again at the next flush. */
    private void reportRetentionError(String message) {
        if (!message.equals(lastRetentionError)) {
            logger.warn(message);
            lastRetentionError = message;
        }
    }

    private void drain() throws IOException {
        if (buffer.size() == 0) {
            return;
        }
        try {
            file.write(buffer);
        } catch (IOException e) {
            throw fail(e);
        }
        spansWritten += bufferedSpans;
        bufferedSpans = 0;
        retry.succeeded();
        lastFailure = null;
        lastError = null;
    }

    private void forceOrFail() throws IOException {
        try {
            file.force();
        } catch (IOException e) {
            throw fail(e);
        }
    }

    /**
     * Gives up the file after a failure: drops and counts what was buffered, closes the file, lets go of the
     * directory and schedules the next attempt.
     *
     * @return {@code e}, to throw
     */
    private IOException fail(IOException e) {
        file.closeQuietly();
        // The directory may be gone and made again, with a new lock file: claim it again with the retry.
        releaseLock();
        state = SpanLog.State.FAILING;
        buffer.truncate(0);
        if (bufferedSpans > 0) {
            lastLoss = e;
        }
        spansFailed += bufferedSpans;
        bufferedSpans = 0;
        retry.failed(clock.millis());
        lastFailure = e;
        lastError = e.getMessage();
        return e;
    }

    private void releaseLock() {
        DirectoryLock toRelease = lock;
        lock = null;
        if (toRelease != null) {
            try {
                toRelease.close();
            } catch (IOException e) {
                logger.debug("Cannot release the lock on span log directory {}: {}", directory, e.toString());
            }
        }
    }

    synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (file.isOpen()) {
                try {
                    drain();
                    forceOrFail();
                } finally {
                    file.close();
                }
            }
        } finally {
            releaseLock();
            state = SpanLog.State.CLOSED;
            reportFailuresSinceLastFlush();
        }
    }

    SpanLog.State state() {
        return state;
    }

    Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    long spansInStandby() {
        return spansInStandby;
    }

    long bytesWritten() {
        return bytesWritten;
    }

    long spansWritten() {
        return spansWritten;
    }

    long spansFailed() {
        return spansFailed;
    }
}
