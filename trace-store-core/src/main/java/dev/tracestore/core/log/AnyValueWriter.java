package dev.tracestore.core.log;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Writes OpenTelemetry {@link Attributes} as OTLP {@code KeyValue} lists ({@code "attributes":[{"key":..,
 * "value":{AnyValue}}]}) and 64-bit integers as proto3 JSON decimal strings, the mirror of {@link AnyValueReader}.
 * One instance per {@link JsonGenerator}, itself the attribute visitor, so that no attribute costs an allocation.
 * Attribute keys are few in practice: each is escaped once and kept, and a pair whose value repeats is copied
 * whole from its first encoding ({@link EncodedKeyValues}). Numbers written as strings are formatted into bytes
 * that need no escaping ({@link JsonGenerator#writeRawUTF8String}).
 */
final class AnyValueWriter implements BiConsumer<AttributeKey<?>, Object> {

    private static final SerializedString ATTRIBUTES = new SerializedString("attributes");
    private static final SerializedString KEY = new SerializedString("key");
    private static final SerializedString VALUE = new SerializedString("value");
    private static final SerializedString STRING_VALUE = new SerializedString("stringValue");
    private static final SerializedString BOOL_VALUE = new SerializedString("boolValue");
    private static final SerializedString INT_VALUE = new SerializedString("intValue");
    private static final SerializedString DOUBLE_VALUE = new SerializedString("doubleValue");
    private static final SerializedString ARRAY_VALUE = new SerializedString("arrayValue");
    private static final SerializedString VALUES = new SerializedString("values");

    /** How many positions of an attribute list remember their last key. */
    private static final int RECENT_KEYS = 32;

    private final JsonGenerator generator;
    private final EncodedKeyValues encoded;
    private final byte[] digits = new byte[20];
    /**
     * The key last written at each position of an attribute list, and its encoding: consecutive spans of one
     * instrumentation hold the same key instances in the same order, so an identity check replaces a lookup.
     */
    private final AttributeKey<?>[] recentKeys = new AttributeKey<?>[RECENT_KEYS];
    private final EncodedKeyValues.Key[] recentEncoded = new EncodedKeyValues.Key[RECENT_KEYS];
    /**
     * The value last written at each position and its encoded pair (of {@link #recentEncoded}'s key): constants
     * (methods, routes, status codes as strings, host names) come back as the same instance, found by an identity
     * check instead of a hash lookup.
     */
    private final Object[] recentValues = new Object[RECENT_KEYS];
    private final SerializableString[] recentPairs = new SerializableString[RECENT_KEYS];
    private int position;

    AnyValueWriter(JsonGenerator generator, EncodedKeyValues encoded) {
        this.generator = generator;
        this.encoded = encoded;
    }

    /** Writes the {@code attributes} field, or nothing for no attributes (proto3 JSON omits empty lists). */
    void writeAttributes(Attributes attributes) throws IOException {
        if (attributes.isEmpty()) {
            return;
        }
        generator.writeFieldName(ATTRIBUTES);
        generator.writeStartArray();
        position = 0;
        try {
            attributes.forEach(this);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        generator.writeEndArray();
    }

    /** Writes one {@code KeyValue}; called by {@link Attributes#forEach}, hence unchecked. */
    @Override
    public void accept(AttributeKey<?> attributeKey, Object value) {
        try {
            int at = position++;
            EncodedKeyValues.Key key = keyAt(at, attributeKey);
            SerializableString pair = value instanceof List ? null : pairAt(at, attributeKey, key, value);
            if (pair != null) {
                generator.writeRawValue(pair);
            } else {
                writePair(attributeKey, key, value);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SerializableString pairAt(int at, AttributeKey<?> attributeKey, EncodedKeyValues.Key key, Object value)
            throws IOException {
        if (at >= RECENT_KEYS) {
            return encoded.pair(attributeKey, key, value);
        }
        // keyAt cleared the pair when the key at this position changed
        if (recentValues[at] != value || recentPairs[at] == null) {
            recentValues[at] = value;
            recentPairs[at] = encoded.pair(attributeKey, key, value);
        }
        return recentPairs[at];
    }

    private EncodedKeyValues.Key keyAt(int at, AttributeKey<?> attributeKey) {
        if (at >= RECENT_KEYS) {
            return encoded.key(attributeKey);
        }
        if (recentKeys[at] != attributeKey) {
            recentKeys[at] = attributeKey;
            recentEncoded[at] = encoded.key(attributeKey);
            recentValues[at] = null;
            recentPairs[at] = null;
        }
        return recentEncoded[at];
    }

    /** Writes one {@code KeyValue} field by field: what {@link EncodedKeyValues} keeps is made here too. */
    void writePair(AttributeKey<?> attributeKey, EncodedKeyValues.Key key, Object value) throws IOException {
        generator.writeStartObject();
        generator.writeFieldName(KEY);
        generator.writeString(key.name());
        generator.writeFieldName(VALUE);
        switch (attributeKey.getType()) {
            case STRING_ARRAY, BOOLEAN_ARRAY, LONG_ARRAY, DOUBLE_ARRAY -> writeArrayValue((List<?>) value);
            default -> writeAnyValue(value);
        }
        generator.writeEndObject();
    }

    private void writeArrayValue(List<?> values) throws IOException {
        generator.writeStartObject();
        generator.writeFieldName(ARRAY_VALUE);
        generator.writeStartObject();
        if (!values.isEmpty()) {
            generator.writeFieldName(VALUES);
            generator.writeStartArray();
            for (Object element : values) {
                writeAnyValue(element);
            }
            generator.writeEndArray();
        }
        generator.writeEndObject();
        generator.writeEndObject();
    }

    /** Writes a scalar {@code AnyValue}; attribute values are String, Boolean, Long or Double. */
    private void writeAnyValue(Object value) throws IOException {
        generator.writeStartObject();
        if (value instanceof String s) {
            generator.writeFieldName(STRING_VALUE);
            generator.writeString(s);
        } else if (value instanceof Boolean b) {
            generator.writeFieldName(BOOL_VALUE);
            generator.writeBoolean(b);
        } else if (value instanceof Long l) {
            generator.writeFieldName(INT_VALUE);
            writeDecimalString(l);
        } else if (value instanceof Double d) {
            generator.writeFieldName(DOUBLE_VALUE);
            writeDouble(d);
        } else {
            // Not reachable through the Attributes API; keep the value rather than fail the batch.
            generator.writeFieldName(STRING_VALUE);
            generator.writeString(String.valueOf(value));
        }
        generator.writeEndObject();
    }

    /** proto3 JSON: NaN and the infinities have no JSON number, they are strings. */
    private void writeDouble(double value) throws IOException {
        if (Double.isNaN(value)) {
            generator.writeString("NaN");
        } else if (value == Double.POSITIVE_INFINITY) {
            generator.writeString("Infinity");
        } else if (value == Double.NEGATIVE_INFINITY) {
            generator.writeString("-Infinity");
        } else {
            generator.writeNumber(value);
        }
    }

    /** proto3 JSON writes 64-bit integers as decimal strings; formatted without a String, digits need no escaping. */
    void writeDecimalString(long value) throws IOException {
        if (value == Long.MIN_VALUE) {
            generator.writeString(Long.toString(value));
            return;
        }
        long rest = Math.abs(value);
        int start = digits.length;
        do {
            digits[--start] = (byte) ('0' + (rest % 10));
            rest /= 10;
        } while (rest != 0);
        if (value < 0) {
            digits[--start] = '-';
        }
        generator.writeRawUTF8String(digits, start, digits.length - start);
    }
}
