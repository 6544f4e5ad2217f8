package dev.tracestore.autoconfigure;

import dev.tracestore.core.model.SpanEvent;
import dev.tracestore.core.model.SpanLink;
import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.api.common.Attributes;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.List;

/**
 * The spans of one answer of the {@code traces} endpoint, taken in order until {@code tracestore.response.max-spans}
 * or {@code tracestore.response.max-bytes} would be passed. Sizes are estimated from the characters a span's JSON
 * holds (names, IDs, times, attribute keys and values), so the answer stays near the byte limit without being
 * written twice. The first span is always kept: its size is bounded by the attribute limits.
 */
final class SpanBudget {

    /** The JSON of a span without its variable parts: field names, IDs, times, status, punctuation. */
    private static final int FIXED_SPAN_CHARS = 330;
    private static final int PER_VALUE_CHARS = 8;

    private final int maxSpans;
    private final long maxBytes;
    private final List<StoredSpan> spans = new ArrayList<>();
    private final @Nullable String partialReason;
    private long bytes;
    private @Nullable String limitReached;

    /**
     * @param partialReason why the store's search behind these spans stopped early (its query budget ran out), or
     *     {@code null} when it was complete
     */
    SpanBudget(int maxSpans, long maxBytes, @Nullable String partialReason) {
        this.maxSpans = maxSpans;
        this.maxBytes = maxBytes;
        this.partialReason = partialReason;
    }

    /**
     * @param span the next span of the answer
     * @return whether it was taken; once one is refused, every later one is
     */
    boolean add(StoredSpan span) {
        if (limitReached != null) {
            return false;
        }
        if (spans.size() >= maxSpans) {
            limitReached = "tracestore.response.max-spans (" + maxSpans + ")";
            return false;
        }
        long size = estimatedBytes(span);
        if (!spans.isEmpty() && bytes + size > maxBytes) {
            limitReached = "tracestore.response.max-bytes (" + maxBytes + " bytes)";
            return false;
        }
        bytes += size;
        spans.add(span);
        return true;
    }

    List<StoredSpan> spans() {
        return spans;
    }

    long bytes() {
        return bytes;
    }

    /**
     * Records that spans beyond those taken exist, which the store's requests could not return.
     */
    void markCut() {
        if (limitReached == null) {
            limitReached = "tracestore.response.max-spans (" + maxSpans + ")";
        }
    }

    /** @return why the search may have missed matches, {@code null} when it was complete */
    @Nullable String partialReason() {
        return partialReason;
    }

    /** @return the property whose limit cut the answer, {@code null} while none did */
    @Nullable String limitReached() {
        return limitReached;
    }

    static long estimatedBytes(StoredSpan span) {
        long chars = FIXED_SPAN_CHARS + span.name().length() + span.statusMessage().length()
                + span.serviceName().length() + chars(span.attributes()) + chars(span.resource().getAttributes())
                + span.scope().getName().length();
        for (SpanEvent event : span.events()) {
            chars += 60 + event.name().length() + chars(event.attributes());
        }
        for (SpanLink link : span.links()) {
            chars += 90 + chars(link.attributes());
        }
        return chars;
    }

    private static long chars(Attributes attributes) {
        long[] chars = {0};
        attributes.forEach((key, value) -> chars[0] += PER_VALUE_CHARS + key.getKey().length()
                + String.valueOf(value).length());
        return chars[0];
    }
}
