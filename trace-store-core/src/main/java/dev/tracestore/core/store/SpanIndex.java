package dev.tracestore.core.store;

import dev.tracestore.core.model.SpanEvent;
import dev.tracestore.core.model.SpanLink;
import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.AttributeFilter;
import dev.tracestore.core.query.Failures;
import dev.tracestore.core.query.SpanQuery;
import io.opentelemetry.api.common.AttributeType;
import io.opentelemetry.api.common.Attributes;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Posting lists of sequence numbers by error type and by attribute value ({@link KeyPostings}), for the span's own
 * attributes, its events' (with the event names under the key {@code name}) and its links': the conditions that
 * the store's columns cannot check without unpacking a span. Lists are trimmed lazily (see {@link IntPostings})
 * and swept now and then. Each key counts the live spans that have it and goes with the last of them
 * ({@link #release}), so keys that carry IDs ({@code order.<n>.status}) do not pile up; resource keys are counted
 * per live resource likewise. Not thread-safe; the store guards it.
 */
final class SpanIndex {

    /** The most entries a union of lists (a fact under several keys, a value under several types) may copy. */
    static final int MAX_UNION = 1 << 16;

    private static final int REMEMBERED_RELEASES = 64;

    /** The key under which event names are indexed among event attributes. */
    static final String EVENT_NAME = "name";

    private final Map<String, IntPostings> byErrorType = new HashMap<>();
    /**
     * A list per span name: a name query ({@code spanName}, TraceQL's {@code name = "..."}) with no other indexed
     * condition would otherwise read the name column of every span in its window.
     */
    private final Map<String, IntPostings> byName = new HashMap<>();
    private final Map<String, KeyPostings> spanKeys = new HashMap<>();
    private final Map<String, KeyPostings> eventKeys = new HashMap<>();
    private final Map<String, KeyPostings> linkKeys = new HashMap<>();
    /** The keys of live resources, with how many live resources have each. */
    private final Map<String, Integer> resourceKeys = new HashMap<>();
    private final AttributeIndexer spanIndexer = new AttributeIndexer(spanKeys);
    private final AttributeIndexer eventIndexer = new AttributeIndexer(eventKeys);
    private final AttributeIndexer linkIndexer = new AttributeIndexer(linkKeys);
    /**
     * The span attribute key released last at each position, and its postings: evicted spans, like added ones,
     * carry the same keys in the same order, so an identity check on the dictionary's string replaces a look-up.
     * Postings with no live span have left the map for good (no add reaches them again), so they are not trusted.
     */
    private final String[] releasedKeys = new String[REMEMBERED_RELEASES];
    private final KeyPostings[] releasedPostings = new KeyPostings[REMEMBERED_RELEASES];

    void add(long sequence, StoredSpan span, boolean failed, long oldest) {
        byName.computeIfAbsent(span.name(), n -> new IntPostings()).append(sequence, oldest);
        if (failed) {
            for (String type : Failures.errorTypes(span)) {
                byErrorType.computeIfAbsent(type, t -> new IntPostings()).append(sequence, oldest);
            }
        }
        spanIndexer.index(span.attributes(), sequence, oldest);
        // indexed loops: an iterator per span over lists that are mostly empty is garbage the JIT did not always remove
        List<SpanEvent> events = span.events();
        for (int i = 0; i < events.size(); i++) {
            SpanEvent event = events.get(i);
            eventKeys.computeIfAbsent(EVENT_NAME, k -> new KeyPostings())
                    .add(sequence, AttributeType.STRING, event.name(), oldest);
            eventIndexer.index(event.attributes(), sequence, oldest);
        }
        List<SpanLink> links = span.links();
        for (int i = 0; i < links.size(); i++) {
            linkIndexer.index(links.get(i).attributes(), sequence, oldest);
        }
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

    /**
     * Counts one use of a key less by the span {@code sequence} being evicted, forgetting the key with the last
     * span that has it.
     *
     * @param scope {@code SPAN}, {@code EVENT} or {@code LINK}
     * @param position the attribute's position in its span's list
     */
    void release(AttributeFilter.Scope scope, int position, String key, AttributeType type, long sequence) {
        Map<String, KeyPostings> keys = scope == AttributeFilter.Scope.SPAN ? spanKeys
                : scope == AttributeFilter.Scope.EVENT ? eventKeys : linkKeys;
        KeyPostings postings;
        if (scope != AttributeFilter.Scope.SPAN || position >= REMEMBERED_RELEASES) {
            postings = keys.get(key);
        } else if (releasedKeys[position] == key && releasedPostings[position].liveSpans() > 0) {
            postings = releasedPostings[position];
        } else {
            postings = keys.get(key);
            releasedKeys[position] = postings == null ? null : key;
            releasedPostings[position] = postings;
        }
        if (postings != null && postings.release(sequence, type)) {
            keys.remove(key);
            (scope == AttributeFilter.Scope.SPAN ? spanIndexer
                    : scope == AttributeFilter.Scope.EVENT ? eventIndexer : linkIndexer).forget();
        }
    }

    /** @return the live keys of span, event or link attributes (read-only); empty for other scopes */
    Map<String, KeyPostings> keys(AttributeFilter.Scope scope) {
        return switch (scope) {
            case SPAN -> Collections.unmodifiableMap(spanKeys);
            case EVENT -> Collections.unmodifiableMap(eventKeys);
            case LINK -> Collections.unmodifiableMap(linkKeys);
            default -> Map.of();
        };
    }

    /** @return whether string values of the span attribute {@code key} have few enough values to be numbered */
    boolean hasFewValues(String key) {
        KeyPostings postings = spanKeys.get(key);
        return postings != null && postings.hasFewValues();
    }

    /**
     * Whether the string value of the span attribute at a position of the span just {@linkplain #add added} is
     * numbered in its record: whether its key has few values. Asks the postings that position went to, found
     * without a look-up by name.
     */
    final AttributeEncoder.NumberedValues numberedSpanValues = (position, key) -> {
        KeyPostings postings = spanIndexer.indexedAt(position, key);
        return postings != null ? postings.hasFewValues() : hasFewValues(key.getKey());
    };

    /** Trims every list and drops the ones that hold no live span. */
    void sweep(long oldest) {
        sweep(byErrorType, oldest);
        sweep(byName, oldest);
        for (Map<String, KeyPostings> keys : List.of(spanKeys, eventKeys, linkKeys)) {
            keys.values().forEach(postings -> postings.sweep(oldest));
        }
    }

    private static void sweep(Map<String, IntPostings> lists, long oldest) {
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
        Candidates shortest = null;
        if (query.errorType().isPresent()) {
            String type = query.errorType().get();
            shortest = new Candidates(orEmpty(byErrorType.get(type)), type);
        }
        if (!query.spanNames().isEmpty()) {
            shortest = shorter(shortest, nameCandidates(query.spanNames(), oldest));
        }
        for (AttributeFilter filter : query.attributes()) {
            if (filter.operator() != AttributeFilter.Operator.EQUALS) {
                continue;
            }
            List<IntPostings> lists = attributeLists(filter, oldest);
            if (lists == null) {
                continue;
            }
            int size = 0;
            for (IntPostings list : lists) {
                size += list.size();
            }
            if (shortest != null && size >= shortest.postings().size()) {
                continue;
            }
            if (lists.size() == 1) {
                KeyPostings own = keys(filter.scope() == AttributeFilter.Scope.ANY ? AttributeFilter.Scope.SPAN
                        : filter.scope()).get(filter.key());
                // a list per value of the span's own key answers an equality exactly; buckets, events and links not
                boolean exact = !filter.scope().needsWholeSpan() && own != null && !own.hashed()
                        && filter.aliasKeys().stream().noneMatch(spanKeys::containsKey);
                shortest = new Candidates(lists.get(0), exact ? filter : null);
            } else if (lists.isEmpty()) {
                shortest = new Candidates(new IntPostings(), filter);
            } else if (size <= MAX_UNION) {
                shortest = new Candidates(union(lists, oldest), null);
            }
        }
        return shortest;
    }

    /** @return the spans with one of the names (the scan still checks the name, from its column) */
    private Candidates nameCandidates(List<String> names, long oldest) {
        List<IntPostings> lists = new ArrayList<>(names.size());
        for (String name : names) {
            addOnce(lists, byName.get(name));
        }
        if (lists.isEmpty()) {
            return new Candidates(new IntPostings(), null);
        }
        if (lists.size() == 1) {
            return new Candidates(lists.get(0), null);
        }
        int size = 0;
        for (IntPostings list : lists) {
            size += list.size();
        }
        return size <= MAX_UNION ? new Candidates(union(lists, oldest), null) : null;
    }

    private static Candidates shorter(Candidates a, Candidates b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return b.postings().size() < a.postings().size() ? b : a;
    }

    /**
     * @return the lists that hold every span the equality can match: those of its candidates' values under its own
     *     key and, for a key with other names, those of the other keys' values that read as a candidate; empty when
     *     no span has a matching value; {@code null} when the index cannot tell
     */
    private List<IntPostings> attributeLists(AttributeFilter filter, long oldest) {
        AttributeFilter.Scope scope = filter.scope();
        if (scope == AttributeFilter.Scope.RESOURCE || scope == AttributeFilter.Scope.INSTRUMENTATION
                || (scope == AttributeFilter.Scope.ANY && resourceKeys.containsKey(filter.key()))) {
            return null; // resources and scopes are not indexed here
        }
        Map<String, KeyPostings> keys = keys(scope == AttributeFilter.Scope.ANY ? AttributeFilter.Scope.SPAN : scope);
        List<IntPostings> lists = new ArrayList<>();
        KeyPostings own = keys.get(filter.key());
        if (own != null) {
            if (!own.indexed()) {
                return null;
            }
            if (own.hashed()) {
                // candidates in one bucket share its list, as they would share one list object
                List<Integer> buckets = new ArrayList<>();
                for (Object candidate : filter.candidates()) {
                    int bucket = KeyPostings.bucketOfValue(candidate);
                    if (!buckets.contains(bucket)) {
                        buckets.add(bucket);
                        addOnce(lists, own.bucketList(bucket, oldest));
                    }
                }
            } else {
                for (Object candidate : filter.candidates()) {
                    addOnce(lists, own.listOf(candidate));
                }
            }
        }
        for (String aliasKey : filter.aliasKeys()) {
            KeyPostings alias = spanKeys.get(aliasKey);
            if (alias == null) {
                continue;
            }
            if (!alias.hasFewValues()) {
                return null; // values read through a conversion cannot be found by their hash
            }
            alias.byValue.forEach((value, list) -> {
                if (filter.aliasValueMatches(aliasKey, value)) {
                    addOnce(lists, list);
                }
            });
        }
        return lists;
    }

    private static void addOnce(List<IntPostings> lists, IntPostings list) {
        if (list != null && !lists.contains(list)) {
            lists.add(list);
        }
    }

    /** @return a new list of the live entries of every list, ascending, each once */
    private static IntPostings union(List<IntPostings> lists, long oldest) {
        int[] at = new int[lists.size()];
        for (int i = 0; i < lists.size(); i++) {
            at[i] = lists.get(i).lowerBound(oldest, oldest);
        }
        IntPostings union = new IntPostings();
        long previous = -1;
        while (true) {
            int next = -1;
            long smallest = Long.MAX_VALUE;
            for (int i = 0; i < lists.size(); i++) {
                if (at[i] < lists.get(i).size() && lists.get(i).get(at[i], oldest) < smallest) {
                    smallest = lists.get(i).get(at[i], oldest);
                    next = i;
                }
            }
            if (next < 0) {
                return union;
            }
            at[next]++;
            if (smallest != previous) {
                union.append(smallest, oldest);
                previous = smallest;
            }
        }
    }

    private static IntPostings orEmpty(IntPostings list) {
        return list == null ? new IntPostings() : list;
    }
}
