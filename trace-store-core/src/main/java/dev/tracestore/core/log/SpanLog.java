package dev.tracestore.core.log;

import dev.tracestore.core.model.StoredSpan;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The span files: appends batches of spans to {@code spans.jsonl} as OTLP/JSON lines (one
 * {@code {"resourceSpans":[...]}} object per batch and line, as the OpenTelemetry Collector's file
 * exporter writes them), and reads such files back, also after a crash.
 *
 * <p>Files hold trace data, which may be sensitive: a directory this class creates is owner-only
 * ({@code rwx------}) and so is a new {@code spans.jsonl} ({@code rw-------}), where the file system
 * supports POSIX permissions. Existing directories and files keep their permissions.
 *
 * <p>Writing goes through a buffer: {@link #flush()} hands the bytes to the operating system
 * (it does not fsync). A batch that fails to encode leaves no trace in the file; a failed write
 * drops what was buffered since the last flush and starts the next line on a fresh line. The
 * methods are thread-safe, though a single writer thread is the intended use.
 *
 * <pre>{@code
 * try (SpanLog log = SpanLog.open(Path.of("/var/lib/app/traces"))) {
 *     log.append(batch);
 *     log.flush();
 * }
 * ReadResult result = SpanLog.read(Path.of("/var/lib/app/traces"), span -> store.add(span));
 * }</pre>
 */
public final class SpanLog implements Closeable {

    /** The file new spans are appended to; rotated files sit beside it. */
    static final String CURRENT_FILE_NAME = "spans.jsonl";

    /** Buffered lines reach the file once this many bytes are pending. */
    private static final int FLUSH_THRESHOLD = 64 << 10;

    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    private final Path directory;
    private final Path currentFile;
    private final FileChannel channel;
    private final OtlpJsonWriter writer = new OtlpJsonWriter();
    private final LineBuffer buffer = new LineBuffer(FLUSH_THRESHOLD + (FLUSH_THRESHOLD >> 1));
    private volatile long bytesWritten;
    /** Set when a failed write may have left a partial line on disk. */
    private boolean startOnNewLine;
    private boolean closed;

    private SpanLog(Path directory, Path currentFile, FileChannel channel, boolean tornTail) {
        this.directory = directory;
        this.currentFile = currentFile;
        this.channel = channel;
        this.startOnNewLine = tornTail;
    }

    /**
     * Opens the span log in {@code directory}, creating the directory (and its parents) owner-only
     * and {@code spans.jsonl} with mode 0600 when they are missing. When the file ends in a line
     * torn by a crash, the next batch starts on a fresh line.
     *
     * @param directory where the span files live
     * @return the open log, appending to {@link #currentFile()}
     * @throws IOException naming the path and the reason when the directory cannot be created or
     *     used (it is a file, it is not writable) or the file cannot be opened
     */
    public static SpanLog open(Path directory) throws IOException {
        Objects.requireNonNull(directory, "directory");
        createDirectory(directory);
        Path file = directory.resolve(CURRENT_FILE_NAME);
        boolean tornTail = endsInTornLine(file);
        FileChannel channel;
        try {
            Set<OpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            channel = FileChannel.open(file, options, ownerOnly(file, OWNER_ONLY_FILE));
        } catch (IOException e) {
            throw new IOException("Cannot open span log file " + file + " for appending: " + reason(e), e);
        }
        return new SpanLog(directory, file, channel, tornTail);
    }

    private static void createDirectory(Path directory) throws IOException {
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new IOException("Cannot use " + directory + " as span log directory: it exists and is not a directory");
        }
        try {
            Files.createDirectories(directory, ownerOnly(directory, OWNER_ONLY_DIRECTORY));
        } catch (IOException e) {
            throw new IOException("Cannot create span log directory " + directory + ": " + reason(e), e);
        }
        if (!Files.isWritable(directory)) {
            throw new IOException("Cannot use " + directory + " as span log directory: it is not writable");
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path path, Set<PosixFilePermission> permissions) {
        boolean posix = path.getFileSystem().supportedFileAttributeViews().contains("posix");
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)} : new FileAttribute<?>[0];
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

    /** @return the directory this log writes to, as given to {@link #open} */
    public Path directory() {
        return directory;
    }

    /** @return the file batches are appended to: {@code directory().resolve("spans.jsonl")} */
    public Path currentFile() {
        return currentFile;
    }

    /**
     * Appends {@code batch} as one line, through the buffer; a batch too large for one line that the reader
     * accepts (64 MiB) is split into several. An empty batch writes nothing.
     *
     * @param batch the spans, in the order they should be read back
     * @throws IOException when the log is closed, a span cannot be encoded or alone is larger than a line may be
     *     (nothing of the batch is kept), or the file cannot be written (the buffered lines are lost)
     */
    public synchronized void append(List<StoredSpan> batch) throws IOException {
        Objects.requireNonNull(batch, "batch");
        ensureOpen();
        if (batch.isEmpty()) {
            return;
        }
        int mark = buffer.size();
        try {
            if (startOnNewLine) {
                buffer.write('\n');
            }
            writeLines(batch);
        } catch (IOException | RuntimeException e) {
            buffer.truncate(mark);
            throw e;
        }
        startOnNewLine = false;
        bytesWritten += buffer.size() - mark;
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
     * Hands the buffered lines to the operating system; does not fsync. Does nothing once closed.
     *
     * @throws IOException when the file cannot be written (the buffered lines are lost)
     */
    public synchronized void flush() throws IOException {
        if (!closed) {
            drain();
        }
    }

    /** @return bytes appended through this instance since it was opened, buffered ones included */
    public long bytesWritten() {
        return bytesWritten;
    }

    /**
     * Flushes and closes the file. Calling it again does nothing.
     *
     * @throws IOException when the last flush or the close fails; the file is closed anyway
     */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (FileChannel toClose = channel) {
            drain();
        }
    }

    private void drain() throws IOException {
        if (buffer.size() == 0) {
            return;
        }
        try {
            buffer.drainTo(channel);
        } catch (IOException e) {
            // Part of a line may have reached the disk: never glue the next line onto it.
            startOnNewLine = true;
            throw new IOException("Cannot write span log file " + currentFile + ": " + reason(e), e);
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("Span log " + currentFile + " is closed");
        }
    }

    /**
     * Reads span files, streaming line by line, and hands every span to {@code sink} in file
     * order. Torn, corrupt and overlong lines are skipped and counted, never thrown; blank lines
     * are ignored.
     *
     * @param directoryOrFile a directory (every {@code *.jsonl} and {@code *.json} file in it,
     *     oldest first) or a single file
     * @param sink receives the spans; its exceptions propagate
     * @return what was read and skipped
     * @throws IOException when the path does not exist ({@link NoSuchFileException} naming it) or
     *     a file cannot be read
     */
    public static ReadResult read(Path directoryOrFile, Consumer<StoredSpan> sink) throws IOException {
        Objects.requireNonNull(directoryOrFile, "directoryOrFile");
        Objects.requireNonNull(sink, "sink");
        BasicFileAttributes attributes = Files.readAttributes(directoryOrFile, BasicFileAttributes.class);
        SpanFileReader reader = new SpanFileReader(new OtlpJsonReader());
        int filesRead = 0;
        if (attributes.isDirectory()) {
            for (Path file : filesInReadOrder(directoryOrFile)) {
                try {
                    reader.read(file, sink);
                    filesRead++;
                } catch (NoSuchFileException e) {
                    // Removed by retention between listing and reading: nothing left to read.
                }
            }
        } else {
            reader.read(directoryOrFile, sink);
            filesRead++;
        }
        return new ReadResult(reader.spansRead(), reader.linesSkipped(), filesRead);
    }

    /**
     * Lists the span files ({@code *.jsonl} and {@code *.json}) of a directory, in the order {@link #read} reads
     * them, oldest first.
     *
     * @param directory the directory of the span files
     * @return the files, empty when the directory holds none
     * @throws IOException when the directory cannot be listed
     */
    public static List<Path> spanFiles(Path directory) throws IOException {
        return filesInReadOrder(Objects.requireNonNull(directory, "directory"));
    }

    /**
     * The span files of {@code directory} in the order to read them, oldest first: by
     * last-modified time, then {@code spans.jsonl} after the rotated files, then by name. The one
     * place that knows the order, so that rotation can change it.
     */
    static List<Path> filesInReadOrder(Path directory) throws IOException {
        record Candidate(Path path, FileTime modified, boolean current) {
        }
        List<Candidate> candidates = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "*.{jsonl,json}")) {
            for (Path entry : entries) {
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(entry, BasicFileAttributes.class);
                } catch (NoSuchFileException e) {
                    continue;
                }
                if (attributes.isRegularFile()) {
                    boolean current = CURRENT_FILE_NAME.equals(entry.getFileName().toString());
                    candidates.add(new Candidate(entry, attributes.lastModifiedTime(), current));
                }
            }
        }
        candidates.sort(Comparator.comparing(Candidate::modified)
                .thenComparing(Candidate::current)
                .thenComparing(candidate -> candidate.path().getFileName().toString()));
        List<Path> files = new ArrayList<>(candidates.size());
        for (Candidate candidate : candidates) {
            files.add(candidate.path());
        }
        return files;
    }
}
