package dev.tracestore.core.log;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.math.BigDecimal;

/**
 * How the proto3 JSON mapping encodes scalars and absent values, read leniently: a {@code null}
 * field means its default, 64-bit integers come as strings or numbers, non-finite doubles as
 * {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}. Every method reads the parser's current
 * token and throws a {@link JsonParseException} (an {@link IOException}) naming the field.
 */
final class Proto3Json {

    private Proto3Json() {
    }

    static String readString(JsonParser p, String field) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return "";
        }
        // Lenient: a number or boolean where a string belongs is kept as its text.
        if (token != null && token.isScalarValue()) {
            return p.getText();
        }
        throw new JsonParseException(p, field + " must be a string");
    }

    static Boolean readBoolean(JsonParser p, String field) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
            return token == JsonToken.VALUE_TRUE;
        }
        if (token == JsonToken.VALUE_STRING && ("true".equals(p.getText()) || "false".equals(p.getText()))) {
            return Boolean.valueOf(p.getText());
        }
        if (token == JsonToken.VALUE_NULL) {
            return Boolean.FALSE;
        }
        throw new JsonParseException(p, field + " must be true or false");
    }

    /** proto3 JSON: 64-bit integers are decimal strings, but numbers are accepted too. */
    static long readLong(JsonParser p, String field) throws IOException {
        JsonToken token = p.currentToken();
        try {
            if (token == JsonToken.VALUE_NUMBER_INT) {
                return p.getLongValue();
            }
            if (token == JsonToken.VALUE_STRING) {
                String text = p.getText().trim();
                try {
                    return Long.parseLong(text);
                } catch (NumberFormatException e) {
                    // "1e3" or "5.0" are valid proto3 JSON for an integral value.
                    return new BigDecimal(text).longValueExact();
                }
            }
            if (token == JsonToken.VALUE_NUMBER_FLOAT) {
                return p.getDecimalValue().longValueExact();
            }
            if (token == JsonToken.VALUE_NULL) {
                return 0;
            }
        } catch (NumberFormatException | ArithmeticException e) {
            throw new JsonParseException(p, field + " must be a 64-bit integer", e);
        }
        throw new JsonParseException(p, field + " must be a 64-bit integer");
    }

    /** proto3 JSON: non-finite doubles are the strings "NaN", "Infinity" and "-Infinity". */
    static Double readDouble(JsonParser p, String field) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NUMBER_FLOAT || token == JsonToken.VALUE_NUMBER_INT) {
            return p.getDoubleValue();
        }
        if (token == JsonToken.VALUE_STRING) {
            String text = p.getText().trim();
            switch (text) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    try {
                        return Double.parseDouble(text);
                    } catch (NumberFormatException e) {
                        throw new JsonParseException(p, field + " must be a number", e);
                    }
            }
        }
        if (token == JsonToken.VALUE_NULL) {
            return 0.0;
        }
        throw new JsonParseException(p, field + " must be a number");
    }

    /** @return {@code false} for {@code null} (proto3: the default), {@code true} at an object start */
    static boolean startObject(JsonParser p, String field) throws IOException {
        if (p.currentToken() == JsonToken.START_OBJECT) {
            return true;
        }
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return false;
        }
        throw new JsonParseException(p, field + " must be an object");
    }

    /** @return {@code false} for {@code null} (proto3: the default), {@code true} at an array start */
    static boolean startArray(JsonParser p, String field) throws IOException {
        if (p.currentToken() == JsonToken.START_ARRAY) {
            return true;
        }
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return false;
        }
        throw new JsonParseException(p, field + " must be an array");
    }

    static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    /** An enum number; out-of-range values map to -1, which every caller treats as unknown. */
    static int readEnumNumber(JsonParser p, String field) throws IOException {
        long value = readLong(p, field);
        return value < 0 || value > Integer.MAX_VALUE ? -1 : (int) value;
    }
}
