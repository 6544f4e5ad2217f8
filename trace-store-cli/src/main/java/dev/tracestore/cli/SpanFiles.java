package dev.tracestore.cli;

import dev.tracestore.core.log.ReadResult;
import dev.tracestore.core.log.SpanLog;
import dev.tracestore.core.model.StoredSpan;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The span files a command reads: directories written by the starter (every {@code *.jsonl} and {@code *.json}
 * file in them, rotated ones included) and OTLP/JSON lines files from any OpenTelemetry tool, read one after the
 * other as one stream (the spans of several services' directories meet in one view). Reading streams through
 * {@link SpanLog#read}, so a command decides what to keep of each span and the heap never holds the whole
 * directory. A command may read the files more than once.
 */
final class SpanFiles {

    private final List<Path> paths;
    private final Progress progress;

    private SpanFiles(List<Path> paths, Progress progress) {
        this.paths = paths;
        this.progress = progress;
    }

    /**
     * @param paths directories and files; a file inside one of the directories given is read once, with it
     * @param progress told about every span read
     * @return the files
     * @throws CliException when a path does not exist or cannot be read
     */
    static SpanFiles at(List<Path> paths, Progress progress) {
        List<Path> readable = new ArrayList<>();
        for (Path path : paths) {
            if (!Files.exists(path)) {
                throw new CliException("No span files at " + display(path) + ": no such file or directory "
                        + "(give the directory with --dir or as the last argument)");
            }
            if (!Files.isReadable(path)) {
                throw new CliException("Cannot read " + display(path) + ": permission denied");
            }
            if (!Files.isDirectory(path) && !Files.isRegularFile(path)) {
                throw new CliException("Cannot read " + display(path) + ": not a directory or a regular file");
            }
            readable.add(path);
        }
        List<Path> directories = readable.stream().filter(Files::isDirectory)
                .map(path -> path.toAbsolutePath().normalize()).toList();
        readable.removeIf(path -> Files.isRegularFile(path)
                && directories.contains(path.toAbsolutePath().normalize().getParent()));
        return new SpanFiles(List.copyOf(readable), progress);
    }

    /** @return the directories and files, as given */
    List<Path> paths() {
        return paths;
    }

    /**
     * Streams every span to {@code sink}: path after path, in file order, oldest file first.
     *
     * @param label what the progress line says while reading, e.g. {@code pass 1 of 3}
     * @param sink receives the spans
     * @return what was read and skipped, over all paths
     * @throws CliException when a file cannot be read
     */
    ReadResult read(String label, Consumer<StoredSpan> sink) {
        long spans = 0;
        long skipped = 0;
        int files = 0;
        for (Path path : paths) {
            ReadResult read = read(path, label, sink);
            spans += read.spansRead();
            skipped += read.linesSkipped();
            files += read.filesRead();
        }
        return new ReadResult(spans, skipped, files);
    }

    private ReadResult read(Path path, String label, Consumer<StoredSpan> sink) {
        progress.begin("Reading " + display(path) + (label.isEmpty() ? "" : " (" + label + ")"));
        try {
            return SpanLog.read(path, span -> {
                progress.span();
                sink.accept(span);
            });
        } catch (NoSuchFileException e) {
            throw new CliException("Cannot read " + display(path) + ": " + e.getFile() + " disappeared while reading");
        } catch (AccessDeniedException e) {
            throw new CliException("Cannot read " + e.getFile() + ": permission denied");
        } catch (IOException e) {
            throw new CliException("Cannot read " + display(path) + ": " + e.getMessage());
        } finally {
            progress.end();
        }
    }

    /** @return the paths for a message, escaped for the terminal: {@code a, b} */
    String display() {
        return paths.stream().map(SpanFiles::display).collect(Collectors.joining(", "));
    }

    static String display(Path path) {
        return TerminalText.escape(path.toString());
    }
}
