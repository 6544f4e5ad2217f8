package dev.tracestore.core.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

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
    private static final int CHUNK_BYTES = 1 << 20;
    /** Room for the key and the blanks before its colon, where a chunk ends. */
    private static final int KEY_WINDOW = 64;
    /** Where the 'U' of "Unix" sits in the key. */
    private static final int KEY_U = "\"startTime".length();

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
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            byte[] bytes = new byte[CHUNK_BYTES];
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            long spans = 0;
            long base = 0;              // file offset of bytes[0]
            long lastNewline = -1;      // file offset
            long keysAfterNewline = 0;  // keys in the last, possibly torn, line
            int from = 0;               // bytes before this were scanned already
            int end = 0;
            boolean eof = false;
            while (!eof) {
                buffer.clear().position(end);
                eof = channel.read(buffer) < 0;
                end = buffer.position();
                // A key near the end of what we hold may continue beyond it: scan it with the next chunk.
                int limit = eof ? end : end - KEY_WINDOW;
                // The key's 'U' is the rarest byte in it (twice a span: start and end time): look for that.
                for (int i = from; i < limit; i++) {
                    byte b = bytes[i];
                    if (b == 'U') {
                        if (isKeyAt(bytes, i - KEY_U, end)) {
                            spans++;
                            keysAfterNewline++;
                        }
                    } else if (b == '\n') {
                        lastNewline = base + i;
                        keysAfterNewline = 0;
                    }
                }
                if (limit > KEY_U) {
                    int keep = limit - KEY_U;   // the bytes before a 'U' that the next chunk may need
                    System.arraycopy(bytes, keep, bytes, 0, end - keep);
                    base += keep;
                    end -= keep;
                    from = KEY_U;
                }
            }
            if (keysAfterNewline > 0 && lastNewline + 1 < channel.size() && !tailDecodes(channel, lastNewline + 1)) {
                spans -= keysAfterNewline;   // torn by a crash: the reader will skip it
            }
            return spans;
        }
    }

    /** Decodes the last line, which has no newline: complete from some tools, torn by a crash from others. */
    private boolean tailDecodes(FileChannel channel, long from) throws IOException {
        long length = channel.size() - from;
        if (length > maxLineBytes) {
            return false;
        }
        ByteBuffer tail = ByteBuffer.allocate((int) length);
        while (tail.hasRemaining() && channel.read(tail, from + tail.position()) >= 0) {
            // read it all
        }
        return decodes(tail.array(), 0, tail.position());
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
        for (int i = offset; i < end; i++) {
            if (buffer[i] == '"' && isKeyAt(buffer, i, end)) {
                count++;
            }
        }
        return count;
    }

    /** @return whether the key, then optional blanks and a colon, start at {@code at} */
    private static boolean isKeyAt(byte[] buffer, int at, int end) {
        if (at < 0 || end - at < KEY.length) {
            return false;
        }
        for (int k = 1; k < KEY.length; k++) {
            if (buffer[at + k] != KEY[k]) {
                return false;
            }
        }
        int after = at + KEY.length;
        while (after < end && (buffer[after] == ' ' || buffer[after] == '\t')) {
            after++;
        }
        return after < end && buffer[after] == ':';
    }
}
