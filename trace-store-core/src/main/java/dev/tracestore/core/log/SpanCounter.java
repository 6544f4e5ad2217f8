package dev.tracestore.core.log;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Counts the spans of an OTLP/JSON lines file without decoding them, so that a reload can find where the newest
 * {@code max-spans} spans begin before it decodes anything. Decoding is the cost of a reload; counting runs at the
 * speed of a byte scan.
 *
 * <p>How: in OTLP/JSON, {@code startTimeUnixNano} is a field of {@code Span} only (events have
 * {@code timeUnixNano}), attribute keys are string values (followed by a comma, not a colon), and JSON escapes every
 * quote inside a string, so the bytes {@code "startTimeUnixNano":} occur exactly once per span. Metrics have the same
 * key in their data points, and the Collector's file exporter may write every signal to one file: a line counts only
 * when it holds spans, that is the key {@code "scopeSpans":} (or the pre-1.0 {@code "instrumentationLibrarySpans":}),
 * which a metrics or logs request never has. A last line without newline is decoded to tell a line torn by a crash
 * (no spans) from a complete one. A corrupt line elsewhere still counts, which can only make a reload start a little
 * later than it could.
 */
final class SpanCounter {

    private static final byte[] KEY = "\"startTimeUnixNano\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SCOPE_SPANS = "\"scopeSpans\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LIBRARY_SPANS = "\"instrumentationLibrarySpans\"".getBytes(StandardCharsets.US_ASCII);
    private static final int CHUNK_BYTES = 1 << 20;
    /** A file at least this large is counted in two halves at once. */
    static final long PARALLEL_MIN_BYTES = 16 << 20;
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ALL_U = 0x0101010101010101L * 'U';
    private static final long ALL_S = 0x0101010101010101L * 'S';
    private static final long ALL_NEWLINE = 0x0101010101010101L * '\n';
    /** Room for the longest key and the blanks before its colon, where a chunk ends. */
    private static final int KEY_WINDOW = 64;
    /** Where the 'U' of "Unix" sits in the key. */
    private static final int KEY_U = "\"startTime".length();
    /** Where the 'S' of "Spans" sits in the keys that mark a line of spans. */
    private static final int SCOPE_S = "\"scope".length();
    private static final int LIBRARY_S = "\"instrumentationLibrary".length();
    /** The bytes before a 'U' or 'S' that the next chunk may need to look back at. */
    private static final int LOOK_BACK = Math.max(KEY_U, LIBRARY_S);

    /** Where reading starts so that a given number of a file's first spans are left out. */
    record Start(long fileOffset, long spansToDrop) {
    }

    private final OtlpJsonReader reader;
    private final int maxLineBytes;

    SpanCounter(OtlpJsonReader reader, int maxLineBytes) {
        this.reader = reader;
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * @return the spans that reading the file would hand over, counted from its start to its end now. A large file is
     *     counted in two halves at once (split at a line start), so that the scan before a reload's decoding takes
     *     half as long on two cores.
     */
    long count(FileChannel channel) throws IOException {
        long split = channel.size() >= PARALLEL_MIN_BYTES ? lineStartAfter(channel, channel.size() / 2) : -1;
        if (split < 0) {
            return countFrom(channel, 0, Long.MAX_VALUE, null);
        }
        FutureTask<Long> head = new FutureTask<>(() -> countFrom(channel, 0, split, null));
        Thread counter = new Thread(head, "trace-store-counter");
        counter.setDaemon(true);
        counter.start();
        long tail = countFrom(channel, split, Long.MAX_VALUE, null);
        try {
            return head.get() + tail;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while counting spans");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** @return the offset just after the first newline at or after {@code offset}, or -1 when there is none */
    private static long lineStartAfter(FileChannel channel, long offset) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        long position = offset;
        while (true) {
            buffer.clear();
            int read = channel.read(buffer, position);
            if (read < 0) {
                return -1;
            }
            for (int i = 0; i < read; i++) {
                if (buffer.get(i) == '\n') {
                    return position + i + 1;
                }
            }
            position += read;
        }
    }

    /** Receives the lines of a file as {@link #countLines} counts them. */
    interface LineListener {
        /** @param spans the spans the line holds: 0 for a line of no spans (a blank line, metrics) */
        void line(long fileOffset, long spans);
    }

    /**
     * Counts the spans of a file line by line, on this thread: what a snapshot needs to put a store's spans in the
     * order a reload reads them (a line groups its batch by resource and scope).
     *
     * @return the spans of the file, as {@link #count} answers
     */
    long countLines(FileChannel channel, LineListener listener) throws IOException {
        return countFrom(channel, 0, Long.MAX_VALUE, listener);
    }

    /**
     * Counts the spans of the lines from {@code start} (a line start) to {@code stop} (a line start, or
     * {@link Long#MAX_VALUE} for the end of the file now, whose last line may have no newline).
     *
     * @param listener told of every line, {@code null} when only the sum matters
     */
    private long countFrom(FileChannel channel, long start, long stop, LineListener listener) throws IOException {
        byte[] bytes = new byte[CHUNK_BYTES];
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long spans = 0;
        long base = start;          // file offset of bytes[0]
        long position = start;      // file offset of the next byte to read
        long lastNewline = start - 1;  // file offset
        long keysInLine = 0;        // span start keys in the current line
        boolean lineHasSpans = false;
        int from = 0;               // bytes before this were scanned already
        int end = 0;
        boolean eof = false;
        while (!eof) {
            long room = Math.min(stop - position, (long) (bytes.length - end));
            buffer.clear().position(end).limit(end + (int) room);
            int read = room > 0 ? channel.read(buffer, position) : -1;
            eof = read < 0;
            position += Math.max(read, 0);
            end = buffer.position();
            // A key near the end of what we hold may continue beyond it: scan it with the next chunk.
            int limit = eof ? end : end - KEY_WINDOW;
            // 'U' and 'S' are rare bytes in these keys (twice a span, once a scope): look for those, eight bytes
            // at a time, and look at single bytes only in a word that holds one of them or a newline.
            for (int i = from; i < limit; i++) {
                if (i + Long.BYTES <= limit && !mayHoldMarker((long) WORDS.get(bytes, i))) {
                    i += Long.BYTES - 1;
                    continue;
                }
                byte b = bytes[i];
                if (b == 'U') {
                    if (isKeyAt(bytes, i - KEY_U, end, KEY)) {
                        keysInLine++;
                    }
                } else if (b == 'S') {
                    lineHasSpans |= isKeyAt(bytes, i - SCOPE_S, end, SCOPE_SPANS)
                            || isKeyAt(bytes, i - LIBRARY_S, end, LIBRARY_SPANS);
                } else if (b == '\n') {
                    spans += lineHasSpans ? keysInLine : 0;
                    if (listener != null) {
                        listener.line(lastNewline + 1, lineHasSpans ? keysInLine : 0);
                    }
                    lastNewline = base + i;
                    keysInLine = 0;
                    lineHasSpans = false;
                }
            }
            if (limit > LOOK_BACK) {
                int keep = limit - LOOK_BACK;   // the bytes before a 'U' or 'S' that the next chunk may need
                System.arraycopy(bytes, keep, bytes, 0, end - keep);
                base += keep;
                end -= keep;
                from = LOOK_BACK;
            }
        }
        // The last line has no newline: complete from some tools, torn by a crash (the reader skips it) from others.
        if (stop == Long.MAX_VALUE && lineHasSpans && keysInLine > 0 && tailDecodes(channel, lastNewline + 1)) {
            spans += keysInLine;
            if (listener != null) {
                listener.line(lastNewline + 1, keysInLine);
            }
        }
        return spans;
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
    Start locate(FileChannel channel, long spansToSkip) throws IOException {
        Start[] start = {new Start(0, spansToSkip)};
        FileLines.read(channel, 0, maxLineBytes, new FileLines.Visitor() {
            private long before;

            @Override
            public boolean line(byte[] buffer, int offset, int length, long fileOffset, boolean terminated) {
                int count = spansInLine(buffer, offset, length);
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

    /** @return the spans in one line: its span start keys, when it is a line of spans at all */
    static int spansInLine(byte[] buffer, int offset, int length) {
        int end = offset + length;
        boolean hasSpans = false;
        for (int i = offset; i < end && !hasSpans; i++) {
            hasSpans = buffer[i] == '"' && (isKeyAt(buffer, i, end, SCOPE_SPANS) || isKeyAt(buffer, i, end, LIBRARY_SPANS));
        }
        return hasSpans ? countKeys(buffer, offset, length) : 0;
    }

    static int countKeys(byte[] buffer, int offset, int length) {
        int count = 0;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (buffer[i] == '"' && isKeyAt(buffer, i, end, KEY)) {
                count++;
            }
        }
        return count;
    }

    /** @return whether one of the eight bytes of {@code word} is a 'U', an 'S' or a newline */
    private static boolean mayHoldMarker(long word) {
        return (hasZeroByte(word ^ ALL_U) | hasZeroByte(word ^ ALL_S) | hasZeroByte(word ^ ALL_NEWLINE)) != 0;
    }

    /** @return non-zero exactly when a byte of {@code word} is zero (the classic bit trick, no false answers) */
    private static long hasZeroByte(long word) {
        return (word - 0x0101010101010101L) & ~word & 0x8080808080808080L;
    }

    /** @return whether {@code key}, then optional blanks and a colon, start at {@code at} */
    private static boolean isKeyAt(byte[] buffer, int at, int end, byte[] key) {
        if (at < 0 || end - at < key.length || buffer[at] != '"') {
            return false;
        }
        for (int k = 1; k < key.length; k++) {
            if (buffer[at + k] != key[k]) {
                return false;
            }
        }
        int after = at + key.length;
        while (after < end && (buffer[after] == ' ' || buffer[after] == '\t')) {
            after++;
        }
        return after < end && buffer[after] == ':';
    }
}
