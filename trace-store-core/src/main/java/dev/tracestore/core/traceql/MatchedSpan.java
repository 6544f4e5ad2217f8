package dev.tracestore.core.traceql;

import dev.tracestore.core.model.StoredSpan;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A span a TraceQL query matched, with the values of the fields its {@code select(...)} stages asked for.
 *
 * <pre>{@code
 * for (MatchedSpan matched : spanset.spans()) {
 *     System.out.println(matched.span().name() + " " + matched.selected().get("span.http.route"));
 * }
 * }</pre>
 *
 * @param span the span as stored
 * @param selected field label ({@code span.http.route}, {@code duration}) to value (a string, long, double,
 *     boolean or list; durations in nanoseconds; {@code null} when the span lacks it), in the query's order
 */
public record MatchedSpan(StoredSpan span, Map<String, Object> selected) {

    /** Makes the selection immutable (it may hold {@code null} values). */
    public MatchedSpan {
        selected = Collections.unmodifiableMap(new LinkedHashMap<>(selected));
    }
}
