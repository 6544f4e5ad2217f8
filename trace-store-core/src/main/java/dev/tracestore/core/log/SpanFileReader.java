package dev.tracestore.core.log;

import dev.tracestore.core.model.StoredSpan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Streams one OTLP/JSON lines file: decodes each line with {@link OtlpJsonReader} straight from the buffer of
 * {@link FileLines} and hands the spans of every good line to the sink. Bad lines are counted, not thrown.
 */
final class SpanFileReader {

    private static final Logger logger = LoggerFactory.getLogger(SpanFileReader.class);

    /** A longer line is skipped unread: it would cost more heap than a span log may take. */
    static final int MAX_LINE_BYTES = 64 << 20;

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

    /**
     * Reads an open file from the line that starts at byte {@code from} to its end, handing over the spans of each
     * good line together; only I/O failures of the file itself and the consumer's exceptions escape.
     *
     * @param file the file's name, for messages
     */
    void readLines(Path file, FileChannel channel, long from, Consumer<List<StoredSpan>> lines) throws IOException {
        FileLines.read(channel, from, maxLineBytes, new FileLines.Visitor() {
            @Override
            public boolean line(byte[] buffer, int offset, int length, long fileOffset, boolean terminated) {
                // A last line without newline: complete JSON from a tool that omits it is fine,
                // a line torn by a crash fails to decode and is counted.
                decode(file, fileOffset, buffer, offset, length, lines);
                return true;
            }

            @Override
            public void overlong(long fileOffset) {
                skip(file, fileOffset, "longer than " + maxLineBytes + " bytes");
            }
        });
    }

    private void decode(Path file, long fileOffset, byte[] buffer, int offset, int length,
            Consumer<List<StoredSpan>> lines) {
        if (isBlank(buffer, offset, length)) {
            return;
        }
        List<StoredSpan> spans;
        try {
            spans = reader.read(buffer, offset, length);
        } catch (IOException | RuntimeException e) {
            // RuntimeException too: whatever a corrupt line does, it must not stop a startup.
            skip(file, fileOffset, e.getMessage());
            return;
        }
        spansRead += spans.size();
        // Outside the try: the sink's own exceptions are the caller's business.
        lines.accept(spans);
    }

    private void skip(Path file, long fileOffset, String reason) {
        linesSkipped++;
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
