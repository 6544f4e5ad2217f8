package dev.tracestore.core.log;

import dev.tracestore.core.model.StoredSpan;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Reads span files with threads of its own while the caller's thread hands the spans to the sink: one thread reads
 * the lines, {@value #DECODERS} decode them (decoding the JSON is most of a reload), and the caller takes the decoded
 * lines in file order. Spans reach the sink in file order, on the caller's thread; at most {@value #LINES_AHEAD} lines
 * wait between the reader and the caller. Exceptions of either side reach the caller; a failing sink stops the
 * others.
 */
final class DecodeAhead {

    private static final int LINES_AHEAD = 32;
    /** Two: a reload competes with the application's start-up, and the caller's thread stores what they decode. */
    private static final int DECODERS = 2;

    /**
     * Part of an open span file to read.
     *
     * @param file the file's name, for messages
     * @param from the byte offset of the first line to read
     * @param spansToDrop how many of the first spans read to leave out
     */
    record Part(Path file, FileChannel channel, long from, long spansToDrop) {

        static Part whole(OpenedSpanFiles.OpenedFile file) {
            return new Part(file.path(), file.channel(), 0, 0);
        }
    }

    /** One line being decoded, of part number {@code part}. */
    private record Line(Future<List<StoredSpan>> spans, int part) {
    }

    /** The reader's last word: how many files it read, or why it stopped. */
    private record End(int filesRead, Throwable failure) {
    }

    private DecodeAhead() {
    }

    static ReadResult read(List<Part> parts, Consumer<StoredSpan> sink) throws IOException {
        return read(parts, UnaryOperator.identity(), batch -> batch.forEach(sink));
    }

    /**
     * Like {@link #read(List, Consumer)}, but hands the spans over a line at a time, each first passed through
     * {@code prepare} on the decoding threads, so that work per span that does not need file order (sanitizing) runs
     * beside the caller's instead of on it.
     *
     * @param prepare runs on the decoding threads, must be thread-safe; returns the span to hand over
     * @param batches receives the spans of each line (none empty), in file order, on the caller's thread
     */
    static ReadResult read(List<Part> parts, UnaryOperator<StoredSpan> prepare, Consumer<List<StoredSpan>> batches)
            throws IOException {
        SpanFileReader files = new SpanFileReader(new OtlpJsonReader());
        ExecutorService decoders = Executors.newFixedThreadPool(DECODERS, task -> {
            Thread thread = new Thread(task, "trace-store-decoder");
            thread.setDaemon(true);
            return thread;
        });
        BlockingQueue<Object> queue = new ArrayBlockingQueue<>(LINES_AHEAD);
        Thread reader = new Thread(() -> readLines(parts, files, prepare, decoders, queue), "trace-store-reader");
        reader.setDaemon(true);
        reader.start();
        long[] toDrop = parts.stream().mapToLong(Part::spansToDrop).toArray();
        long handedOver = 0;
        try {
            while (true) {
                Object next = queue.take();
                if (next instanceof End end) {
                    rethrow(end.failure());
                    return new ReadResult(handedOver, files.linesSkipped(), end.filesRead());
                }
                Line line = (Line) next;
                List<StoredSpan> spans = decoded(line);
                int dropped = (int) Math.min(toDrop[line.part()], spans.size());
                toDrop[line.part()] -= dropped;
                if (dropped < spans.size()) {
                    batches.accept(spans.subList(dropped, spans.size()));
                }
                handedOver += spans.size() - dropped;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading span files");
        } finally {
            // Stops a reader and decoders still running because the sink threw or the caller was interrupted.
            reader.interrupt();
            decoders.shutdownNow();
        }
    }

    private static List<StoredSpan> decoded(Line line) throws InterruptedException, IOException {
        try {
            return line.spans().get();
        } catch (ExecutionException e) {
            rethrow(e.getCause());
            throw new IllegalStateException("unreachable");
        }
    }

    private static void readLines(List<Part> parts, SpanFileReader files, UnaryOperator<StoredSpan> prepare,
            ExecutorService decoders, BlockingQueue<Object> queue) {
        int filesRead = 0;
        Throwable failure = null;
        try {
            for (int i = 0; i < parts.size(); i++) {
                Part part = parts.get(i);
                int index = i;
                // the lines' bytes are never overwritten: decoders read them where they were read into
                files.forEachLine(part.file(), part.channel(), part.from(), (buffer, offset, length, fileOffset) -> {
                    Future<List<StoredSpan>> spans = decoders.submit(
                            () -> prepared(files.decode(part.file(), fileOffset, buffer, offset, length), prepare));
                    put(queue, new Line(spans, index));
                });
                filesRead++;
            }
        } catch (Throwable e) {
            failure = e;
        }
        if (failure instanceof UncheckedInterruptedException) {
            return;   // the caller is gone
        }
        try {
            queue.put(new End(filesRead, failure));
        } catch (InterruptedException e) {
            // the caller is gone
        }
    }

    private static List<StoredSpan> prepared(List<StoredSpan> spans, UnaryOperator<StoredSpan> prepare) {
        if (!spans.isEmpty() && prepare != UnaryOperator.<StoredSpan>identity()) {
            spans.replaceAll(prepare);
        }
        return spans;
    }

    private static void put(BlockingQueue<Object> queue, Object item) {
        try {
            queue.put(item);
        } catch (InterruptedException e) {
            throw new UncheckedInterruptedException();
        }
    }

    private static void rethrow(Throwable failure) throws IOException {
        if (failure == null) {
            return;
        }
        if (failure instanceof IOException e) {
            throw e;
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        throw new IOException(failure);
    }

    /** Unwinds the reader out of the file's callback when the caller stopped listening. */
    private static final class UncheckedInterruptedException extends RuntimeException {
        UncheckedInterruptedException() {
            super(null, null, false, false);
        }
    }
}
