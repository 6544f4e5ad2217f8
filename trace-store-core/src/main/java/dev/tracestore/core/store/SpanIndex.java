package dev.tracestore.core.store;

import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.AttributeFilter;
import dev.tracestore.core.query.Failures;
import dev.tracestore.core.query.SpanQuery;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;
import io.opentelemetry.api.common.Attributes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Posting lists of sequence numbers by error type and by span attribute value: the conditions that the store's
 * columns cannot check without unpacking a span. A key with few distinct values has a list per value, which
 * answers an equality exactly; a key with many (a URL path, a request ID) has a list per hash bucket of the value,
 * which narrows a search for one value to a few hundred candidates that the scan then checks. Lists are trimmed
 * lazily (see {@link IntPostings}) and swept now and then. Each key counts the live spans that have it and goes
 * with the last of them ({@link #releaseKey}), so keys that carry IDs ({@code order.<n>.status}) do not pile up;
 * resource keys are counted per live resource likewise. Not thread-safe; the store guards it.
 */
final class SpanIndex {

    /** An attribute key with more distinct values than this gets hash buckets instead of a list per value. */
    static final int MAX_VALUES_PER_KEY = 1024;

    /** Hash buckets of a key with many values: a power of two. */
    static final int HASH_BUCKETS = 4096;

    private final Map<String, IntPostings> byErrorType = new HashMap<>();
    private final Map<String, ValuePostings> byAttribute = new HashMap<>();
    /** The keys of live resources, with how many live resources have each. */
    private final Map<String, Integer> resourceKeys = new HashMap<>();

    /** The postings of one attribute key: per value, per hash bucket of the value, or none (arrays). */
    private static final class ValuePostings {
        final Map<Object, IntPostings> byValue = new HashMap<>();
        IntPostings[] byHash;
        boolean indexed = true;
        /** The live spans that have the key; the key goes with the last. */
        int liveSpans;

        boolean hashed() {
            return byHash != null;
        }
    }

    void add(long sequence, StoredSpan span, boolean failed, long oldest) {
        if (failed) {
            for (String type : Failures.errorTypes(span)) {
                byErrorType.computeIfAbsent(type, t -> new IntPostings()).append(sequence, oldest);
            }
        }
        span.attributes().forEach((key, value) -> indexAttribute(key, value, sequence, oldest));
    }

    /** Counts the keys of a resource that live spans now use. */
    void addResourceKeys(Attributes resourceAttributes) {
        resourceAttributes.forEach((key, value) -> resourceKeys.merge(key.getKey(), 1, Integer::sum));
    }

    /** Counts down the keys of a resource that no live span uses any more. */
    void removeResourceKeys(Attributes resourceAttributes) {
        resourceAttributes.forEach((key, value) -> resourceKeys.computeIfPresent(key.getKey(),
                (k, count) -> count == 1 ? null : count - 1));
    }

    /** Counts one live span less with the span attribute {@code key}, forgetting the key with the last one. */
    void releaseKey(String key) {
        ValuePostings postings = byAttribute.get(key);
        if (postings != null && --postings.liveSpans == 0) {
            byAttribute.remove(key);
        }
    }

    /** @return whether string values of {@code key} have few enough distinct values to be numbered */
    boolean hasFewValues(String key) {
        ValuePostings postings = byAttribute.get(key);
        return postings != null && postings.indexed && !postings.hashed();
    }

    /** Trims every list and drops the ones that hold no live span. */
    void sweep(long oldest) {
        sweep(byErrorType, oldest);
        for (ValuePostings postings : byAttribute.values()) {
            sweep(postings.byValue, oldest);
            if (postings.hashed()) {
                for (int bucket = 0; bucket < HASH_BUCKETS; bucket++) {
                    IntPostings list = postings.byHash[bucket];
                    if (list != null) {
                        list.trimBefore(oldest);
                        postings.byHash[bucket] = list.isEmpty() ? null : list;
                    }
                }
            }
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
    Candidates candidates(SpanQuery query, long oldest) {
        List<Candidates> lists = new ArrayList<>();
        query.errorType().ifPresent(type -> lists.add(new Candidates(orEmpty(byErrorType.get(type)), type)));
        for (AttributeFilter filter : query.attributes()) {
            Candidates candidates = attributeCandidates(filter, oldest);
            if (candidates != null) {
                lists.add(candidates);
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
     * @return the spans whose own attribute equals one of the filter's candidates (exactly the spans the filter
     *     matches, since no resource has the key), or, for a key with many values, those whose value falls in the
     *     same hash bucket; {@code null} when the index cannot answer
     */
    private Candidates attributeCandidates(AttributeFilter filter, long oldest) {
        boolean spanOnly = filter.scope() == AttributeFilter.Scope.SPAN
                || (filter.scope() == AttributeFilter.Scope.ANY && !resourceKeys.containsKey(filter.key()));
        if (filter.operator() != AttributeFilter.Operator.EQUALS || !spanOnly || !filter.aliasKeys().isEmpty()) {
            return null;
        }
        ValuePostings postings = byAttribute.get(filter.key());
        if (postings == null) {
            return new Candidates(new IntPostings(), filter);
        }
        if (!postings.indexed) {
            return null;
        }
        IntPostings found = null;
        for (Object candidate : filter.candidates()) {
            Object value = indexValue(candidate);
            IntPostings list = postings.hashed() ? postings.byHash[bucketOf(value)] : postings.byValue.get(value);
            if (list != null && list != found) {
                if (found != null) {
                    return null; // two typed candidates in two lists: no single list holds all matches
                }
                found = list;
            }
        }
        return new Candidates(orEmpty(found), postings.hashed() ? null : filter);
    }

    private static int bucketOf(Object value) {
        int hash = value.hashCode();
        return (hash ^ (hash >>> 16)) & (HASH_BUCKETS - 1);
    }

    private void indexAttribute(AttributeKey<?> key, Object value, long sequence, long oldest) {
        ValuePostings postings = byAttribute.computeIfAbsent(key.getKey(), k -> new ValuePostings());
        postings.liveSpans++;
        if (!postings.indexed) {
            return;
        }
        boolean scalar = key.getType() != AttributeType.STRING_ARRAY && key.getType() != AttributeType.LONG_ARRAY
                && key.getType() != AttributeType.DOUBLE_ARRAY && key.getType() != AttributeType.BOOLEAN_ARRAY;
        if (!scalar) {
            postings.byValue.clear();
            postings.byHash = null;
            postings.indexed = false;
            return;
        }
        Object indexed = indexValue(value);
        if (indexed instanceof Double d && d.isNaN()) {
            return; // NaN equals nothing, so no query needs to find it here
        }
        if (!postings.hashed() && postings.byValue.size() >= MAX_VALUES_PER_KEY
                && !postings.byValue.containsKey(indexed)) {
            switchToHashBuckets(postings, oldest);
        }
        if (postings.hashed()) {
            int bucket = bucketOf(indexed);
            if (postings.byHash[bucket] == null) {
                postings.byHash[bucket] = new IntPostings();
            }
            postings.byHash[bucket].append(sequence, oldest);
        } else {
            postings.byValue.computeIfAbsent(indexed, v -> new IntPostings()).append(sequence, oldest);
        }
    }

    /** Too many values for a list each: moves every live entry into the list of its value's hash bucket. */
    private static void switchToHashBuckets(ValuePostings postings, long oldest) {
        int[] counts = new int[HASH_BUCKETS];
        postings.byValue.forEach((value, list) -> counts[bucketOf(value)] += list.size());
        long[][] sequences = new long[HASH_BUCKETS][];
        int[] filled = new int[HASH_BUCKETS];
        postings.byValue.forEach((value, list) -> {
            int bucket = bucketOf(value);
            if (sequences[bucket] == null) {
                sequences[bucket] = new long[counts[bucket]];
            }
            for (int i = 0; i < list.size(); i++) {
                sequences[bucket][filled[bucket]++] = list.get(i, oldest);
            }
        });
        postings.byValue.clear();
        postings.byHash = new IntPostings[HASH_BUCKETS];
        for (int bucket = 0; bucket < HASH_BUCKETS; bucket++) {
            if (sequences[bucket] == null) {
                continue;
            }
            long[] bucketSequences = sequences[bucket];
            Arrays.sort(bucketSequences);
            IntPostings list = new IntPostings();
            for (long sequence : bucketSequences) {
                if (sequence >= oldest) { // entries not yet trimmed belong to evicted spans
                    list.append(sequence, oldest);
                }
            }
            postings.byHash[bucket] = list.isEmpty() ? null : list;
        }
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
