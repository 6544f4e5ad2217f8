package dev.tracestore.core.log;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
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

    /** Reads {@code [{"key":..,"value":{AnyValue}}, ...]}. */
    Attributes readAttributes(JsonParser p, String where) throws IOException {
        if (!startArray(p, where)) {
            return Attributes.empty();
        }
        AttributesBuilder builder = null;
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
                if (builder == null) {
                    builder = Attributes.builder();
                }
                put(builder, key, value);
            }
        }
        return builder == null ? Attributes.empty() : builder.build();
    }

    @SuppressWarnings("unchecked")
    private void put(AttributesBuilder builder, String key, Object value) {
        if (value instanceof String s) {
            AttributeKey<String> typed = keys.key(key, AttributeType.STRING);
            builder.put(typed, values.shared(typed, s));
        } else if (value instanceof Boolean b) {
            builder.put(keys.<Boolean>key(key, AttributeType.BOOLEAN), b);
        } else if (value instanceof Long l) {
            AttributeKey<Long> typed = keys.key(key, AttributeType.LONG);
            builder.put(typed, values.shared(typed, l));
        } else if (value instanceof Double d) {
            AttributeKey<Double> typed = keys.key(key, AttributeType.DOUBLE);
            builder.put(typed, values.shared(typed, d));
        } else if (value instanceof TypedArray array) {
            switch (array.type) {
                case BOOLEAN -> builder.put(keys.<List<Boolean>>key(key, AttributeType.BOOLEAN_ARRAY),
                        (List<Boolean>) array.values);
                case LONG -> builder.put(keys.<List<Long>>key(key, AttributeType.LONG_ARRAY), (List<Long>) array.values);
                case DOUBLE -> builder.put(keys.<List<Double>>key(key, AttributeType.DOUBLE_ARRAY),
                        (List<Double>) array.values);
                default -> builder.put(keys.<List<String>>key(key, AttributeType.STRING_ARRAY),
                        (List<String>) array.values);
            }
        }
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
