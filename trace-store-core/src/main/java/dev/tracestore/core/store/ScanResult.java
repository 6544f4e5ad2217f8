package dev.tracestore.core.store;

/**
 * How a {@link SpanStore#scan scan} ended: how many spans it handed over, and why it stopped early if it did (as
 * {@link SearchResult#truncatedReason()} says for searches).
 *
 * <pre>{@code
 * ScanResult scanned = store.scan(query, store.startQuery(), span -> histogram.recordValue(span.durationNanos()));
 * if (scanned.partial()) {
 *     log.warn("incomplete: {}", scanned.truncatedReason());
 * }
 * }</pre>
 *
 * @param spans how many matching spans were handed over
 * @param truncatedReason why the scan stopped before it had read every candidate; {@code null} when complete
 */
public record ScanResult(long spans, String truncatedReason) {

    /** @return {@code true} when the scan stopped early and spans that match were not handed over */
    public boolean partial() {
        return truncatedReason != null;
    }
}
