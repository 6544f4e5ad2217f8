package dev.tracestore.core.log;

import dev.tracestore.core.model.StoredSpan;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The span files: appends batches of spans to {@code spans.jsonl} as OTLP/JSON lines (one
 * {@code {"resourceSpans":[...]}} object per batch and line, as the OpenTelemetry Collector's file exporter writes
 * them), rotates and deletes old files, and reads such files back, also after a crash.
 *
 * <p>Rotation: once {@code spans.jsonl} holds {@link SpanLogBuilder#maxFileSize max-file-size} bytes, the next batch first
 * renames it to {@code spans-<UTC time of rotation>.jsonl} (like {@code spans-2026-01-05T10-15-30.123Z.jsonl}) and
 * starts a new {@code spans.jsonl}. Rotation happens between batches, so a line is never split and a file exceeds
 * the size by at most one batch. Retention then deletes the oldest rotated files beyond
 * {@link SpanLogBuilder#maxFiles max-files} (the current file included) and those rotated longer than
 * {@link SpanLogBuilder#maxFileAge max-file-age} ago.
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
 * to the disk when {@link SpanLogBuilder#fsync fsync} is on. A batch that fails to encode leaves no trace in the file.
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

    /** The file new spans are appended to; rotated files sit beside it. */
    static final String CURRENT_FILE_NAME = "spans.jsonl";

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

    private final Path directory;
    private final SpanFileWriter writer;

    SpanLog(SpanLogBuilder builder) {
        this.directory = builder.directory();
        this.writer = builder.fileWriter();
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
    public static SpanLogBuilder builder(Path directory) {
        return new SpanLogBuilder(directory);
    }

    /** The file writer, for {@link SpanLogBuilder} to open. */
    SpanFileWriter writer() {
        return writer;
    }

    /** @return the directory this log writes to, as given */
    public Path directory() {
        return directory;
    }

    /** @return the file batches are appended to: {@code directory().resolve("spans.jsonl")} */
    public Path currentFile() {
        return writer.currentFile();
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
    public void append(List<StoredSpan> batch) throws IOException {
        writer.append(Objects.requireNonNull(batch, "batch"));
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
    public void flush() throws IOException {
        writer.flush();
    }

    /**
     * @return {@code true} while {@code spans.jsonl} is open for appending; {@code false} after a failure until the
     *     retry succeeds, and once closed
     */
    public boolean isOpen() {
        return writer.state() == State.WRITING;
    }

    /**
     * @return what the log is doing with its directory: writing, failing (see {@link #lastError()}), in standby while
     *     another writer holds the directory, or closed
     */
    public State state() {
        return writer.state();
    }

    /** @return spans given to {@link #append} while in {@link State#STANDBY standby}: kept in memory only */
    public long spansInStandby() {
        return writer.spansInStandby();
    }

    /** @return why the last write or open failed, empty once a later write succeeded */
    public Optional<String> lastError() {
        return writer.lastError();
    }

    /** @return bytes appended through this instance since it was created, buffered ones included */
    public long bytesWritten() {
        return writer.bytesWritten();
    }

    /** @return spans handed to the operating system since this instance was created */
    public long spansWritten() {
        return writer.spansWritten();
    }

    /**
     * @return spans given to {@link #append} that never reached the file: they failed to encode, the file could not
     *     be written or opened, or they were buffered when a write failed
     */
    public long spansFailed() {
        return writer.spansFailed();
    }

    /**
     * Flushes (and forces, when fsync is on) and closes the file. Calling it again does nothing.
     *
     * @throws SpansNotWrittenException when spans given since the previous flush did not reach the file
     * @throws IOException when the last flush or the close fails; the file is closed anyway
     */
    @Override
    public void close() throws IOException {
        writer.close();
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
        Objects.requireNonNull(sink, "sink");
        return SpanDirectory.readNewest(directory, maxSpans, UnaryOperator.identity(), batch -> batch.forEach(sink));
    }

    /**
     * Like {@link #readNewest(Path, int, Consumer)}, for a reload that stores in batches: the spans of each line are
     * first passed through {@code prepare} on the decoding threads (so per-span work that does not need file order
     * runs beside the caller's thread, not on it), then handed to {@code batches} together, in file order.
     *
     * <pre>{@code
     * SpanLog.readNewest(directory, store.capacity(), span -> span, store::addAll);
     * }</pre>
     *
     * @param prepare thread-safe; returns the span to hand over in place of the one read
     * @param batches receives the spans of a line at a time, never an empty list; the list is valid during the
     *     call only
     * @return what was handed over and skipped, and how many files were read
     * @throws IOException as {@link #readNewest(Path, int, Consumer)}
     */
    public static ReadResult readNewest(Path directory, int maxSpans, UnaryOperator<StoredSpan> prepare,
            Consumer<List<StoredSpan>> batches) throws IOException {
        return SpanDirectory.readNewest(directory, maxSpans, prepare, batches);
    }
}
