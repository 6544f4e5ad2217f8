package dev.tracestore.core.store;

import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.AttributeFilter;
import dev.tracestore.core.query.Failures;
import dev.tracestore.core.query.SpanQuery;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Posting lists of sequence numbers by error type and by low-cardinality span attribute value: the conditions
 * that the store's columns cannot check without unpacking a span. Lists are trimmed lazily (see
 * {@link IntPostings}) and swept now and then, so eviction costs nothing here. Not thread-safe; the store guards
 * it.
 */
final class SpanIndex {

    /** An attribute key with more distinct values than this is not worth indexing: queries scan for it. */
    static final int MAX_VALUES_PER_KEY = 1024;

    private final Map<String, IntPostings> byErrorType = new HashMap<>();
    private final Map<String, ValuePostings> byAttribute = new HashMap<>();
    private final Set<String> resourceKeys = new HashSet<>();

    /** The postings of one attribute key, or a mark that the key is not indexed. */
    private static final class ValuePostings {
        final Map<Object, IntPostings> byValue = new HashMap<>();
        boolean indexed = true;
    }

    void add(long sequence, StoredSpan span, boolean failed, long oldest) {
        if (failed) {
            for (String type : Failures.errorTypes(span)) {
                byErrorType.computeIfAbsent(type, t -> new IntPostings()).append(sequence, oldest);
            }
        }
        span.attributes().forEach((key, value) -> indexAttribute(key, value, sequence, oldest));
    }

    void addResourceKeys(io.opentelemetry.api.common.Attributes resourceAttributes) {
        resourceAttributes.forEach((key, value) -> resourceKeys.add(key.getKey()));
    }

    /** @return whether string values of {@code key} have few enough distinct values to be numbered */
    boolean isIndexed(String key) {
        ValuePostings postings = byAttribute.get(key);
        return postings != null && postings.indexed;
    }

    /** Trims every list and drops the ones that hold no live span. */
    void sweep(long oldest) {
        sweep(byErrorType, oldest);
        for (ValuePostings postings : byAttribute.values()) {
            sweep(postings.byValue, oldest);
        }
    }

    private static <K> void sweep(Map<K, IntPostings> lists, long oldest) {
        for (Iterator<IntPostings> it = lists.values().iterator(); it.hasNext(); ) {
            IntPostings list = it.next();
            list.trimBefore(oldest);
            if (list.isEmpty()) {
                it.remove();
            }
        }
    }

    /**
     * A posting list that holds every span a query can match, and the condition it answers exactly (so the scan
     * need not check that one again): the error type, or an attribute filter; {@code null} when it answers none.
     */
    record Candidates(IntPostings postings, Object exactlyAnswers) {
    }

    /**
     * Picks the shortest posting list that holds every span the query can match.
     *
     * @return that list; an empty list when an indexed condition has no entry; {@code null} when no condition is
     *     indexed here
     */
    Candidates candidates(SpanQuery query) {
        List<Candidates> lists = new ArrayList<>();
        query.errorType().ifPresent(type -> lists.add(new Candidates(orEmpty(byErrorType.get(type)), type)));
        for (AttributeFilter filter : query.attributes()) {
            IntPostings postings = attributeCandidates(filter);
            if (postings != null) {
                lists.add(new Candidates(postings, filter));
            }
        }
        Candidates shortest = null;
        for (Candidates list : lists) {
            if (shortest == null || list.postings().size() < shortest.postings().size()) {
                shortest = list;
            }
        }
        return shortest;
    }

    /**
     * @return the list of spans whose own attribute equals one of the filter's candidates: exactly the spans
     *     the filter matches, since no resource has the key; {@code null} when the index cannot answer
     */
    private IntPostings attributeCandidates(AttributeFilter filter) {
        boolean spanOnly = filter.scope() == AttributeFilter.Scope.SPAN
                || (filter.scope() == AttributeFilter.Scope.ANY && !resourceKeys.contains(filter.key()));
        if (filter.operator() != AttributeFilter.Operator.EQUALS || !spanOnly) {
            return null;
        }
        ValuePostings postings = byAttribute.get(filter.key());
        if (postings == null) {
            return new IntPostings();
        }
        if (!postings.indexed) {
            return null;
        }
        IntPostings found = null;
        for (Object candidate : filter.candidates()) {
            IntPostings list = postings.byValue.get(indexValue(candidate));
            if (list != null) {
                if (found != null) {
                    return null; // two typed candidates both present: no single list holds all matches
                }
                found = list;
            }
        }
        return orEmpty(found);
    }

    private void indexAttribute(AttributeKey<?> key, Object value, long sequence, long oldest) {
        ValuePostings postings = byAttribute.computeIfAbsent(key.getKey(), k -> new ValuePostings());
        if (!postings.indexed) {
            return;
        }
        boolean scalar = key.getType() != AttributeType.STRING_ARRAY && key.getType() != AttributeType.LONG_ARRAY
                && key.getType() != AttributeType.DOUBLE_ARRAY && key.getType() != AttributeType.BOOLEAN_ARRAY;
        Object indexed = indexValue(value);
        if (indexed instanceof Double d && d.isNaN()) {
            return; // NaN equals nothing, so no query needs to find it here
        }
        if (!scalar || (postings.byValue.size() >= MAX_VALUES_PER_KEY && !postings.byValue.containsKey(indexed))) {
            postings.byValue.clear();
            postings.indexed = false;
            return;
        }
        postings.byValue.computeIfAbsent(indexed, v -> new IntPostings()).append(sequence, oldest);
    }

    /** Numbers that are whole compare equal as longs and doubles, so both index as the long. */
    private static Object indexValue(Object value) {
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 0x1p62) {
            return d.longValue();
        }
        return value;
    }

    private static IntPostings orEmpty(IntPostings list) {
        return list == null ? new IntPostings() : list;
    }
}
