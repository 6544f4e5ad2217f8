package dev.tracestore.core.log;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.Arrays;
import java.util.Objects;

/**
 * A reusable byte buffer that whole lines are encoded into before they reach the file: a batch
 * whose encoding fails is cut off again ({@link #truncate}), so no half line is ever written
 * because of an encoding error. Not thread-safe; {@link SpanLog} guards it.
 */
final class LineBuffer extends OutputStream {

    /** A buffer grown past this by one huge batch is given back after draining. */
    private static final int RETAINED_CAPACITY = 1 << 20;

    private final int initialCapacity;
    private byte[] bytes;
    private int size;

    LineBuffer(int initialCapacity) {
        this.initialCapacity = initialCapacity;
        this.bytes = new byte[initialCapacity];
    }

    int size() {
        return size;
    }

    /** Drops everything after {@code newSize}, the size noted before a batch was encoded. */
    void truncate(int newSize) {
        if (newSize < 0 || newSize > size) {
            throw new IllegalArgumentException("newSize " + newSize + " outside [0, " + size + "]");
        }
        size = newSize;
    }

    @Override
    public void write(int b) {
        ensureCapacity(size + 1);
        bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] source, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, source.length);
        ensureCapacity(size + length);
        System.arraycopy(source, offset, bytes, size, length);
        size += length;
    }

    /**
     * Writes all buffered bytes to {@code channel} and empties the buffer, also when the channel
     * fails: what failed to reach the file is dropped rather than written twice.
     */
    void drainTo(WritableByteChannel channel) throws IOException {
        try {
            ByteBuffer pending = ByteBuffer.wrap(bytes, 0, size);
            while (pending.hasRemaining()) {
                channel.write(pending);
            }
        } finally {
            size = 0;
            if (bytes.length > RETAINED_CAPACITY) {
                bytes = new byte[initialCapacity];
            }
        }
    }

    private void ensureCapacity(int needed) {
        if (needed < 0) {
            throw new OutOfMemoryError("line buffer larger than 2 GiB");
        }
        if (needed > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(needed, bytes.length * 2));
        }
    }
}
