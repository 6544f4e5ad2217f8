package dev.tracestore.core.model;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The hex-encoded trace and span IDs that OpenTelemetry uses: 32 (trace) or 16 (span) lowercase hex
 * characters, not all zeros. Validates them, and converts them to and from the 64-bit halves that
 * compact forms hold. The one place that parses or formats hex IDs.
 *
 * <pre>{@code
 * String traceId = HexIds.requireTraceId(request.getParameter("traceId"), "traceId");
 * long high = HexIds.parseLong(traceId, 0);
 * long low = HexIds.parseLong(traceId, 16);
 * assert (HexIds.toHex(high) + HexIds.toHex(low)).equals(traceId);
 * }</pre>
 */
public final class HexIds {

    /** Length of a hex-encoded trace ID. */
    public static final int TRACE_ID_LENGTH = 32;

    /** Length of a hex-encoded span ID. */
    public static final int SPAN_ID_LENGTH = 16;

    /** The value of each ASCII hex digit of either case, -1 for other ASCII characters. */
    private static final byte[] HEX_VALUES = new byte[128];

    static {
        for (char c = 0; c < HEX_VALUES.length; c++) {
            HEX_VALUES[c] = (byte) Character.digit(c, 16);
        }
    }

    private HexIds() {
    }

    /**
     * Returns {@code value} when it is a valid trace ID.
     *
     * @param value the candidate ID
     * @param field the name of the field or parameter, used in the error message
     * @return the value, unchanged
     * @throws IllegalArgumentException naming {@code field} when the value is malformed
     */
    public static String requireTraceId(String value, String field) {
        return require(value, TRACE_ID_LENGTH, field);
    }

    /**
     * Returns {@code value} when it is a valid span ID.
     *
     * @param value the candidate ID
     * @param field the name of the field or parameter, used in the error message
     * @return the value, unchanged
     * @throws IllegalArgumentException naming {@code field} when the value is malformed
     */
    public static String requireSpanId(String value, String field) {
        return require(value, SPAN_ID_LENGTH, field);
    }

    /**
     * Tells whether {@code value} is a valid trace ID.
     *
     * @param value the candidate ID, may be {@code null}
     * @return {@code true} for 32 lowercase hex characters that are not all zeros
     */
    public static boolean isValidTraceId(String value) {
        return isValid(value, TRACE_ID_LENGTH);
    }

    /**
     * Tells whether {@code value} is a valid span ID.
     *
     * @param value the candidate ID, may be {@code null}
     * @return {@code true} for 16 lowercase hex characters that are not all zeros
     */
    public static boolean isValidSpanId(String value) {
        return isValid(value, SPAN_ID_LENGTH);
    }

    /**
     * Reads 16 hex characters as one unsigned 64-bit value: a span ID, or half of a trace ID.
     *
     * @param id the hex text, of either case
     * @param from where the 16 characters start: 0 for a span ID or a trace ID's high half, 16 for its low half
     * @return the value
     * @throws IllegalArgumentException when the 16 characters are not all hex digits
     * @throws IndexOutOfBoundsException when {@code id} ends before them
     */
    public static long parseLong(CharSequence id, int from) {
        Objects.checkFromIndexSize(from, SPAN_ID_LENGTH, id.length());
        long value = 0;
        for (int i = from; i < from + SPAN_ID_LENGTH; i++) {
            char c = id.charAt(i);
            // a table for ASCII: the store parses three IDs per span added, and Character.digit was most of it
            int digit = c < HEX_VALUES.length ? HEX_VALUES[c] : Character.digit(c, 16);
            if (digit < 0) {
                throw new IllegalArgumentException("not a hex digit: '" + id.charAt(i) + "' at " + i);
            }
            value = value << 4 | digit;
        }
        return value;
    }

    /**
     * Formats a 64-bit value as 16 lowercase hex characters, leading zeros included: a span ID, or
     * half of a trace ID.
     *
     * @param value the value, read as unsigned
     * @return the 16 characters
     */
    public static String toHex(long value) {
        byte[] digits = new byte[SPAN_ID_LENGTH];
        for (int i = SPAN_ID_LENGTH - 1; i >= 0; i--) {
            digits[i] = DIGITS[(int) (value & 0xF)];
            value >>>= 4;
        }
        return new String(digits, StandardCharsets.ISO_8859_1);
    }

    private static final byte[] DIGITS = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);

    private static String require(String value, int length, String field) {
        if (!isValid(value, length)) {
            throw new IllegalArgumentException(field + " must be " + length
                    + " lowercase hex characters, not all zeros, but was " + describe(value));
        }
        return value;
    }

    private static boolean isValid(String value, int length) {
        if (value == null || value.length() != length) {
            return false;
        }
        boolean allZero = true;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
            if (!hex) {
                return false;
            }
            allZero &= c == '0';
        }
        return !allZero;
    }

    private static String describe(String value) {
        if (value == null) {
            return "null";
        }
        String shown = value.length() > 64 ? value.substring(0, 64) + "..." : value;
        return "'" + shown + "'";
    }
}
