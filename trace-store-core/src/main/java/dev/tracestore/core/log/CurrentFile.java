package dev.tracestore.core.log;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * The open {@code spans.jsonl} of a span log: opening it (owner-only, noticing a line torn by a crash at its end),
 * writing buffered lines, forcing them to the disk, renaming it away at rotation. Every failure is an
 * {@link IOException} whose message names the path and the reason. Not thread-safe; {@link SpanFileWriter} guards it.
 */
final class CurrentFile {

    private static final Logger logger = LoggerFactory.getLogger(CurrentFile.class);

    /** Opens the file that batches are appended to; tests hand in one that fails on demand. */
    @FunctionalInterface
    interface Opener {
        FileChannel open(Path file) throws IOException;
    }

    private final Path directory;
    private final Path path;
    private final boolean fsync;
    private final Opener opener;

    /** {@code null} while the file is not open. */
    private FileChannel channel;
    /** Bytes in the file, buffered ones included. */
    private long size;
    /** Set when the file ends in a torn line: the next line must not be glued onto it. */
    private boolean tornTail;
    /** Set when bytes reached the file since it was last forced to the disk. */
    private boolean unforced;

    CurrentFile(Path directory, boolean fsync, Opener opener) {
        this.directory = directory;
        this.path = directory.resolve(SpanLog.CURRENT_FILE_NAME);
        this.fsync = fsync;
        this.opener = opener;
    }

    static FileChannel openForAppending(Path file) throws IOException {
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        return FileChannel.open(file, options, FilePermissions.ownerOnlyFile(file));
    }

    /** Creates the directory owner-only when it is missing, and checks that it can be written. */
    static void createDirectory(Path directory) throws IOException {
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new IOException("Cannot use " + directory + " as span log directory: it exists and is not a directory");
        }
        try {
            Files.createDirectories(directory, FilePermissions.ownerOnlyDirectory(directory));
        } catch (IOException e) {
            throw new IOException("Cannot create span log directory " + directory + ": " + IoReason.of(e), e);
        }
        if (!Files.isWritable(directory)) {
            throw new IOException("Cannot use " + directory + " as span log directory: it is not writable");
        }
    }

    Path path() {
        return path;
    }

    boolean isOpen() {
        return channel != null;
    }

    /** Opens (or creates) the file for appending. */
    void open() throws IOException {
        boolean torn = endsInTornLine(path);
        FileChannel opened;
        try {
            opened = opener.open(path);
        } catch (IOException e) {
            throw new IOException("Cannot open span log file " + path + " for appending: " + IoReason.of(e), e);
        }
        long openedSize;
        try {
            openedSize = opened.size();
        } catch (IOException e) {
            opened.close();
            throw new IOException("Cannot read the size of span log file " + path + ": " + IoReason.of(e), e);
        }
        channel = opened;
        size = openedSize;
        tornTail = torn;
        unforced = false;
        if (fsync && openedSize == 0) {
            forceDirectory();
        }
    }

    /** @return bytes in the file, those in the writer's buffer included */
    long size() {
        return size;
    }

    /** Counts {@code bytes} encoded for this file; the first line after a torn one starts on a line of its own. */
    void grew(int bytes) {
        size += bytes;
        tornTail = false;
    }

    /** @return whether the file ends in a line torn by a crash, so that the next line must start with a newline */
    boolean endsInTornLine() {
        return tornTail;
    }

    /** @return whether the file was deleted or moved away while open */
    boolean isGone() {
        return channel != null && !Files.isRegularFile(path);
    }

    /** Writes and empties {@code buffer}; the buffer is emptied also when the write fails. */
    void write(LineBuffer buffer) throws IOException {
        try {
            buffer.drainTo(channel);
        } catch (IOException e) {
            throw new IOException("Cannot write span log file " + path + ": " + IoReason.of(e), e);
        }
        unforced = true;
    }

    /** Forces what was written to the disk, when fsync is on and something was written since the last time. */
    void force() throws IOException {
        if (!fsync || !unforced) {
            return;
        }
        try {
            channel.force(false);
            unforced = false;
        } catch (IOException e) {
            throw new IOException("Cannot force span log file " + path + " to the disk: " + IoReason.of(e), e);
        }
    }

    /**
     * Renames the file to {@code target}, never replacing a file of that name; the file must be closed.
     *
     * @return {@code false} when {@code target} exists
     */
    boolean moveTo(Path target) throws IOException {
        try {
            // No ATOMIC_MOVE: it replaces an existing target on POSIX. A plain move refuses to, and is still a
            // rename(2) within the directory.
            Files.move(path, target);
            return true;
        } catch (java.nio.file.FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new IOException("Cannot rotate span log file " + path + " to " + target.getFileName() + ": "
                    + IoReason.of(e), e);
        }
    }

    /** Closes the file, quietly: the failure that matters has been recorded, a broken file may fail to close too. */
    void closeQuietly() {
        try {
            close();
        } catch (IOException e) {
            logger.debug("Cannot close span log file {}: {}", path, e.toString());
        }
    }

    void close() throws IOException {
        FileChannel toClose = channel;
        channel = null;
        if (toClose != null) {
            toClose.close();
        }
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
            throw new IOException("Cannot read the end of span log file " + file + ": " + IoReason.of(e), e);
        }
    }
}
