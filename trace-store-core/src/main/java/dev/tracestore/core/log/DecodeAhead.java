package dev.tracestore.core.log;

import dev.tracestore.core.model.StoredSpan;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Reads span files on a second thread that decodes ahead while the caller's thread hands the spans to the sink: a
 * reload into the store spends about as long adding spans as decoding them, and the two overlap. Spans reach the sink
 * in file order, on the caller's thread; at most {@value #LINES_AHEAD} decoded lines wait between the two. Exceptions
 * of either side reach the caller; a failing sink stops the decoder.
 */
final class DecodeAhead {

    private static final int LINES_AHEAD = 32;

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

    /** The decoder's last word: what it read, or why it stopped. */
    private record End(long linesSkipped, int filesRead, Throwable failure) {
    }

    private DecodeAhead() {
    }

    static ReadResult read(List<Part> parts, Consumer<StoredSpan> sink) throws IOException {
        BlockingQueue<Object> queue = new ArrayBlockingQueue<>(LINES_AHEAD);
        Thread decoder = new Thread(() -> decode(parts, queue), "trace-store-reader");
        decoder.setDaemon(true);
        decoder.start();
        long handedOver = 0;
        try {
            while (true) {
                Object next = queue.take();
                if (next instanceof End end) {
                    rethrow(end.failure());
                    return new ReadResult(handedOver, end.linesSkipped(), end.filesRead());
                }
                @SuppressWarnings("unchecked")
                List<StoredSpan> spans = (List<StoredSpan>) next;
                for (StoredSpan span : spans) {
                    sink.accept(span);
                }
                handedOver += spans.size();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading span files");
        } finally {
            // Stops a decoder still running because the sink threw or the caller was interrupted.
            decoder.interrupt();
        }
    }

    private static void decode(List<Part> parts, BlockingQueue<Object> queue) {
        SpanFileReader reader = new SpanFileReader(new OtlpJsonReader());
        int filesRead = 0;
        Throwable failure = null;
        try {
            for (Part part : parts) {
                long[] toDrop = {part.spansToDrop()};
                reader.readLines(part.file(), part.channel(), part.from(), spans -> {
                    List<StoredSpan> kept = spans;
                    if (toDrop[0] > 0) {
                        int dropped = (int) Math.min(toDrop[0], spans.size());
                        kept = spans.subList(dropped, spans.size());
                        toDrop[0] -= dropped;
                    }
                    if (!kept.isEmpty()) {
                        put(queue, kept);
                    }
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
            queue.put(new End(reader.linesSkipped(), filesRead, failure));
        } catch (InterruptedException e) {
            // the caller is gone
        }
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

    /** Unwinds the decoder out of the reader's callback when the caller stopped listening. */
    private static final class UncheckedInterruptedException extends RuntimeException {
        UncheckedInterruptedException() {
            super(null, null, false, false);
        }
    }
}
