package dev.tracestore.core.log;

import java.io.IOException;

/**
 * Thrown by {@link SpanLog#flush()} and {@link SpanLog#close()} when spans given to {@link SpanLog#append} since the
 * previous flush did not reach the file: the disk was full, the file could not be written or opened, or a span could
 * not be encoded. They are counted in {@link SpanLog#spansFailed()} too. A caller that answers a flush request, as a
 * span processor's {@code forceFlush} does, answers it as failed.
 *
 * <pre>{@code
 * try {
 *     log.flush();
 *     result.succeed();
 * } catch (IOException e) {   // SpansNotWrittenException or the flush's own failure
 *     result.fail();
 * }
 * }</pre>
 */
public final class SpansNotWrittenException extends IOException {

    private static final long serialVersionUID = 1L;

    private final long spans;

    SpansNotWrittenException(long spans, String reason, Throwable cause) {
        super(spans + (spans == 1 ? " span" : " spans") + " given to the span log since its last flush did not reach "
                + "the file: " + reason, cause);
        this.spans = spans;
    }

    /** @return how many spans given since the previous flush were not written */
    public long spans() {
        return spans;
    }
}
