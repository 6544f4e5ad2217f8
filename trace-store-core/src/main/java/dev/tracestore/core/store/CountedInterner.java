package dev.tracestore.core.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Numbers values that repeat across spans (span names, resources, scopes, the strings of span records), counting
 * the live uses of each: a number is freed with its last use and reused later, oldest freed first, so values that
 * churn (IDs in span names, one resource per short-lived process) never make the store grow beyond what its live
 * spans use. An optional cap on live numbers bounds it further; beyond it {@link #acquire} answers
 * {@link #ABSENT} and the caller keeps the value some other way. Not thread-safe; the store guards it.
 *
 * @param <T> the values, with value equality
 */
final class CountedInterner<T> {

    static final int ABSENT = -1;

    private final int maxEntries;
    private final Map<T, Integer> ids = new HashMap<>();
    private final List<T> values = new ArrayList<>();
    private final ArrayDeque<Integer> freeIds = new ArrayDeque<>();
    private int[] liveCounts = new int[64];
    /** Numbers freed so far: a number remembered while this stays the same still stands for the same value. */
    private long freed;
    // the SDK hands over the same resource and scope instance span after span: an identity check answers first
    private T lastValue;
    private int lastId = ABSENT;

    /** @param maxEntries the most values numbered at once */
    CountedInterner(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** @return the value's number, counting one more use; {@link #ABSENT} when the interner is full */
    int acquire(T value) {
        int id;
        if (value == lastValue && lastId != ABSENT && values.get(lastId) == value) {
            id = lastId;
        } else {
            Integer known = ids.get(value);
            if (known != null) {
                id = known;
            } else if (size() >= maxEntries) {
                return ABSENT;
            } else {
                id = add(value);
            }
            lastValue = value;
            lastId = id;
        }
        liveCounts[id]++;
        return id;
    }

    /**
     * Counts one more use of a number in use, which the caller got from {@link #acquire} while {@link #freed()}
     * was what it is now: no look-up of the value.
     */
    void acquireAgain(int id) {
        liveCounts[id]++;
    }

    /** @return how many numbers have been freed so far */
    long freed() {
        return freed;
    }

    private int add(T value) {
        int id;
        if (freeIds.isEmpty()) {
            id = values.size();
            values.add(value);
            if (id >= liveCounts.length) {
                liveCounts = Arrays.copyOf(liveCounts, liveCounts.length * 2);
            }
        } else {
            id = freeIds.removeFirst();
            values.set(id, value);
        }
        ids.put(value, id);
        return id;
    }

    /**
     * Counts one use less, freeing the number with the last one.
     *
     * @return whether the number was freed
     */
    boolean release(int id) {
        if (--liveCounts[id] > 0) {
            return false;
        }
        ids.remove(values.get(id));
        values.set(id, null);
        freeIds.addLast(id);
        freed++;
        return true;
    }

    /** @return the number of a value in use, or {@link #ABSENT} */
    int find(T value) {
        Integer id = ids.get(value);
        return id == null ? ABSENT : id;
    }

    /** @return the value numbered {@code id}; {@code null} when that number is free */
    T get(int id) {
        return values.get(id);
    }

    /** @return how many uses the value numbered {@code id} has */
    int uses(int id) {
        return liveCounts[id];
    }

    /** @return one more than the highest number ever given: the bound for iterating numbers */
    int idLimit() {
        return values.size();
    }

    /** @return how many values are numbered now */
    int size() {
        return ids.size();
    }
}
