package dev.tracestore.core.store;

import io.opentelemetry.api.common.AttributeType;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The posting lists of one attribute key in one scope: a list per value while the key has few distinct values
 * (which answers an equality exactly and lists the values with their counts), entries by hash bucket of the value
 * once it has many ({@link HashedPostings}, which narrows a search for one value to about a thousandth of the key's
 * spans), none for array values.
 * It also counts the live spans that have the key (each span once, however many of its events or links have it)
 * and the types its live values have. Not thread-safe; the store guards it.
 */
final class KeyPostings {

    /** A key with more distinct values than this gets hash buckets instead of a list per value. */
    static final int MAX_VALUES_PER_KEY = 1024;

    /**
     * Hash buckets of a key with many values: a power of two below 2^15 ({@link HashedPostings} keeps a bucket in a
     * {@code short}). A search for one value reads one bucket, about a thousandth of the key's spans.
     */
    static final int HASH_BUCKETS = 1024;

    final Map<Object, IntPostings> byValue = new HashMap<>();
    private HashedPostings byHash;
    private boolean indexed = true;
    private int liveSpans;
    private long lastAdded = -1;
    private long lastReleased = -1;
    /** The one type the key has had, until a second arrives and {@link #typeUses} counts each. */
    private AttributeType onlyType;
    private int onlyTypeUses;
    private int[] typeUses;

    /** Counts the span in (once per span) and appends it to its value's list. */
    void add(long sequence, AttributeType type, Object value, long oldest) {
        boolean firstOfSpan = sequence != lastAdded;
        if (firstOfSpan) {
            liveSpans++;
            lastAdded = sequence;
        }
        countType(type, 1);
        if (!indexed) {
            return;
        }
        if (type == AttributeType.STRING_ARRAY || type == AttributeType.LONG_ARRAY
                || type == AttributeType.DOUBLE_ARRAY || type == AttributeType.BOOLEAN_ARRAY) {
            byValue.clear();
            byHash = null;
            indexed = false;
            return;
        }
        Object indexed = value;
        // only a double can index as another value: the type says so without reading the value
        if (type == AttributeType.DOUBLE) {
            if (value instanceof Double d && d.isNaN()) {
                return; // NaN equals nothing, so no query needs to find it here
            }
            indexed = indexValue(value);
        }
        IntPostings list = null;
        if (!hashed()) {
            // one lookup for a value already listed, the common case
            list = byValue.get(indexed);
            if (list == null && byValue.size() < MAX_VALUES_PER_KEY) {
                list = new IntPostings();
                byValue.put(indexed, list);
            } else if (list == null) {
                switchToHashBuckets(oldest);
            }
        }
        if (list == null) {
            byHash.add(sequence, bucketOf(indexed), oldest);
            return;
        }
        // a span whose events share a value is listed once; its first value of the key is in no list yet
        if (firstOfSpan || list.isEmpty() || list.get(list.size() - 1, oldest) != sequence) {
            list.append(sequence, oldest);
        }
    }

    /**
     * Counts one use less by the span being evicted.
     *
     * @return whether no live span has the key any more
     */
    boolean release(long sequence, AttributeType type) {
        countType(type, -1);
        if (sequence != lastReleased) {
            lastReleased = sequence;
            liveSpans--;
        }
        return liveSpans == 0;
    }

    private void countType(AttributeType type, int delta) {
        if (typeUses == null && (onlyType == null || onlyType == type)) {
            onlyType = type;
            onlyTypeUses += delta;
            return;
        }
        if (typeUses == null) {
            typeUses = new int[AttributeType.values().length];
            typeUses[onlyType.ordinal()] = onlyTypeUses;
        }
        typeUses[type.ordinal()] += delta;
    }

    /** @return the live spans that have the key */
    int liveSpans() {
        return liveSpans;
    }

    /** @return the types the key's live values have */
    Set<AttributeType> types() {
        if (typeUses == null) {
            return EnumSet.of(onlyType);
        }
        Set<AttributeType> types = EnumSet.noneOf(AttributeType.class);
        for (AttributeType type : AttributeType.values()) {
            if (typeUses[type.ordinal()] > 0) {
                types.add(type);
            }
        }
        return types;
    }

    /** @return whether string values have few enough distinct values to be listed one by one */
    boolean hasFewValues() {
        return indexed && !hashed();
    }

    /** @return whether the lists answer an equality (the key has no array values) */
    boolean indexed() {
        return indexed;
    }

    boolean hashed() {
        return byHash != null;
    }

    /** @return the value's own list, or {@code null}; only while the key has {@linkplain #hasFewValues few values} */
    IntPostings listOf(Object value) {
        return byValue.get(indexValue(value));
    }

    /** @return the hash bucket a value is listed in once the key is {@linkplain #hashed() hashed} */
    static int bucketOfValue(Object value) {
        return bucketOf(indexValue(value));
    }

    /**
     * @return the live spans listed in a hash bucket of a {@linkplain #hashed() hashed} key, ascending, in a new
     *     list; {@code null} when there is none
     */
    IntPostings bucketList(int bucket, long oldest) {
        return byHash.list(bucket, oldest);
    }

    /** Trims every list and drops the ones that hold no live span. */
    void sweep(long oldest) {
        for (Iterator<IntPostings> it = byValue.values().iterator(); it.hasNext(); ) {
            IntPostings list = it.next();
            list.trimBefore(oldest);
            if (list.isEmpty()) {
                it.remove();
            }
        }
        if (hashed()) {
            byHash.dropBefore(oldest);
        }
    }

    /** @return the number of live entries of a list */
    static int liveCount(IntPostings list, long oldest) {
        return list.size() - list.lowerBound(oldest, oldest);
    }

    private static int bucketOf(Object value) {
        int hash = value.hashCode();
        return (hash ^ (hash >>> 16)) & (HASH_BUCKETS - 1);
    }

    /** Too many values for a list each: moves every live entry into its value's hash bucket, in sequence order. */
    private void switchToHashBuckets(long oldest) {
        int count = 0;
        for (IntPostings list : byValue.values()) {
            count += list.size();
        }
        // sequence and bucket in one long each, so one sort puts them in the order the buckets take them
        long[] entries = new long[count];
        int filled = 0;
        for (Map.Entry<Object, IntPostings> entry : byValue.entrySet()) {
            int bucket = bucketOf(entry.getKey());
            IntPostings list = entry.getValue();
            for (int i = 0; i < list.size(); i++) {
                long sequence = list.get(i, oldest);
                // entries not yet trimmed belong to evicted spans
                if (sequence >= oldest) {
                    entries[filled++] = sequence * HASH_BUCKETS + bucket;
                }
            }
        }
        Arrays.sort(entries, 0, filled);
        byValue.clear();
        byHash = new HashedPostings();
        for (int i = 0; i < filled; i++) {
            byHash.add(entries[i] / HASH_BUCKETS, (int) (entries[i] % HASH_BUCKETS), oldest);
        }
    }

    /** Numbers that are whole compare equal as longs and doubles, so both index as the long. */
    static Object indexValue(Object value) {
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 0x1p62) {
            return d.longValue();
        }
        return value;
    }
}
