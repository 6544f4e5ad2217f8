package dev.tracestore.core.log;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The span files of a directory, opened before any is read, so that a rotation during the read can hide no span.
 *
 * <p>How: {@code spans.jsonl} is opened first. An open file stays the same file when the writer renames it to
 * {@code spans-<time>.jsonl}, and every file rotated before it was opened already carries its rotated name, so one
 * listing made after that shows all of its predecessors. Rotated names never change again (retention only deletes
 * the oldest), so they are opened by name. Should the listing show the opened {@code spans.jsonl} under its rotated
 * name already (it was rotated in between), that name and every newer one are left out: the open file is read last,
 * and what was written after it is not part of this read. A listing is not atomic, so a listing made while the open
 * file was renamed is made again. Files are told apart by their identity
 * ({@link BasicFileAttributes#fileKey()}: device and inode); where a platform has none, a file rotated during the
 * read can be read twice.
 */
final class OpenedSpanFiles implements Closeable {

    /** Listings made at most while a writer keeps rotating faster than the directory can be listed. */
    private static final int MAX_LISTINGS = 10;

    /** One opened file, under the name it had when listed. */
    record OpenedFile(Path path, FileChannel channel) {
    }

    private final List<OpenedFile> files;

    private OpenedSpanFiles(List<OpenedFile> files) {
        this.files = files;
    }

    /** Opens one file (not a directory). */
    static OpenedSpanFiles ofFile(Path file) throws IOException {
        return new OpenedSpanFiles(List.of(new OpenedFile(file, FileChannel.open(file, StandardOpenOption.READ))));
    }

    /** Opens every span file of {@code directory}, in the order of {@link SpanDirectory#filesInReadOrder}. */
    static OpenedSpanFiles ofDirectory(Path directory) throws IOException {
        List<OpenedFile> opened = new ArrayList<>();
        try {
            Path currentPath = directory.resolve(SpanLog.CURRENT_FILE_NAME);
            Identified current = openCurrent(currentPath);
            for (SpanDirectory.Listed listed : predecessors(directory, current)) {
                try {
                    opened.add(new OpenedFile(listed.path(), FileChannel.open(listed.path(), StandardOpenOption.READ)));
                } catch (NoSuchFileException e) {
                    // deleted by retention since the listing: it was among the oldest
                }
            }
            if (current != null) {
                opened.add(new OpenedFile(currentPath, current.channel()));
            }
        } catch (IOException | RuntimeException e) {
            closeAll(opened);
            throw e;
        }
        return new OpenedSpanFiles(opened);
    }

    /**
     * Lists the files older than the opened {@code spans.jsonl}. A listing is not atomic: a file renamed while it is
     * made may be missing under both names. So when the opened file no longer is {@code spans.jsonl} and the listing
     * does not show it under its rotated name, the listing is made again.
     */
    private static List<SpanDirectory.Listed> predecessors(Path directory, Identified current) throws IOException {
        if (current == null || current.key() == null) {
            return settledListing(directory);
        }
        List<SpanDirectory.Listed> older = new ArrayList<>();
        for (int listing = 1; ; listing++) {
            older.clear();
            boolean seenRotated = false;
            for (SpanDirectory.Listed listed : SpanDirectory.list(directory)) {
                if (isCurrent(listed)) {
                    continue;   // opened first, or created after that: newer than this read
                }
                if (current.key().equals(listed.fileKey())) {
                    seenRotated = true;
                    break;      // the open spans.jsonl, rotated since: it and what follows it are newer
                }
                older.add(listed);
            }
            if (seenRotated || listing == MAX_LISTINGS || current.key().equals(fileKeyOrNull(current.path()))) {
                return older;
            }
        }
    }

    /**
     * The rotated files when there is no open {@code spans.jsonl} to tell where the read ends (no writer, or one
     * between its rename and the new file). A listing made while files are rotated in may show a newer file and miss
     * an older one. Every file that existed when a first listing ended shows in a second one; so the second listing,
     * cut before its first file the first one did not show, is a gap-free run of files.
     */
    private static List<SpanDirectory.Listed> settledListing(Path directory) throws IOException {
        Set<Path> first = new HashSet<>();
        for (SpanDirectory.Listed listed : SpanDirectory.list(directory)) {
            first.add(listed.path());
        }
        List<SpanDirectory.Listed> settled = new ArrayList<>();
        for (SpanDirectory.Listed listed : SpanDirectory.list(directory)) {
            if (isCurrent(listed)) {
                continue;   // created after the first look: newer than this read
            }
            if (!first.contains(listed.path())) {
                break;
            }
            settled.add(listed);
        }
        return settled;
    }

    private static boolean isCurrent(SpanDirectory.Listed listed) {
        return listed.path().getFileName().toString().equals(SpanLog.CURRENT_FILE_NAME);
    }

    private record Identified(Path path, Object key, FileChannel channel) {
    }

    /**
     * Opens {@code spans.jsonl} and learns which file it opened: the name must point at the same file before and
     * after the opening (else it was rotated in between, and is tried again).
     *
     * @return {@code null} when there is none (no writer, or one between its rename and the new file)
     */
    private static Identified openCurrent(Path path) throws IOException {
        while (true) {
            Object before;
            FileChannel channel;
            try {
                before = fileKey(path);
                channel = FileChannel.open(path, StandardOpenOption.READ);
            } catch (NoSuchFileException e) {
                return null;
            }
            try {
                if (Objects.equals(before, fileKey(path))) {
                    return new Identified(path, before, channel);
                }
            } catch (NoSuchFileException e) {
                // rotated away just now: once more
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            channel.close();
        }
    }

    private static Object fileKey(Path path) throws IOException {
        return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
    }

    /** @return the identity of the file named {@code path} now, {@code null} when there is none */
    private static Object fileKeyOrNull(Path path) throws IOException {
        try {
            return fileKey(path);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** @return the files in the order to read them, oldest first */
    List<OpenedFile> files() {
        return files;
    }

    @Override
    public void close() throws IOException {
        closeAll(files);
    }

    private static void closeAll(Iterable<OpenedFile> files) throws IOException {
        IOException failure = null;
        for (OpenedFile file : files) {
            try {
                file.channel().close();
            } catch (IOException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
