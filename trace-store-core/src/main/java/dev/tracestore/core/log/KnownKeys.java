package dev.tracestore.core.log;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The attribute keys a reader has made, so that the spans of a file share one {@link AttributeKey} (and one key
 * string) per name and type instead of one per span: the store, the sanitizer and the index then find a key by a
 * hash computed once and an identity check. Keys are few in practice; past {@value #MAX_KEYS} per type (keys that
 * carry IDs) new ones are made and not kept, so the cache stays small whatever the data. Thread-safe.
 */
final class KnownKeys {

    static final int MAX_KEYS = 4096;

    private final Map<String, AttributeKey<?>>[] byType;

    @SuppressWarnings("unchecked")
    KnownKeys() {
        byType = new Map[AttributeType.values().length];
        for (int i = 0; i < byType.length; i++) {
            byType[i] = new ConcurrentHashMap<>();
        }
    }

    /** @return the key named {@code name} of {@code type}, the same instance for every call while there is room */
    @SuppressWarnings("unchecked")
    <T> AttributeKey<T> key(String name, AttributeType type) {
        Map<String, AttributeKey<?>> keys = byType[type.ordinal()];
        AttributeKey<?> known = keys.get(name);
        if (known == null) {
            known = create(name, type);
            if (keys.size() < MAX_KEYS) {
                AttributeKey<?> raced = keys.putIfAbsent(name, known);
                known = raced == null ? known : raced;
            }
        }
        return (AttributeKey<T>) known;
    }

    /** @return a new key named {@code name} of {@code type} */
    static AttributeKey<?> create(String name, AttributeType type) {
        return switch (type) {
            case STRING -> AttributeKey.stringKey(name);
            case BOOLEAN -> AttributeKey.booleanKey(name);
            case LONG -> AttributeKey.longKey(name);
            case DOUBLE -> AttributeKey.doubleKey(name);
            case STRING_ARRAY -> AttributeKey.stringArrayKey(name);
            case BOOLEAN_ARRAY -> AttributeKey.booleanArrayKey(name);
            case LONG_ARRAY -> AttributeKey.longArrayKey(name);
            case DOUBLE_ARRAY -> AttributeKey.doubleArrayKey(name);
        };
    }
}
