package dev.tracestore.cli;

import dev.tracestore.core.log.ReadResult;
import dev.tracestore.core.log.SpanLog;
import dev.tracestore.core.model.StoredSpan;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The span files a command reads: a directory written by the starter (every {@code *.jsonl} and
 * {@code *.json} file in it, rotated ones included) or one OTLP/JSON lines file from any OpenTelemetry tool.
 * Reading streams through {@link SpanLog#read}, so a command decides what to keep of each span and the heap
 * never holds the whole directory. A command may read the files more than once.
 */
final class SpanFiles {

    private final Path path;
    private final Progress progress;

    private SpanFiles(Path path, Progress progress) {
        this.path = path;
        this.progress = progress;
    }

    /**
     * @param path a directory or a file
     * @param progress told about every span read
     * @return the files
     * @throws CliException when the path does not exist or cannot be read
     */
    static SpanFiles at(Path path, Progress progress) {
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
        return new SpanFiles(path, progress);
    }

    /** @return the directory or file */
    Path path() {
        return path;
    }

    /**
     * Streams every span to {@code sink}, in file order, oldest file first.
     *
     * @param label what the progress line says while reading, e.g. {@code pass 1 of 3}
     * @param sink receives the spans
     * @return what was read and skipped
     * @throws CliException when a file cannot be read
     */
    ReadResult read(String label, Consumer<StoredSpan> sink) {
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

    static String display(Path path) {
        return TerminalText.escape(path.toString());
    }
}
