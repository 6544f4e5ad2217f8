package dev.tracestore.core.log;

import dev.tracestore.core.model.StoredSpan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Streams one OTLP/JSON lines file: splits it into lines in a reused byte buffer (a file can be
 * far larger than the heap), decodes each line with {@link OtlpJsonReader} straight from that
 * buffer, and hands the spans of every good line to the sink. Bad lines are counted, not thrown.
 */
final class SpanFileReader {

    private static final Logger logger = LoggerFactory.getLogger(SpanFileReader.class);

    /** A longer line is skipped unread: it would cost more heap than a span log may take. */
    static final int MAX_LINE_BYTES = 64 << 20;

    private static final int CHUNK_BYTES = 64 << 10;

    private final OtlpJsonReader reader;
    private final int maxLineBytes;
    private long spansRead;
    private long linesSkipped;

    SpanFileReader(OtlpJsonReader reader) {
        this(reader, MAX_LINE_BYTES);
    }

    SpanFileReader(OtlpJsonReader reader, int maxLineBytes) {
        this.reader = reader;
        this.maxLineBytes = maxLineBytes;
    }

    long spansRead() {
        return spansRead;
    }

    long linesSkipped() {
        return linesSkipped;
    }

    /** Reads {@code file} to its end; only I/O failures of the file itself and sink exceptions escape. */
    void read(Path file, Consumer<StoredSpan> sink) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[Math.min(CHUNK_BYTES, maxLineBytes)];
            int start = 0;      // first byte of the current line
            int end = 0;        // end of the valid bytes
            int scanned = 0;    // bytes before this hold no newline of the current line
            boolean overlong = false;
            long lineNumber = 1;
            while (true) {
                int newline = indexOfNewline(buffer, scanned, end);
                if (newline >= 0) {
                    if (overlong) {
                        skip(file, lineNumber, "longer than " + maxLineBytes + " bytes");
                        overlong = false;
                    } else {
                        decode(file, lineNumber, buffer, start, newline - start, sink);
                    }
                    lineNumber++;
                    start = newline + 1;
                    scanned = start;
                    continue;
                }
                // No newline in what we hold: make room, then read more.
                if (overlong) {
                    start = 0;
                    end = 0;
                } else if (start > 0) {
                    System.arraycopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                }
                scanned = end;
                if (end == buffer.length) {
                    if (buffer.length >= maxLineBytes) {
                        overlong = true;   // drop what we hold, skip to the next newline
                        start = 0;
                        end = 0;
                        scanned = 0;
                    } else {
                        buffer = Arrays.copyOf(buffer, (int) Math.min((long) buffer.length * 2, maxLineBytes));
                    }
                }
                int read = in.read(buffer, end, buffer.length - end);
                if (read < 0) {
                    break;
                }
                end += read;
            }
            // The last line has no newline: complete JSON from a tool that omits it is fine,
            // a line torn by a crash fails to decode and is counted.
            if (overlong) {
                skip(file, lineNumber, "longer than " + maxLineBytes + " bytes");
            } else if (end > start) {
                decode(file, lineNumber, buffer, start, end - start, sink);
            }
        }
    }

    private void decode(Path file, long lineNumber, byte[] buffer, int offset, int length,
            Consumer<StoredSpan> sink) {
        if (isBlank(buffer, offset, length)) {
            return;
        }
        List<StoredSpan> spans;
        try {
            spans = reader.read(buffer, offset, length);
        } catch (IOException | RuntimeException e) {
            // RuntimeException too: whatever a corrupt line does, it must not stop a startup.
            skip(file, lineNumber, e.getMessage());
            return;
        }
        // Outside the try: the sink's own exceptions are the caller's business.
        for (StoredSpan span : spans) {
            sink.accept(span);
        }
        spansRead += spans.size();
    }

    private void skip(Path file, long lineNumber, String reason) {
        linesSkipped++;
        logger.debug("Skipped line {} of {}: {}", lineNumber, file, reason);
    }

    private static int indexOfNewline(byte[] buffer, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static boolean isBlank(byte[] buffer, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            byte b = buffer[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
