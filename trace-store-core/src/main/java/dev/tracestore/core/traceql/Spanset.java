package dev.tracestore.core.traceql;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One set of spans a TraceQL query answers for a trace. A query without {@code by(...)} answers at most one
 * spanset per trace; {@code by(resource.service.name)} answers one per service.
 *
 * <pre>{@code
 * // { status = error } | by(resource.service.name) | count() > 1
 * for (Spanset set : trace.spansets()) {
 *     System.out.println(set.groupedBy().get("resource.service.name") + ": " + set.spans().size() + " errors");
 * }
 * }</pre>
 *
 * @param spans the matched spans, by start time
 * @param groupedBy the {@code by(...)} field labels and the values this spanset has (a value is {@code null} for
 *     the spans lacking the field); empty without {@code by}
 */
public record Spanset(List<MatchedSpan> spans, Map<String, Object> groupedBy) {

    /** Copies the lists and maps. */
    public Spanset {
        spans = List.copyOf(spans);
        groupedBy = Collections.unmodifiableMap(new LinkedHashMap<>(groupedBy));
    }
}
