package dev.tracestore.core.model;

/**
 * Validates the hex-encoded trace and span IDs that OpenTelemetry uses: 32 (trace) or 16 (span)
 * lowercase hex characters, not all zeros.
 *
 * <pre>{@code
 * String traceId = HexIds.requireTraceId(request.getParameter("traceId"), "traceId");
 * }</pre>
 */
public final class HexIds {

    /** Length of a hex-encoded trace ID. */
    public static final int TRACE_ID_LENGTH = 32;

    /** Length of a hex-encoded span ID. */
    public static final int SPAN_ID_LENGTH = 16;

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
