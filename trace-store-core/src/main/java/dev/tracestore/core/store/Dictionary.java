package dev.tracestore.core.store;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;

import java.util.Arrays;

/**
 * Numbers the strings of span records (attribute keys, event names, low-cardinality values), counting their uses
 * so an entry is freed with the last record that uses it ({@link CountedInterner}). At most {@value #MAX_ENTRIES}
 * strings are numbered at once; beyond that a record keeps the string inline (it costs bytes, never an answer).
 * Each key number also keeps the {@link AttributeKey} it was written with, so unpacking a record makes no
 * key anew. Not thread-safe; the store guards it (readers only call {@link #get} and {@link #key}).
 */
final class Dictionary {

    /** Beyond this many live entries new strings are no longer numbered; records hold them inline. */
    static final int MAX_ENTRIES = 1 << 20;

    static final int ABSENT = CountedInterner.ABSENT;

    private final CountedInterner<String> strings = new CountedInterner<>(MAX_ENTRIES);
    private AttributeKey<?>[] keys = new AttributeKey<?>[64];

    /** @return the string's number, counting one more use; {@link #ABSENT} when the dictionary is full */
    int acquire(String value) {
        return strings.acquire(value);
    }

    /** Like {@link #acquire}, for an attribute key, remembering the key for readers. */
    int acquireKey(AttributeKey<?> key) {
        int id = acquire(key.getKey());
        if (id != ABSENT) {
            if (id >= keys.length) {
                keys = Arrays.copyOf(keys, Math.max(keys.length * 2, id + 1));
            }
            if (keys[id] == null) {
                keys[id] = key;
            }
        }
        return id;
    }

    /**
     * Counts one more use of a number that {@link #acquire} or {@link #acquireKey} gave while {@link #freed()} was as
     * it is now.
     */
    void acquireAgain(int id) {
        strings.acquireAgain(id);
    }

    /** @return how many numbers have been freed so far: a number remembered since then still stands for its string */
    long freed() {
        return strings.freed();
    }

    /** Counts one use less, freeing the entry with the last one. */
    void release(int id) {
        if (strings.release(id) && id < keys.length) {
            keys[id] = null;
        }
    }

    String get(int id) {
        return strings.get(id);
    }

    /** @return the key numbered {@code id} if it was written with {@code type}'s type, otherwise {@code null} */
    AttributeKey<?> key(int id, AttributeType type) {
        AttributeKey<?> key = id < keys.length ? keys[id] : null;
        return key != null && key.getType() == type ? key : null;
    }
}
