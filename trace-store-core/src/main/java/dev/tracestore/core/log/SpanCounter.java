package dev.tracestore.core.log;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Counts the spans of an OTLP/JSON lines file without decoding them, so that a reload can find where the newest
 * {@code max-spans} spans begin before it decodes anything. Decoding is the cost of a reload; counting runs at the
 * speed of a byte scan.
 *
 * <p>How: in OTLP/JSON, {@code startTimeUnixNano} is a field of {@code Span} only (events have
 * {@code timeUnixNano}), attribute keys are string values (followed by a comma, not a colon), and JSON escapes every
 * quote inside a string, so the bytes {@code "startTimeUnixNano":} occur exactly once per span. A last line without
 * newline is decoded to tell a line torn by a crash (no spans) from a complete one. A corrupt line elsewhere still
 * counts, which can only make a reload start a little later than it could.
 */
final class SpanCounter {

    private static final byte[] KEY = "\"startTimeUnixNano\"".getBytes(StandardCharsets.US_ASCII);

    /** Where reading starts so that a given number of a file's first spans are left out. */
    record Start(long fileOffset, long spansToDrop) {
    }

    private final OtlpJsonReader reader;
    private final int maxLineBytes;

    SpanCounter(OtlpJsonReader reader, int maxLineBytes) {
        this.reader = reader;
        this.maxLineBytes = maxLineBytes;
    }

    /** @return the spans that reading {@code file} would hand over */
    long count(Path file) throws IOException {
        long[] spans = {0};
        FileLines.read(file, 0, maxLineBytes, new FileLines.Visitor() {
            @Override
            public boolean line(byte[] buffer, int offset, int length, long fileOffset, boolean terminated) {
                int count = countKeys(buffer, offset, length);
                if (count > 0 && !terminated && !decodes(buffer, offset, length)) {
                    count = 0;
                }
                spans[0] += count;
                return true;
            }

            @Override
            public void overlong(long fileOffset) {
            }
        });
        return spans[0];
    }

    /**
     * @param spansToSkip how many of the file's first spans to leave out
     * @return the start of the line holding span number {@code spansToSkip} (counting from 0), and how many spans of
     *     that line come before it
     */
    Start locate(Path file, long spansToSkip) throws IOException {
        Start[] start = {new Start(0, spansToSkip)};
        FileLines.read(file, 0, maxLineBytes, new FileLines.Visitor() {
            private long before;

            @Override
            public boolean line(byte[] buffer, int offset, int length, long fileOffset, boolean terminated) {
                int count = countKeys(buffer, offset, length);
                if (before + count > spansToSkip) {
                    start[0] = new Start(fileOffset, spansToSkip - before);
                    return false;
                }
                before += count;
                return true;
            }

            @Override
            public void overlong(long fileOffset) {
            }
        });
        return start[0];
    }

    private boolean decodes(byte[] buffer, int offset, int length) {
        try {
            reader.read(buffer, offset, length);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static int countKeys(byte[] buffer, int offset, int length) {
        int count = 0;
        int end = offset + length;
        int last = end - KEY.length;
        for (int i = offset; i <= last; i++) {
            if (buffer[i] == '"' && matchesKey(buffer, i)) {
                int after = i + KEY.length;
                while (after < end && (buffer[after] == ' ' || buffer[after] == '\t')) {
                    after++;
                }
                if (after < end && buffer[after] == ':') {
                    count++;
                }
                i = after - 1;
            }
        }
        return count;
    }

    private static boolean matchesKey(byte[] buffer, int at) {
        for (int k = 1; k < KEY.length; k++) {
            if (buffer[at + k] != KEY[k]) {
                return false;
            }
        }
        return true;
    }
}
