package dev.tracestore.core.log;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import io.opentelemetry.api.common.AttributeKey;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a writer keeps of the attributes it has encoded: each key escaped once, and for keys with few values the
 * whole encoded {@code KeyValue} ({@code {"key":"http.request.method","value":{"stringValue":"GET"}}}) of each
 * value, which a writer then copies instead of encoding it again: most attributes of real spans (methods, routes,
 * status codes, host names, ports) take a handful of values. The cached bytes are made by the same
 * {@link AnyValueWriter} code as the uncached ones, so the output does not depend on the cache.
 *
 * <p>Bounded whatever the data: at most {@value #MAX_KEYS} keys, {@value #MAX_VALUES_PER_KEY} values per key and
 * {@value #MAX_VALUES} values in all, values of at most {@value #MAX_VALUE_LENGTH} characters. A key that shows more
 * values than it may keep stops being looked up by value (its values are IDs, paths, timestamps). Thread-safe.
 */
final class EncodedKeyValues {

    static final int MAX_KEYS = 4096;
    static final int MAX_VALUES_PER_KEY = 256;
    static final int MAX_VALUES = 16_384;
    static final int MAX_VALUE_LENGTH = 128;

    /** One attribute key: its escaped name, and the encoded pairs of its values while they are few. */
    static final class Key {
        private final SerializedString name;
        private final Map<Object, SerializedString> pairs = new ConcurrentHashMap<>();
        /** More values were seen than are kept: the key's values are not looked up any more. */
        private volatile boolean manyValues;

        private Key(String name) {
            this.name = new SerializedString(name);
        }

        SerializedString name() {
            return name;
        }
    }

    private final JsonFactory factory;
    private final Map<AttributeKey<?>, Key> keys = new ConcurrentHashMap<>();
    private final AtomicInteger values = new AtomicInteger();

    /** @param factory makes the generators that encode a pair for the cache, configured as the writer's own */
    EncodedKeyValues(JsonFactory factory) {
        this.factory = factory;
    }

    /** @return the encoding of {@code attributeKey}, kept once seen (up to {@value #MAX_KEYS} keys) */
    Key key(AttributeKey<?> attributeKey) {
        Key key = keys.get(attributeKey);
        if (key == null) {
            key = new Key(attributeKey.getKey());
            if (keys.size() < MAX_KEYS) {
                Key raced = keys.putIfAbsent(attributeKey, key);
                key = raced == null ? key : raced;
            }
        }
        return key;
    }

    /**
     * @param attributeKey the pair's key
     * @param key its encoding, from {@link #key}
     * @param value a scalar attribute value (String, Boolean, Long or Double)
     * @return the encoded {@code KeyValue} of {@code key} and {@code value}, made now if there is room; {@code null}
     *     when it is not kept
     */
    SerializableString pair(AttributeKey<?> attributeKey, Key key, Object value) throws IOException {
        if (key.manyValues) {
            return null;
        }
        SerializedString pair = key.pairs.get(value);
        if (pair != null) {
            return pair;
        }
        if (value instanceof String text && text.length() > MAX_VALUE_LENGTH) {
            return null;
        }
        if (key.pairs.size() >= MAX_VALUES_PER_KEY) {
            key.manyValues = true;
            return null;
        }
        if (values.get() >= MAX_VALUES) {
            return null;
        }
        pair = encode(attributeKey, key, value);
        if (pair != null && key.pairs.putIfAbsent(value, pair) == null) {
            values.incrementAndGet();
        }
        return pair;
    }

    /** @return the pair encoded by the writer's own code, or {@code null} when its bytes would not survive a String */
    private SerializedString encode(AttributeKey<?> attributeKey, Key key, Object value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + key.name().charLength());
        try (JsonGenerator generator = factory.createGenerator(out)) {
            generator.writeStartArray();
            new AnyValueWriter(generator, this).writePair(attributeKey, key, value);
            generator.writeEndArray();
        }
        byte[] array = out.toByteArray();
        byte[] bytes = Arrays.copyOfRange(array, 1, array.length - 1); // without the enclosing [ ]
        SerializedString pair = new SerializedString(new String(bytes, StandardCharsets.UTF_8));
        // A lone surrogate in a value would not come back from the String as the same bytes: keep such pairs out.
        return Arrays.equals(pair.asUnquotedUTF8(), bytes) ? pair : null;
    }
}
