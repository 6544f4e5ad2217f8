package dev.tracestore.core.store;

import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.AttributeFilter;
import dev.tracestore.core.query.Failures;
import dev.tracestore.core.query.SpanQuery;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;
import io.opentelemetry.api.trace.StatusCode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Posting lists of sequence numbers by trace ID, service, span name, ERROR status, failure, error type and
 * low-cardinality span attribute values. Every list is in insertion order, so eviction (first in, first out)
 * removes the first entry of each list the span is in, and an emptied list is removed with its key. Not
 * thread-safe; the store guards it.
 */
final class SpanIndex {

    /** An attribute key with more distinct values than this is not worth indexing: queries scan for it. */
    static final int MAX_VALUES_PER_KEY = 1024;

    private final Map<String, SequenceList> byTraceId = new HashMap<>();
    private final Map<String, SequenceList> byService = new HashMap<>();
    private final Map<String, SequenceList> byName = new HashMap<>();
    private final Map<String, SequenceList> byErrorType = new HashMap<>();
    private final SequenceList errorStatus = new SequenceList();
    private final SequenceList failures = new SequenceList();
    private final Map<String, ValuePostings> byAttribute = new HashMap<>();
    private final Set<String> resourceKeys = new HashSet<>();

    /** The postings of one attribute key, or a mark that the key is not indexed. */
    private static final class ValuePostings {
        final Map<Object, SequenceList> byValue = new HashMap<>();
        boolean indexed = true;
    }

    void add(long sequence, StoredSpan span) {
        append(byTraceId, span.traceId(), sequence);
        append(byService, span.serviceName(), sequence);
        append(byName, span.name(), sequence);
        if (span.statusCode() == StatusCode.ERROR) {
            errorStatus.append(sequence);
        }
        if (Failures.isFailure(span)) {
            failures.append(sequence);
            for (String type : Failures.errorTypes(span)) {
                append(byErrorType, type, sequence);
            }
        }
        span.resource().getAttributes().forEach((key, value) -> resourceKeys.add(key.getKey()));
        span.attributes().forEach((key, value) -> indexAttribute(key, value, sequence));
    }

    void remove(long sequence, StoredSpan span) {
        removeFirst(byTraceId, span.traceId(), sequence);
        removeFirst(byService, span.serviceName(), sequence);
        removeFirst(byName, span.name(), sequence);
        if (span.statusCode() == StatusCode.ERROR) {
            errorStatus.removeFirst(sequence);
        }
        if (Failures.isFailure(span)) {
            failures.removeFirst(sequence);
            for (String type : Failures.errorTypes(span)) {
                removeFirst(byErrorType, type, sequence);
            }
        }
        span.attributes().forEach(forEachIndexed((postings, value) -> removeFirst(postings.byValue, value, sequence)));
    }

    SequenceList trace(String traceId) {
        return byTraceId.get(traceId);
    }

    /** @return the services that have stored spans, sorted */
    List<String> services() {
        return byService.keySet().stream().sorted().toList();
    }

    /**
     * Picks the shortest posting list that holds every span the query can match.
     *
     * @return that list; an empty list when an indexed condition has no entry; {@code null} when no condition is
     *     indexed and every span must be scanned
     */
    SequenceList candidates(SpanQuery query) {
        List<SequenceList> lists = new ArrayList<>();
        query.traceId().ifPresent(id -> lists.add(orEmpty(byTraceId.get(id))));
        query.service().ifPresent(service -> lists.add(orEmpty(byService.get(service))));
        query.spanName().ifPresent(name -> lists.add(orEmpty(byName.get(name))));
        query.errorType().ifPresent(type -> lists.add(orEmpty(byErrorType.get(type))));
        query.status().filter(StatusCode.ERROR::equals).ifPresent(status -> lists.add(errorStatus));
        if (query.failedOnly()) {
            lists.add(failures);
        }
        for (AttributeFilter filter : query.attributes()) {
            SequenceList postings = attributeCandidates(filter);
            if (postings != null) {
                lists.add(postings);
            }
        }
        SequenceList shortest = null;
        for (SequenceList list : lists) {
            if (shortest == null || list.size() < shortest.size()) {
                shortest = list;
            }
        }
        return shortest;
    }

    private SequenceList attributeCandidates(AttributeFilter filter) {
        boolean spanOnly = filter.scope() == AttributeFilter.Scope.SPAN
                || (filter.scope() == AttributeFilter.Scope.ANY && !resourceKeys.contains(filter.key()));
        if (filter.operator() != AttributeFilter.Operator.EQUALS || !spanOnly) {
            return null;
        }
        ValuePostings postings = byAttribute.get(filter.key());
        if (postings == null) {
            return new SequenceList();
        }
        if (!postings.indexed) {
            return null;
        }
        SequenceList found = null;
        for (Object candidate : filter.candidates()) {
            SequenceList list = postings.byValue.get(indexValue(candidate));
            if (list != null) {
                if (found != null) {
                    return null; // two typed candidates both present: no single list holds all matches
                }
                found = list;
            }
        }
        return orEmpty(found);
    }

    private void indexAttribute(AttributeKey<?> key, Object value, long sequence) {
        ValuePostings postings = byAttribute.computeIfAbsent(key.getKey(), k -> new ValuePostings());
        if (!postings.indexed) {
            return;
        }
        boolean scalar = key.getType() != AttributeType.STRING_ARRAY && key.getType() != AttributeType.LONG_ARRAY
                && key.getType() != AttributeType.DOUBLE_ARRAY && key.getType() != AttributeType.BOOLEAN_ARRAY;
        Object indexed = indexValue(value);
        if (!scalar || (postings.byValue.size() >= MAX_VALUES_PER_KEY && !postings.byValue.containsKey(indexed))) {
            postings.byValue.clear();
            postings.indexed = false;
            return;
        }
        append(postings.byValue, indexed, sequence);
    }

    private BiConsumer<AttributeKey<?>, Object> forEachIndexed(BiConsumer<ValuePostings, Object> action) {
        return (key, value) -> {
            ValuePostings postings = byAttribute.get(key.getKey());
            if (postings != null && postings.indexed) {
                action.accept(postings, indexValue(value));
            }
        };
    }

    /** Numbers that are whole compare equal as longs and doubles, so both index as the long. */
    private static Object indexValue(Object value) {
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 0x1p62) {
            return d.longValue();
        }
        return value;
    }

    private static SequenceList orEmpty(SequenceList list) {
        return list == null ? new SequenceList() : list;
    }

    private static <K> void append(Map<K, SequenceList> index, K key, long sequence) {
        index.computeIfAbsent(key, k -> new SequenceList()).append(sequence);
    }

    private static <K> void removeFirst(Map<K, SequenceList> index, K key, long sequence) {
        SequenceList list = index.get(key);
        list.removeFirst(sequence);
        if (list.isEmpty()) {
            index.remove(key);
        }
    }
}
