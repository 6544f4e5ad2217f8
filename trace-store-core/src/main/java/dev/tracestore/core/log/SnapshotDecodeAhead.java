package dev.tracestore.core.log;

import dev.tracestore.core.model.StoredSpan;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Decodes the span blocks of a {@link SpanSnapshot} on a thread of its own, a few blocks ahead of the caller, so that
 * decoding runs beside the storing (on two cores, a reload from a snapshot then takes about as long as storing
 * alone). A failure of the decoder reaches the caller after the blocks decoded before it; closing stops the decoder.
 */
final class SnapshotDecodeAhead implements AutoCloseable {

    /** What the decoder puts on the queue after the last block. */
    private static final List<StoredSpan> END = List.of();

    private final BlockingQueue<Object> decoded;
    private volatile boolean stopped;

    private SnapshotDecodeAhead(int blocksAhead) {
        this.decoded = new ArrayBlockingQueue<>(blocksAhead);
    }

    static SnapshotDecodeAhead start(SnapshotSpanDecoder decoder, SnapshotInput in, long spans, int spansPerBlock,
            int blocksAhead) {
        SnapshotDecodeAhead ahead = new SnapshotDecodeAhead(blocksAhead);
        Thread thread = new Thread(() -> ahead.decode(decoder, in, spans, spansPerBlock), "trace-store-snapshot");
        thread.setDaemon(true);
        thread.start();
        return ahead;
    }

    private void decode(SnapshotSpanDecoder decoder, SnapshotInput in, long spans, int spansPerBlock) {
        Object result;
        try {
            for (long left = spans; left > 0 && !stopped; ) {
                in.nextBlock();
                List<StoredSpan> block = new ArrayList<>((int) Math.min(left, spansPerBlock));
                while (in.blockHasMore()) {
                    block.add(decoder.read());
                }
                if (block.isEmpty() || block.size() > left) {
                    throw new IOException("a snapshot block holds " + block.size() + " spans where " + left
                            + " were left");
                }
                left -= block.size();
                put(block);
            }
            result = END;
        } catch (IOException | RuntimeException e) {
            result = e instanceof IOException io ? io : new IOException("the snapshot cannot be decoded: " + e, e);
        }
        put(result);
    }

    private void put(Object item) {
        try {
            while (!stopped && !decoded.offer(item, 100, TimeUnit.MILLISECONDS)) {
                // the caller is storing; wait for room
            }
        } catch (InterruptedException e) {
            stopped = true;
        }
    }

    /** @return the next block's spans, {@code null} after the last */
    List<StoredSpan> next() throws IOException {
        Object item;
        try {
            item = decoded.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the snapshot", e);
        }
        if (item instanceof IOException e) {
            throw new IOException(e.getMessage(), e);
        }
        @SuppressWarnings("unchecked")
        List<StoredSpan> block = (List<StoredSpan>) item;
        return block == END ? null : block;
    }

    @Override
    public void close() {
        stopped = true;
    }
}
