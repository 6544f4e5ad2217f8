package dev.tracestore.core.log;

import dev.tracestore.core.model.StoredSpan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The span files: appends batches of spans to {@code spans.jsonl} as OTLP/JSON lines (one
 * {@code {"resourceSpans":[...]}} object per batch and line, as the OpenTelemetry Collector's file exporter writes
 * them), rotates and deletes old files, and reads such files back, also after a crash.
 *
 * <p>Rotation: once {@code spans.jsonl} holds {@link Builder#maxFileSize max-file-size} bytes, the next batch first
 * renames it to {@code spans-<UTC time of rotation>.jsonl} (like {@code spans-2026-01-05T10-15-30.123Z.jsonl}) and
 * starts a new {@code spans.jsonl}. Rotation happens between batches, so a line is never split and a file exceeds
 * the size by at most one batch. Retention then deletes the oldest rotated files beyond
 * {@link Builder#maxFiles max-files} (the current file included) and those rotated longer than
 * {@link Builder#maxFileAge max-file-age} ago.
 *
 * <p>One writer per directory: the log locks {@code spans.lock} in its directory ({@link FileChannel#tryLock}) while it
 * writes there. When another writer (another process, or another log of this one) holds it, the log logs a warning
 * and stands by ({@link State#STANDBY}): batches are counted by {@link #spansInStandby()} and not written, and the
 * lock is tried again, at most every 5 s, on later appends and flushes. Rotation never replaces an existing file.
 *
 * <p>Files hold trace data, which may be sensitive: a directory this class creates is owner-only ({@code rwx------})
 * and so is every {@code spans.jsonl} it creates ({@code rw-------}), where the file system supports POSIX
 * permissions. Existing directories and files keep their permissions.
 *
 * <p>Writing goes through a buffer: {@link #flush()} hands the bytes to the operating system, and also forces them
 * to the disk when {@link Builder#fsync fsync} is on. A batch that fails to encode leaves no trace in the file.
 * When the file cannot be written (the disk is full, the directory was removed or may not be written), the lines
 * buffered since the last flush are dropped and counted, the file is closed, and it is opened again (the directory
 * created again) on a later append or flush, at most every 250 ms at first and every 5 s while the fault lasts;
 * until then, batches are counted as failed at once. A {@code spans.jsonl} deleted while open is noticed at the
 * next flush and created again. The methods are thread-safe, though a single writer thread is the intended use.
 *
 * <pre>{@code
 * try (SpanLog log = SpanLog.builder(Path.of("/var/lib/app/traces"))
 *         .maxFileSize(64 << 20)
 *         .maxFiles(10)
 *         .open()) {
 *     log.append(batch);
 *     log.flush();
 * }
 * ReadResult result = SpanLog.readNewest(Path.of("/var/lib/app/traces"), 100_000, store::add);
 * }</pre>
 */
public final class SpanLog implements Closeable {

    private static final Logger logger = LoggerFactory.getLogger(SpanLog.class);

    /** The file new spans are appended to; rotated files sit beside it. */
    static final String CURRENT_FILE_NAME = "spans.jsonl";

    /** Buffered lines reach the file once this many bytes are pending. */
    private static final int FLUSH_THRESHOLD = 64 << 10;

    static final Duration FIRST_RETRY = Duration.ofMillis(250);
    static final Duration LAST_RETRY = Duration.ofSeconds(5);

    /**
     * What a log is doing with its directory; see {@link #state()}.
     *
     * <pre>{@code
     * if (log.state() == SpanLog.State.STANDBY) {
     *     health.withDetail("files", "another writer holds " + log.directory());
     * }
     * }</pre>
     */
    public enum State {
        /** {@code spans.jsonl} is open and batches are appended to it. */
        WRITING,
        /** The file cannot be written now ({@link #lastError()} says why); batches fail until a retry succeeds. */
        FAILING,
        /**
         * Another writer (another process, or another log of this one) holds the directory: batches are kept in
         * memory only, counted by {@link #spansInStandby()}, and this log takes over once the directory is free.
         */
        STANDBY,
        /** {@link #close()} was called. */
        CLOSED
    }

    /** Opens the file that batches are appended to; tests hand in one that fails on demand. */
    @FunctionalInterface
    interface Opener {
        FileChannel open(Path file) throws IOException;
    }

    private final Path directory;
    private final Path currentFile;
    private final long maxFileSize;
    private final int maxFiles;
    private final Duration maxFileAge;
    private final boolean fsync;
    private final Opener opener;
    private final Clock clock;
    private final RotatedFiles rotated;
    private final OtlpJsonWriter writer = new OtlpJsonWriter();
    private final LineBuffer buffer = new LineBuffer(FLUSH_THRESHOLD + (FLUSH_THRESHOLD >> 1));

    /** {@code null} while the file is not open: after a failure, until the retry. */
    private FileChannel channel;
    /** Bytes in {@code spans.jsonl}, buffered ones included. */
    private long fileSize;
    private int bufferedSpans;
    /** Set when {@code spans.jsonl} ends in a torn line: the next line must not be glued onto it. */
    private boolean startOnNewLine;
    /** Set when bytes reached the file since it was last forced to the disk. */
    private boolean unforced;
    private int consecutiveFailures;
    private long retryAtMillis;
    private IOException lastFailure;
    private String lastRetentionError;
    private boolean closed;
    /** The claim on the directory; {@code null} until taken, and after a failure until the retry. */
    private DirectoryLock lock;
    private long standbyRetryAtMillis;
    /** {@link #spansFailed} when the previous flush returned: what failed since then fails the next flush. */
    private long spansFailedAtLastFlush;
    /** Why spans were last counted as failed. */
    private Exception lastLoss;

    private volatile State state = State.FAILING;
    private volatile long spansInStandby;
    private volatile String lastError;
    private volatile long bytesWritten;
    private volatile long spansWritten;
    private volatile long spansFailed;

    private SpanLog(Builder builder) {
        this.directory = builder.directory;
        this.currentFile = builder.directory.resolve(CURRENT_FILE_NAME);
        this.maxFileSize = builder.maxFileSize;
        this.maxFiles = builder.maxFiles;
        this.maxFileAge = builder.maxFileAge;
        this.fsync = builder.fsync;
        this.opener = builder.opener;
        this.clock = builder.clock;
        this.rotated = new RotatedFiles(builder.directory);
    }

    /**
     * Opens a span log in {@code directory} that appends to one {@code spans.jsonl} without rotation or retention,
     * creating the directory (and its parents) owner-only and the file with mode 0600 when they are missing. When
     * the file ends in a line torn by a crash, the next batch starts on a fresh line.
     *
     * @param directory where the span files live
     * @return the open log, appending to {@link #currentFile()}
     * @throws IOException naming the path and the reason when the directory cannot be created or used (it is a
     *     file, it is not writable) or the file cannot be opened
     */
    public static SpanLog open(Path directory) throws IOException {
        return builder(directory).maxFileSize(Long.MAX_VALUE).maxFiles(Integer.MAX_VALUE).open();
    }

    /**
     * Starts configuring a span log with rotation and retention.
     *
     * @param directory where the span files live, created owner-only when missing
     * @return a builder with the documented defaults
     */
    public static Builder builder(Path directory) {
        return new Builder(directory);
    }

    /** Opens {@code spans.jsonl}, or records why it cannot be opened and when to try again. */
    private void tryToOpen() {
        try {
            openFile();
        } catch (IOException e) {
            fail(e);
        }
    }

    private void openFile() throws IOException {
        createDirectory(directory);
        if (!holdsDirectory()) {
            return;
        }
        boolean tornTail = endsInTornLine(currentFile);
        FileChannel opened;
        long size;
        try {
            opened = opener.open(currentFile);
        } catch (IOException e) {
            throw new IOException("Cannot open span log file " + currentFile + " for appending: " + reason(e), e);
        }
        try {
            size = opened.size();
        } catch (IOException e) {
            opened.close();
            throw new IOException("Cannot read the size of span log file " + currentFile + ": " + reason(e), e);
        }
        channel = opened;
        fileSize = size;
        startOnNewLine = tornTail;
        unforced = false;
        state = State.WRITING;
        if (fsync && size == 0) {
            forceDirectory();
        }
        try {
            rotated.scan();
        } catch (IOException e) {
            reportRetentionError("Cannot list the rotated span log files in " + directory + ": " + reason(e));
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
            throw new IOException("Cannot lock span log directory " + directory + ": " + reason(e), e);
        }
        if (acquired.isEmpty()) {
            standbyRetryAtMillis = clock.millis() + LAST_RETRY.toMillis();
            if (state != State.STANDBY) {
                state = State.STANDBY;
                logger.warn("Span log directory {} is in use by {} (lock file {}). This one keeps its spans in memory "
                        + "only and takes over the directory once it is free. Give each application (and each test "
                        + "context) a directory of its own.", directory, DirectoryLock.holder(directory),
                        directory.resolve(DirectoryLock.FILE_NAME));
            }
            return false;
        }
        if (state == State.STANDBY) {
            logger.info("Span log directory {} is free again: writing spans to it", directory);
        }
        lock = acquired.get();
        return true;
    }

    static FileChannel openForAppending(Path file) throws IOException {
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        return FileChannel.open(file, options, FilePermissions.ownerOnlyFile(file));
    }

    private static void createDirectory(Path directory) throws IOException {
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new IOException("Cannot use " + directory + " as span log directory: it exists and is not a directory");
        }
        try {
            Files.createDirectories(directory, FilePermissions.ownerOnlyDirectory(directory));
        } catch (IOException e) {
            throw new IOException("Cannot create span log directory " + directory + ": " + reason(e), e);
        }
        if (!Files.isWritable(directory)) {
            throw new IOException("Cannot use " + directory + " as span log directory: it is not writable");
        }
    }

    /** A crash can leave a last line without its newline; appending after it would spoil our line too. */
    private static boolean endsInTornLine(Path file) throws IOException {
        try (FileChannel existing = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = existing.size();
            if (size == 0) {
                return false;
            }
            ByteBuffer last = ByteBuffer.allocate(1);
            existing.read(last, size - 1);
            return last.get(0) != '\n';
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new IOException("Cannot read the end of span log file " + file + ": " + reason(e), e);
        }
    }

    /** Turns the bare path that NIO exceptions carry as message into a reason for a person. */
    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file that is not a directory is in the way (" + e.getMessage() + ")";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory (" + e.getMessage() + ")";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return String.valueOf(e.getMessage());
    }

    /** @return the directory this log writes to, as given */
    public Path directory() {
        return directory;
    }

    /** @return the file batches are appended to: {@code directory().resolve("spans.jsonl")} */
    public Path currentFile() {
        return currentFile;
    }

    /**
     * Appends {@code batch} as one line, through the buffer; a batch too large for one line that the reader
     * accepts (64 MiB) is split into several. An empty batch writes nothing. Rotates first when the current file is
     * full.
     *
     * @param batch the spans, in the order they should be read back
     * @throws IOException when the log is closed, a span cannot be encoded or alone is larger than a line may be
     *     (nothing of the batch is kept), or the file cannot be written now (the batch and the buffered lines are
     *     lost and counted as failed); not while in {@link State#STANDBY standby}, where the batch is counted by
     *     {@link #spansInStandby()}
     */
    public synchronized void append(List<StoredSpan> batch) throws IOException {
        Objects.requireNonNull(batch, "batch");
        if (closed) {
            throw new IOException("Span log " + currentFile + " is closed");
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
            if (fileSize >= maxFileSize) {
                rotate();
                mark = 0;
            }
            if (startOnNewLine) {
                buffer.write('\n');
            }
            writeLines(batch);
        } catch (IOException | RuntimeException e) {
            buffer.truncate(Math.min(mark, buffer.size()));
            spansFailed += batch.size();
            lastLoss = e;
            throw e;
        }
        startOnNewLine = false;
        int added = buffer.size() - mark;
        fileSize += added;
        bytesWritten += added;
        bufferedSpans += batch.size();
        if (buffer.size() >= FLUSH_THRESHOLD) {
            drain();
        }
    }

    /** Encodes {@code batch} as one line, or halves it until every line is short enough to be read back. */
    private void writeLines(List<StoredSpan> batch) throws IOException {
        int lineStart = buffer.size();
        writer.write(batch, buffer);
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

    /**
     * Hands the buffered lines to the operating system, and forces them to the disk when fsync is on. Also notices
     * a {@code spans.jsonl} deleted under it (and creates it again), retries a file that failed once the retry is
     * due, and deletes rotated files that have grown too old. Does nothing once closed.
     *
     * <p>Returns normally only when every span given to {@link #append} since the previous flush (or since the log
     * was opened) reached the file, or was kept in memory only because the log is in {@link State#STANDBY standby}:
     * this is what a span processor's {@code forceFlush} answers with.
     *
     * @throws SpansNotWrittenException when spans given since the previous flush did not reach the file (the count
     *     starts again with the next flush)
     * @throws IOException when the file cannot be written (the buffered lines are lost and counted as failed) or
     *     opened again, or forced to the disk
     */
    public synchronized void flush() throws IOException {
        if (closed) {
            return;
        }
        try {
            flushBuffer();
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

    private void flushBuffer() throws IOException {
        if (channel != null && !Files.isRegularFile(currentFile)) {
            // Deleted or moved away: what still reaches the old file is lost to readers. Start a new one now.
            logger.info("Span log file {} disappeared; creating it again", currentFile);
            closeChannel();
            openOrFail();
        } else if (channel == null && retryDue()) {
            openOrFail();
        }
        if (channel != null) {
            drain();
            if (fsync && unforced) {
                force();
            }
        }
        applyRetention();
    }

    /** @return {@code false} while in standby: another writer holds the directory */
    private boolean ensureOpenFile() throws IOException {
        if (channel != null) {
            return true;
        }
        if (!retryDue()) {
            if (state == State.STANDBY) {
                return false;
            }
            throw new IOException(lastError);
        }
        openOrFail();
        return channel != null;
    }

    private void openOrFail() throws IOException {
        try {
            openFile();
        } catch (IOException e) {
            throw fail(e);
        }
    }

    private boolean retryDue() {
        return clock.millis() >= (state == State.STANDBY ? standbyRetryAtMillis : retryAtMillis);
    }

    private void rotate() throws IOException {
        drain();
        if (fsync && unforced) {
            force();
        }
        closeChannel();
        Path target = rotated.nextName(clock.instant());
        for (int attempt = 1; ; attempt++) {
            try {
                // No ATOMIC_MOVE: it replaces an existing target on POSIX. A plain move refuses to, and is still a
                // rename(2) within the directory.
                Files.move(currentFile, target);
                break;
            } catch (FileAlreadyExistsException e) {
                if (attempt == 100) {
                    throw fail(new IOException("Cannot rotate span log file " + currentFile
                            + ": every name up to " + target.getFileName() + " is taken", e));
                }
                rotated.add(target);
                target = rotated.nextName(clock.instant());
            } catch (IOException e) {
                throw fail(new IOException("Cannot rotate span log file " + currentFile + " to "
                        + target.getFileName() + ": " + reason(e), e));
            }
        }
        rotated.add(target);
        openOrFail();
    }

    /**
     * Makes a new or renamed file's name durable too: forcing a file's bytes does not force the directory entry
     * that names it. Best effort: not every platform can open a directory for this (Windows cannot).
     */
    private void forceDirectory() {
        try (FileChannel entries = FileChannel.open(directory, StandardOpenOption.READ)) {
            entries.force(true);
        } catch (IOException e) {
            logger.debug("Cannot force the directory {} to the disk: {}", directory, e.toString());
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
            reportRetentionError("Cannot delete an old span log file in " + directory + ": " + reason(e));
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
            buffer.drainTo(channel);
        } catch (IOException e) {
            throw fail(new IOException("Cannot write span log file " + currentFile + ": " + reason(e), e));
        }
        spansWritten += bufferedSpans;
        bufferedSpans = 0;
        unforced = true;
        consecutiveFailures = 0;
        lastFailure = null;
        lastError = null;
    }

    private void force() throws IOException {
        try {
            channel.force(false);
            unforced = false;
        } catch (IOException e) {
            throw fail(new IOException("Cannot force span log file " + currentFile + " to the disk: " + reason(e), e));
        }
    }

    /**
     * Gives up the file after a failure: drops and counts what was buffered, closes the file and schedules the next
     * attempt, waiting twice as long after every failure in a row.
     *
     * @return {@code e}, to throw
     */
    private IOException fail(IOException e) {
        closeChannel();
        // The directory may be gone and made again, with a new lock file: claim it again with the retry.
        releaseLock();
        state = State.FAILING;
        buffer.truncate(0);
        if (bufferedSpans > 0) {
            lastLoss = e;
        }
        spansFailed += bufferedSpans;
        bufferedSpans = 0;
        long wait = Math.min(LAST_RETRY.toMillis(), FIRST_RETRY.toMillis() << Math.min(consecutiveFailures, 16));
        consecutiveFailures++;
        retryAtMillis = clock.millis() + wait;
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

    private void closeChannel() {
        FileChannel toClose = channel;
        channel = null;
        if (toClose != null) {
            try {
                toClose.close();
            } catch (IOException e) {
                // the failure that matters has been recorded; a broken file may fail to close as well
            }
        }
    }

    /**
     * @return {@code true} while {@code spans.jsonl} is open for appending; {@code false} after a failure until the
     *     retry succeeds, and once closed
     */
    public boolean isOpen() {
        return state == State.WRITING;
    }

    /**
     * @return what the log is doing with its directory: writing, failing (see {@link #lastError()}), in standby while
     *     another writer holds the directory, or closed
     */
    public State state() {
        return state;
    }

    /** @return spans given to {@link #append} while in {@link State#STANDBY standby}: kept in memory only */
    public long spansInStandby() {
        return spansInStandby;
    }

    /** @return why the last write or open failed, empty once a later write succeeded */
    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    /** @return bytes appended through this instance since it was created, buffered ones included */
    public long bytesWritten() {
        return bytesWritten;
    }

    /** @return spans handed to the operating system since this instance was created */
    public long spansWritten() {
        return spansWritten;
    }

    /**
     * @return spans given to {@link #append} that never reached the file: they failed to encode, the file could not
     *     be written or opened, or they were buffered when a write failed
     */
    public long spansFailed() {
        return spansFailed;
    }

    /**
     * Flushes (and forces, when fsync is on) and closes the file. Calling it again does nothing.
     *
     * @throws SpansNotWrittenException when spans given since the previous flush did not reach the file
     * @throws IOException when the last flush or the close fails; the file is closed anyway
     */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            closeFile();
        } finally {
            state = State.CLOSED;
            reportFailuresSinceLastFlush();
        }
    }

    private void closeFile() throws IOException {
        if (channel == null) {
            releaseLock();
            return;
        }
        try {
            drain();
            if (fsync && unforced) {
                force();
            }
        } finally {
            FileChannel toClose = channel;
            channel = null;
            try {
                if (toClose != null) {
                    toClose.close();
                }
            } finally {
                releaseLock();
            }
        }
    }

    /**
     * Reads span files, streaming line by line, and hands every span to {@code sink} in file order. Torn, corrupt
     * and overlong lines are skipped and counted, never thrown; blank lines are ignored.
     *
     * @param directoryOrFile a directory (every {@code *.jsonl} and {@code *.json} file in it, oldest first) or a
     *     single file
     * @param sink receives the spans; its exceptions propagate
     * @return what was read and skipped
     * @throws IOException when the path does not exist ({@link NoSuchFileException} naming it) or a file cannot be
     *     read
     */
    public static ReadResult read(Path directoryOrFile, Consumer<StoredSpan> sink) throws IOException {
        return SpanDirectory.read(directoryOrFile, sink);
    }

    /**
     * Lists the span files ({@code *.jsonl} and {@code *.json}) of a directory, in the order {@link #read} reads
     * them, oldest first: files of other tools by last-modified time, then the rotated files by the time in their
     * names, then {@code spans.jsonl}.
     *
     * @param directory the directory of the span files
     * @return the files, empty when the directory holds none
     * @throws IOException when the directory cannot be listed
     */
    public static List<Path> spanFiles(Path directory) throws IOException {
        return SpanDirectory.filesInReadOrder(Objects.requireNonNull(directory, "directory"));
    }

    /**
     * Reads the newest {@code maxSpans} spans of a directory and hands them to {@code sink} oldest first, as
     * {@link #read} would hand over its last {@code maxSpans}, but without decoding the older ones: it counts the
     * spans of the newest files first (a byte scan, far cheaper than decoding), then decodes only from the line that
     * holds the first span wanted. This is what a restart with a bounded store needs. Torn and corrupt lines are
     * skipped and counted; a corrupt line among the files read may leave a few fewer than {@code maxSpans} spans.
     *
     * @param directory the span directory
     * @param maxSpans the most spans to hand over
     * @param sink receives the spans; its exceptions propagate
     * @return what was handed over and skipped, and how many files were read
     * @throws IOException when the directory does not exist ({@link NoSuchFileException} naming it) or a file cannot
     *     be read
     */
    public static ReadResult readNewest(Path directory, int maxSpans, Consumer<StoredSpan> sink) throws IOException {
        return SpanDirectory.readNewest(directory, maxSpans, sink);
    }

    /**
     * Configures a {@link SpanLog}; every setting is validated when set.
     *
     * <pre>{@code
     * SpanLog log = SpanLog.builder(directory).maxFileSize(16 << 20).maxFiles(4).fsync(true).build();
     * }</pre>
     */
    public static final class Builder {
        /** Default {@link #maxFileSize(long)}: 64 MiB. */
        public static final long DEFAULT_MAX_FILE_SIZE = 64L << 20;
        /** Default {@link #maxFiles(int)}. */
        public static final int DEFAULT_MAX_FILES = 10;

        private final Path directory;
        private long maxFileSize = DEFAULT_MAX_FILE_SIZE;
        private int maxFiles = DEFAULT_MAX_FILES;
        private Duration maxFileAge;
        private boolean fsync;
        private Opener opener = SpanLog::openForAppending;
        private Clock clock = Clock.systemUTC();

        private Builder(Path directory) {
            this.directory = Objects.requireNonNull(directory, "directory must not be null");
        }

        /**
         * @param maxFileSize the size at which {@code spans.jsonl} is rotated before the next batch; default 64 MiB
         * @return this
         */
        public Builder maxFileSize(long maxFileSize) {
            if (maxFileSize < 1) {
                throw new IllegalArgumentException("maxFileSize must be at least 1 byte, but was " + maxFileSize);
            }
            this.maxFileSize = maxFileSize;
            return this;
        }

        /**
         * @param maxFiles the most span files kept, {@code spans.jsonl} included: the oldest rotated files beyond
         *     are deleted; default {@value #DEFAULT_MAX_FILES}
         * @return this
         */
        public Builder maxFiles(int maxFiles) {
            if (maxFiles < 1) {
                throw new IllegalArgumentException("maxFiles must be at least 1, but was " + maxFiles);
            }
            this.maxFiles = maxFiles;
            return this;
        }

        /**
         * @param maxFileAge how long a rotated file is kept after its rotation; {@code null} (the default) keeps it
         *     until {@link #maxFiles(int)} deletes it
         * @return this
         */
        public Builder maxFileAge(Duration maxFileAge) {
            if (maxFileAge != null && (maxFileAge.isNegative() || maxFileAge.isZero())) {
                throw new IllegalArgumentException("maxFileAge must be positive or null, but was " + maxFileAge);
            }
            this.maxFileAge = maxFileAge;
            return this;
        }

        /**
         * @param fsync whether {@link SpanLog#flush()}, rotation and {@link SpanLog#close()} also force the written
         *     lines to the disk ({@link FileChannel#force}), and the directory when a new {@code spans.jsonl} is
         *     created, so that they survive a power loss, not only a crash of the process; default {@code false}
         * @return this
         */
        public Builder fsync(boolean fsync) {
            this.fsync = fsync;
            return this;
        }

        Builder opener(Opener opener) {
            this.opener = Objects.requireNonNull(opener, "opener");
            return this;
        }

        Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @return the directory the log will write to */
        public Path directory() {
            return directory;
        }

        /**
         * Creates the log and tries to open {@code spans.jsonl}. Never fails for I/O: when the file cannot be opened
         * now, {@link SpanLog#lastError()} says why, appends fail and count their spans, and a later append or
         * flush tries again.
         *
         * @return the log
         */
        public SpanLog build() {
            SpanLog log = new SpanLog(this);
            log.tryToOpen();
            return log;
        }

        /**
         * Creates the log and opens {@code spans.jsonl} now.
         *
         * @return the open log
         * @throws IOException naming the path and the reason when the directory cannot be created or used or the
         *     file cannot be opened
         */
        public SpanLog open() throws IOException {
            SpanLog log = build();
            if (log.lastFailure != null) {
                throw log.lastFailure;
            }
            return log;
        }
    }
}
