package dev.tracestore.core.log;

import dev.tracestore.core.model.StoredSpan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A cache of what a reload of the span files would store, written at a clean shutdown so that the next start reads
 * it instead of parsing the OTLP/JSON files (a binary file with each string written once decodes several times
 * faster). The span files stay the source of truth: the snapshot ({@value #FILE_NAME} beside them) records every
 * span file's name, length and last-modified time, the store's capacity and the settings that shape reloaded spans,
 * and {@link #open} uses it only when all of these are unchanged; otherwise, or when it cannot be read, it is
 * deleted and the caller reads the files. It is deleted as soon as it is opened, so a crash after the next start
 * never finds one that no longer matches.
 *
 * <p>File format (version {@value #VERSION}): a magic number and the version, then blocks, each its length, its
 * CRC-32C and its bytes: the first holds the {@link SnapshotHeader}, the others up to {@value #SPANS_PER_BLOCK}
 * spans each ({@link SnapshotSpanEncoder}).
 *
 * <pre>{@code
 * // at shutdown, once the span files are closed
 * SpanSnapshot.write(directory, store.capacity(), settings, store.size(), sanitize, store::forEachOldestFirst);
 * // at the next start
 * Optional<SpanSnapshot> snapshot = SpanSnapshot.open(directory, store.capacity(), settings);
 * if (snapshot.isPresent()) {
 *     try (SpanSnapshot s = snapshot.get()) {
 *         s.read(store::addAll);
 *     }
 * } else {
 *     SpanLog.readNewest(directory, store.capacity(), span -> span, store::addAll);
 * }
 * }</pre>
 */
public final class SpanSnapshot implements Closeable {

    /** The snapshot's name in the span directory (not a span file: those end in {@code .jsonl} or {@code .json}). */
    public static final String FILE_NAME = "spans.snapshot";
    /** What a snapshot being written is called until it is complete. */
    static final String TEMPORARY_NAME = FILE_NAME + ".tmp";
    static final long MAGIC = 0x544E5350414E5354L;
    static final int VERSION = 1;
    static final int SPANS_PER_BLOCK = 1024;
    /** Blocks decoded ahead of the caller: enough to keep the decoder busy while the caller stores a block. */
    private static final int BLOCKS_AHEAD = 8;

    private static final Logger logger = LoggerFactory.getLogger(SpanSnapshot.class);

    /**
     * The spans to write: hands every span to the sink, oldest first, and says whether it could hand them all
     * ({@code SpanStore::forEachOldestFirst}).
     */
    @FunctionalInterface
    public interface Spans {
        /**
         * @param sink receives the spans, oldest first
         * @return {@code false} when not every span could be handed over: no snapshot is written then
         */
        boolean forEachOldestFirst(Consumer<StoredSpan> sink);
    }

    private final FileChannel channel;
    private final SnapshotInput in;
    private final SnapshotHeader header;

    private SpanSnapshot(FileChannel channel, SnapshotInput in, SnapshotHeader header) {
        this.channel = channel;
        this.in = in;
        this.header = header;
    }

    /**
     * Writes the snapshot of {@code spans}, when they are what a reload of the span files would store now: as many
     * as the newest files hold up to {@code maxSpans} (counted as a reload counts them), put in the order the files
     * hold them (a line groups its batch by resource and scope), the oldest line taken from the file as a reload
     * decodes it (the store may hold another part of it). Written to a temporary file, forced to the disk, then
     * renamed over {@value #FILE_NAME}. Call it only once nothing writes the span files, and with the store's spans
     * after a reload of these files and the spans appended to them since, every one of which it stored.
     *
     * @param directory the span directory
     * @param maxSpans the store's capacity
     * @param settings the settings that shape reloaded spans, compared as a whole at the next start
     * @param storedSpans how many spans {@code spans} holds
     * @param prepare what a reload does to each span read from the files (sanitizing), for the oldest line
     * @param spans the spans, oldest first
     * @return empty when the snapshot was written, else why not (nothing is left behind then)
     * @throws IOException when the files cannot be counted or the snapshot cannot be written
     */
    public static Optional<String> write(Path directory, int maxSpans, String settings, int storedSpans,
            UnaryOperator<StoredSpan> prepare, Spans spans) throws IOException {
        long start = System.nanoTime();
        List<SnapshotHeader.FileState> files = SnapshotHeader.filesNow(directory);
        ReloadWindow window = ReloadWindow.of(directory, files, maxSpans);
        long counted = System.nanoTime();
        if (window.spans() != storedSpans) {
            return Optional.of("a reload of the span files would store " + window.spans() + " spans, the store holds "
                    + storedSpans);
        }
        List<StoredSpan> firstLine = window.decodeFirstLine(prepare);
        SnapshotHeader header = new SnapshotHeader(settings, maxSpans, files, storedSpans, window.filesRead());
        Path temporary = directory.resolve(TEMPORARY_NAME);
        boolean complete = false;
        try (FileChannel channel = FileChannel.open(temporary, Set.of(StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE), FilePermissions.ownerOnlyFile(temporary))) {
            SnapshotOutput out = new SnapshotOutput(channel);
            out.writeRaw(ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putLong(MAGIC).putInt(VERSION).flip());
            header.write(out);
            out.endBlock();
            SnapshotSpanSink sink = new SnapshotSpanSink(out, window.lines(), firstLine, SPANS_PER_BLOCK);
            String notWritten = sink.writeAll(spans, storedSpans);
            if (notWritten != null) {
                return Optional.of(notWritten);
            }
            long written = System.nanoTime();
            channel.force(true);
            complete = true;
            logger.debug("Snapshot of {} spans in {}: files counted by line in {} ms, spans written in {} ms ({} bytes), "
                    + "forced to the disk in {} ms", storedSpans, directory, (counted - start) / 1_000_000,
                    (written - counted) / 1_000_000, channel.size(), (System.nanoTime() - written) / 1_000_000);
        } finally {
            if (!complete) {
                Files.deleteIfExists(temporary);
            }
        }
        move(temporary, directory.resolve(FILE_NAME));
        return Optional.empty();
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
        // best effort, as for a new span file: Windows cannot open a directory to force it
        try (FileChannel entries = FileChannel.open(to.getParent(), StandardOpenOption.READ)) {
            entries.force(true);
        } catch (IOException e) {
            logger.debug("Cannot force the directory {} to the disk: {}", to.getParent(), e.toString());
        }
    }

    /**
     * Opens the snapshot of {@code directory} when it matches the span files and settings now, and deletes it
     * whatever the answer (an open snapshot stays readable on POSIX file systems). Never throws: a snapshot that is
     * missing, of another version, damaged or stale is deleted, and why is logged (at debug when there is none).
     *
     * @param directory the span directory
     * @param maxSpans the store's capacity now
     * @param settings the settings now, described as at {@link #write}
     * @return the snapshot to {@link #read}, empty when the span files must be read instead
     */
    public static Optional<SpanSnapshot> open(Path directory, int maxSpans, String settings) {
        Path path = directory.resolve(FILE_NAME);
        FileChannel channel;
        try {
            Files.deleteIfExists(directory.resolve(TEMPORARY_NAME)); // a write cut short by a crash
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            logger.debug("No span snapshot in {}: reloading from the span files", directory);
            return Optional.empty();
        } catch (IOException e) {
            logger.info("Cannot open the span snapshot {}: {}; reloading from the span files", path, e.toString());
            deleteFile(path);
            return Optional.empty();
        }
        String unused;
        try {
            SnapshotInput in = new SnapshotInput(channel);
            ByteBuffer start = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            in.readRaw(start);
            start.flip();
            long magic = start.getLong();
            int version = start.getInt();
            if (magic != MAGIC) {
                unused = "it is not a span snapshot";
            } else if (version != VERSION) {
                unused = "it is of version " + version + ", this version reads " + VERSION;
            } else {
                in.nextBlock();
                SnapshotHeader header = SnapshotHeader.read(in);
                unused = header.mismatch(settings, maxSpans, SnapshotHeader.filesNow(directory));
                if (unused == null) {
                    deleteFile(path);
                    return Optional.of(new SpanSnapshot(channel, in, header));
                }
            }
        } catch (IOException | RuntimeException e) {
            unused = "it cannot be read: " + e.getMessage();
        }
        logger.info("Not using the span snapshot {}: {}; reloading from the span files", path, unused);
        closeQuietly(channel);
        deleteFile(path);
        return Optional.empty();
    }

    /**
     * Deletes the snapshot of {@code directory}, if any: when snapshots are off, one left from before must not be
     * used later. Never throws (a failure is logged).
     *
     * @param directory the span directory
     */
    public static void delete(Path directory) {
        deleteFile(directory.resolve(FILE_NAME));
        deleteFile(directory.resolve(TEMPORARY_NAME));
    }

    private static void deleteFile(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            logger.warn("Could not delete the span snapshot {}: {}", path, e.toString());
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // only read from
        }
    }

    /** @return the spans the snapshot holds */
    public long spanCount() {
        return header.spans();
    }

    /**
     * Hands the snapshot's spans to {@code batches}, oldest first, a block at a time; they are decoded on a thread
     * of their own meanwhile. When it fails (a damaged or cut block), the spans handed over so far are those a
     * reload of the files would hand over first: the caller can go on from the files, leaving out as many.
     *
     * @param batches receives the spans, never an empty list; its exceptions propagate
     * @return as a reload of the span files would answer: the spans, no lines skipped, the files it would read
     * @throws IOException when the snapshot is damaged or cut short
     */
    public ReadResult read(Consumer<List<StoredSpan>> batches) throws IOException {
        try (SnapshotDecodeAhead ahead = SnapshotDecodeAhead.start(new SnapshotSpanDecoder(in), in, header.spans(),
                SPANS_PER_BLOCK, BLOCKS_AHEAD)) {
            List<StoredSpan> batch;
            while ((batch = ahead.next()) != null) {
                batches.accept(batch);
            }
        }
        return new ReadResult(header.spans(), 0, header.filesRead());
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
