package dev.tracestore.core.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * Streams the lines of a file, from any byte offset, through one reused buffer: a file can be far larger than the
 * heap. A line longer than the limit is skipped unread, since holding it would cost more heap than a span log may
 * take. A reader that hands lines to other threads asks to {@linkplain #read(FileChannel, long, int, boolean,
 * Visitor) keep them} instead: each buffer is then read once and never overwritten, so a line needs no copy of its
 * own.
 */
final class FileLines {

    private static final int CHUNK_BYTES = 64 << 10;

    /**
     * The buffers of a read that keeps its lines: large, so that few lines straddle two buffers (the part in the
     * first is copied); 4 MB less an array's header is humongous in G1 with regions of up to 4 MB, which frees it
     * without copying it.
     */
    private static final int KEPT_CHUNK_BYTES = (4 << 20) - 16;

    /** What {@link #read} finds, in file order. */
    interface Visitor {

        /**
         * One line, without its newline; the bytes are valid only during the call, unless the read keeps its lines.
         *
         * @param fileOffset where the line starts in the file
         * @param terminated {@code false} for a last line without a newline (complete from some tools, torn by a
         *     crash from others)
         * @return {@code false} to stop reading
         */
        boolean line(byte[] buffer, int offset, int length, long fileOffset, boolean terminated) throws IOException;

        /** A line longer than the limit, skipped unread. */
        void overlong(long fileOffset);
    }

    private FileLines() {
    }

    /** Reads {@code channel} from byte {@code from} to its end; the channel stays open. */
    static void read(FileChannel channel, long from, int maxLineBytes, Visitor visitor) throws IOException {
        read(channel, from, maxLineBytes, false, visitor);
    }

    /**
     * Like {@link #read(FileChannel, long, int, Visitor)}.
     *
     * @param keepLines whether the bytes handed to the visitor stay as they are after the call (no buffer is
     *     reused) rather than only during it
     */
    static void read(FileChannel channel, long from, int maxLineBytes, boolean keepLines, Visitor visitor)
            throws IOException {
        channel.position(from);
        // a small file read keeping its lines needs no large buffer (the CLI reads thousands of small files)
        long first = keepLines ? Math.min(KEPT_CHUNK_BYTES, Math.max(CHUNK_BYTES, channel.size() - from)) : CHUNK_BYTES;
        byte[] buffer = new byte[(int) Math.min(first, maxLineBytes)];
        long base = from;       // file offset of buffer[0]
        int start = 0;          // first byte of the current line
        int end = 0;            // end of the valid bytes
        int scanned = 0;        // bytes before this hold no newline of the current line
        long overlongAt = -1;   // file offset of the overlong line being skipped
        while (true) {
            int newline = indexOfNewline(buffer, scanned, end);
            if (newline >= 0) {
                if (overlongAt >= 0) {
                    visitor.overlong(overlongAt);
                    overlongAt = -1;
                } else if (!visitor.line(buffer, start, newline - start, base + start, true)) {
                    return;
                }
                start = newline + 1;
                scanned = start;
                continue;
            }
            // No newline in what we hold: make room, then read more.
            if (overlongAt >= 0) {
                base += end;
                start = 0;
                end = 0;
            } else if (start > 0) {
                // lines handed out from this buffer may still be in use: the rest moves to a new one
                byte[] target = keepLines ? new byte[buffer.length] : buffer;
                System.arraycopy(buffer, start, target, 0, end - start);
                buffer = target;
                end -= start;
                base += start;
                start = 0;
            }
            scanned = end;
            if (end == buffer.length) {
                if (buffer.length >= maxLineBytes) {
                    overlongAt = base;   // drop what we hold, skip to the next newline
                    base += end;
                    end = 0;
                    scanned = 0;
                } else {
                    buffer = Arrays.copyOf(buffer, (int) Math.min((long) buffer.length * 2, maxLineBytes));
                }
            }
            int read = channel.read(ByteBuffer.wrap(buffer, end, buffer.length - end));
            if (read < 0) {
                break;
            }
            end += read;
        }
        if (overlongAt >= 0) {
            visitor.overlong(overlongAt);
        } else if (end > start) {
            visitor.line(buffer, start, end - start, base + start, false);
        }
    }

    private static int indexOfNewline(byte[] buffer, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
