package dev.tracestore.core.log;

import io.opentelemetry.api.common.AttributeKey;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One instance per distinct value of an attribute key with few values ({@code http.request.method}, a status code,
 * a user agent), so that the spans of a file share them: a store then finds such a value by a hash computed once
 * and an identity check, and reads one object that stays in the cache instead of a fresh copy per span. A key
 * whose values outnumber {@value #MAX_VALUES_PER_KEY} (paths, IDs) is marked as such and its values are passed
 * through; at most {@value #MAX_KEYS} keys are followed. Thread-safe.
 */
final class SharedValues {

    static final int MAX_VALUES_PER_KEY = 64;
    static final int MAX_KEYS = 4096;

    /** Stands for the values of a key that has too many to share. */
    private static final Map<Object, Object> MANY = Map.of();

    private final Map<AttributeKey<?>, Map<Object, Object>> byKey = new ConcurrentHashMap<>();

    /** @return the instance of {@code value} shared by the spans read so far, or {@code value} itself */
    @SuppressWarnings("unchecked")
    <T> T shared(AttributeKey<T> key, T value) {
        Map<Object, Object> values = byKey.get(key);
        if (values == null) {
            if (byKey.size() >= MAX_KEYS) {
                return value;
            }
            values = byKey.computeIfAbsent(key, k -> new ConcurrentHashMap<>());
        }
        if (values == MANY) {
            return value;
        }
        Object known = values.get(value);
        if (known != null) {
            return (T) known;
        }
        if (values.size() >= MAX_VALUES_PER_KEY) {
            byKey.put(key, MANY);
            return value;
        }
        Object raced = values.putIfAbsent(value, value);
        return raced == null ? value : (T) raced;
    }
}
