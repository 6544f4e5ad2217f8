package dev.tracestore.core.log;

import dev.tracestore.core.model.StoredSpan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Streams one OTLP/JSON lines file: hands the non-blank lines of the file on (straight from the buffer of
 * {@link FileLines}), and decodes a line with {@link OtlpJsonReader}. Bad lines (overlong, torn, corrupt) are counted,
 * not thrown. Thread-safe: several threads may decode the lines of one file.
 */
final class SpanFileReader {

    private static final Logger logger = LoggerFactory.getLogger(SpanFileReader.class);

    /** A longer line is skipped unread: it would cost more heap than a span log may take. */
    static final int MAX_LINE_BYTES = 64 << 20;

    /** Receives the non-blank lines of a file; the bytes stay as they are after the call (no buffer is reused). */
    @FunctionalInterface
    interface Lines {
        void line(byte[] buffer, int offset, int length, long fileOffset);
    }

    private final OtlpJsonReader reader;
    private final int maxLineBytes;
    private final LongAdder linesSkipped = new LongAdder();

    SpanFileReader(OtlpJsonReader reader) {
        this(reader, MAX_LINE_BYTES);
    }

    SpanFileReader(OtlpJsonReader reader, int maxLineBytes) {
        this.reader = reader;
        this.maxLineBytes = maxLineBytes;
    }

    long linesSkipped() {
        return linesSkipped.sum();
    }

    /**
     * Reads an open file from the line that starts at byte {@code from} to its end and hands each non-blank line to
     * {@code lines}; a line longer than the limit is skipped and counted. Only I/O failures of the file and the
     * consumer's exceptions escape.
     *
     * @param file the file's name, for messages
     */
    void forEachLine(Path file, FileChannel channel, long from, Lines lines) throws IOException {
        FileLines.read(channel, from, maxLineBytes, true, new FileLines.Visitor() {
            @Override
            public boolean line(byte[] buffer, int offset, int length, long fileOffset, boolean terminated) {
                // A last line without newline: complete JSON from a tool that omits it is fine,
                // a line torn by a crash fails to decode and is counted.
                if (!isBlank(buffer, offset, length)) {
                    lines.line(buffer, offset, length, fileOffset);
                }
                return true;
            }

            @Override
            public void overlong(long fileOffset) {
                skip(file, fileOffset, "longer than " + maxLineBytes + " bytes");
            }
        });
    }

    /**
     * Decodes one line.
     *
     * @return its spans; none when the line cannot be decoded, which is counted
     */
    List<StoredSpan> decode(Path file, long fileOffset, byte[] buffer, int offset, int length) {
        try {
            return reader.read(buffer, offset, length);
        } catch (IOException | RuntimeException e) {
            // RuntimeException too: whatever a corrupt line does, it must not stop a startup.
            skip(file, fileOffset, e.getMessage());
            return List.of();
        }
    }

    private void skip(Path file, long fileOffset, String reason) {
        linesSkipped.increment();
        logger.debug("Skipped the line at byte {} of {}: {}", fileOffset, file, reason);
    }

    static boolean isBlank(byte[] buffer, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            byte b = buffer[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
