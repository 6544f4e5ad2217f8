package dev.tracestore.autoconfigure;

import org.springframework.boot.convert.DataSizeUnit;
import org.springframework.util.unit.DataSize;
import org.springframework.util.unit.DataUnit;

/**
 * The limits of one answer of the {@code traces} endpoint, {@code tracestore.response.*}.
 *
 * <pre>{@code
 * tracestore:
 *   response:
 *     max-spans: 2000
 *     max-bytes: 8MB
 * }</pre>
 */
public class ResponseProperties {

    /**
     * Most spans in one answer of the traces endpoint (a trace, a span search, the failures), from 1 to 10000.
     * A larger answer holds the first ones and says "truncated": true, with how many were left out and how to
     * read the rest.
     */
    private int maxSpans = 5_000;

    /**
     * About the most bytes of spans in one answer of the traces endpoint, estimated from the characters of the
     * spans' names, IDs and attributes; a larger answer is cut like one over max-spans. A plain number is
     * megabytes. Bounds the memory a query for a huge trace takes too.
     */
    @DataSizeUnit(DataUnit.MEGABYTES)
    private DataSize maxBytes = DataSize.ofMegabytes(16);

    public int getMaxSpans() {
        return maxSpans;
    }

    public void setMaxSpans(int maxSpans) {
        this.maxSpans = maxSpans;
    }

    public DataSize getMaxBytes() {
        return maxBytes;
    }

    public void setMaxBytes(DataSize maxBytes) {
        this.maxBytes = maxBytes;
    }
}
