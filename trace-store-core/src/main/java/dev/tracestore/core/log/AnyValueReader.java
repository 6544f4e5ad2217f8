package dev.tracestore.core.log;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.tracestore.core.internal.SortedAttributes;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;
import io.opentelemetry.api.common.Attributes;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.tracestore.core.log.Proto3Json.readBoolean;
import static dev.tracestore.core.log.Proto3Json.readDouble;
import static dev.tracestore.core.log.Proto3Json.readLong;
import static dev.tracestore.core.log.Proto3Json.readString;
import static dev.tracestore.core.log.Proto3Json.startArray;
import static dev.tracestore.core.log.Proto3Json.startObject;

/**
 * Reads OTLP {@code KeyValue} lists ({@code [{"key":..,"value":{AnyValue}}]}) into OpenTelemetry
 * {@link Attributes}. What attributes cannot type is kept as text rather than lost: a
 * {@code kvlistValue} becomes its JSON, a {@code bytesValue} its base64, a mixed or nested array
 * an array of strings. Thread-safe.
 */
final class AnyValueReader {

    private final JsonFactory factory;
    private final SharedNames names;
    private final KnownKeys keys = new KnownKeys();
    private final SharedValues values = new SharedValues();

    /**
     * @param factory makes the generators that turn untypable values into JSON text
     * @param names shares the attribute keys read
     */
    AnyValueReader(JsonFactory factory, SharedNames names) {
        this.factory = factory;
        this.names = names;
    }

    /**
     * Reads {@code [{"key":..,"value":{AnyValue}}, ...]}. The pairs are collected as read: trace-store writes them
     * sorted by key, so {@link SortedAttributes} keeps them without the builder's sort; other producers' are sorted.
     */
    Attributes readAttributes(JsonParser p, String where) throws IOException {
        if (!startArray(p, where)) {
            return Attributes.empty();
        }
        Object[] keysAndValues = null;
        int length = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            // the message is built only on failure: this runs for every attribute of every span read
            if (p.currentToken() != JsonToken.START_OBJECT && !startObject(p, where + "[]")) {
                continue;
            }
            String key = "";
            Object value = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "key" -> key = names.read(p, field);
                    case "value" -> value = readAnyValue(p);
                    default -> p.skipChildren();
                }
            }
            if (value != null && !key.isEmpty()) {
                if (keysAndValues == null) {
                    keysAndValues = new Object[16];
                } else if (length == keysAndValues.length) {
                    keysAndValues = Arrays.copyOf(keysAndValues, 2 * length);
                }
                put(keysAndValues, length, key, value);
                length += 2;
            }
        }
        if (keysAndValues == null) {
            return Attributes.empty();
        }
        return SortedAttributes.of(length == keysAndValues.length ? keysAndValues
                : Arrays.copyOf(keysAndValues, length));
    }

    /** Puts the typed key and the (shared) value at {@code at} and {@code at + 1}. */
    private void put(Object[] keysAndValues, int at, String key, Object value) {
        AttributeKey<?> typed;
        Object stored = value;
        if (value instanceof String s) {
            AttributeKey<String> stringKey = keys.key(key, AttributeType.STRING);
            typed = stringKey;
            stored = values.shared(stringKey, s);
        } else if (value instanceof Boolean) {
            typed = keys.key(key, AttributeType.BOOLEAN);
        } else if (value instanceof Long l) {
            AttributeKey<Long> longKey = keys.key(key, AttributeType.LONG);
            typed = longKey;
            stored = values.shared(longKey, l);
        } else if (value instanceof Double d) {
            AttributeKey<Double> doubleKey = keys.key(key, AttributeType.DOUBLE);
            typed = doubleKey;
            stored = values.shared(doubleKey, d);
        } else {
            TypedArray array = (TypedArray) value;
            typed = keys.key(key, switch (array.type) {
                case BOOLEAN -> AttributeType.BOOLEAN_ARRAY;
                case LONG -> AttributeType.LONG_ARRAY;
                case DOUBLE -> AttributeType.DOUBLE_ARRAY;
                case STRING -> AttributeType.STRING_ARRAY;
            });
            // the SDK's builder keeps arrays as unmodifiable copies; List.copyOf is that, and what equals compares
            stored = List.copyOf(array.values);
        }
        keysAndValues[at] = typed;
        keysAndValues[at + 1] = stored;
    }

    /** The element type of an {@code arrayValue} once all its elements are known. */
    private enum ElementType { STRING, BOOLEAN, LONG, DOUBLE }

    /** An {@code arrayValue} the span model can hold: homogeneous scalars. */
    private record TypedArray(ElementType type, List<?> values) {
    }

    /**
     * Reads one {@code AnyValue} object, current token at its start. Returns String, Boolean,
     * Long, Double or TypedArray; the empty string for an empty object, which is how
     * OpenTelemetry Java writes an empty string (proto3 JSON leaves out default values);
     * {@code null} for {@code null} or an object holding only fields unknown here.
     */
    private Object readAnyValue(JsonParser p) throws IOException {
        if (!startObject(p, "value")) {
            return null;
        }
        Object value = null;
        boolean empty = true;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            empty = false;
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "stringValue", "bytesValue" -> value = readString(p, field);
                case "boolValue" -> value = readBoolean(p, field);
                case "intValue" -> value = readLong(p, field);
                case "doubleValue" -> value = readDouble(p, field);
                case "arrayValue" -> value = readArrayValue(p);
                case "kvlistValue" -> value = toJsonText(p, field);
                default -> p.skipChildren();
            }
        }
        return empty ? "" : value;
    }

    /** Reads {@code {"values":[AnyValue...]}}; mixed or nested elements degrade to strings. */
    private Object readArrayValue(JsonParser p) throws IOException {
        List<Object> values = new ArrayList<>();
        boolean nested = false;
        if (startObject(p, "arrayValue")) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if ("values".equals(field) && startArray(p, field)) {
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        if (p.currentToken() != JsonToken.START_OBJECT) {
                            throw new JsonParseException(p, "arrayValue.values[] must be AnyValue objects");
                        }
                        Object element = readAnyValue(p);
                        // Arrays of arrays have no typed-attribute equivalent.
                        nested |= element instanceof TypedArray;
                        if (element != null) {
                            values.add(element);
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        ElementType type = nested ? null : commonType(values);
        if (type == null) {
            List<Object> strings = new ArrayList<>(values.size());
            for (Object element : values) {
                strings.add(element instanceof TypedArray array ? toJsonText(array) : String.valueOf(element));
            }
            return new TypedArray(ElementType.STRING, strings);
        }
        return new TypedArray(type, values);
    }

    /** The one type of all elements, STRING for none, {@code null} when they differ. */
    private static ElementType commonType(List<Object> values) {
        ElementType common = null;
        for (Object element : values) {
            ElementType type;
            if (element instanceof Boolean) {
                type = ElementType.BOOLEAN;
            } else if (element instanceof Long) {
                type = ElementType.LONG;
            } else if (element instanceof Double) {
                type = ElementType.DOUBLE;
            } else {
                type = ElementType.STRING;
            }
            if (common != null && common != type) {
                return null;
            }
            common = type;
        }
        return common == null ? ElementType.STRING : common;
    }

    /** Keeps a value the model cannot type (a kvlist) as compact JSON text of the OTLP structure. */
    private String toJsonText(JsonParser p, String where) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return "";
        }
        if (!p.currentToken().isStructStart()) {
            throw new JsonParseException(p, where + " must be an object");
        }
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = factory.createGenerator(text)) {
            generator.copyCurrentStructure(p);
        }
        return text.toString();
    }

    private static String toJsonText(TypedArray array) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < array.values.size(); i++) {
            Object element = array.values.get(i);
            if (i > 0) {
                text.append(',');
            }
            if (element instanceof String s) {
                text.append('"').append(JsonStringEncoder.getInstance().quoteAsString(s)).append('"');
            } else if (element instanceof TypedArray nested) {
                text.append(toJsonText(nested));
            } else if (element instanceof Double d && !Double.isFinite(d)) {
                text.append('"').append(d.isNaN() ? "NaN" : d > 0 ? "Infinity" : "-Infinity").append('"');
            } else {
                text.append(element);
            }
        }
        return text.append(']').toString();
    }
}
