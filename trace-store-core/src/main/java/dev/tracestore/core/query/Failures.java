package dev.tracestore.core.query;

import dev.tracestore.core.model.SpanEvent;
import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Recognises a failed span however it was recorded, and names its error types.
 *
 * <p>A span has failed when any of these holds: its status is ERROR; it has an {@code error.type} attribute
 * other than {@code none} (OpenTelemetry semantic conventions; Spring's OpenTelemetry HTTP convention writes
 * {@code none} for success); it has an {@code exception} attribute other than {@code none} (Micrometer's HTTP
 * observations); it has an {@code exception} event. Its error types are the values of {@code error.type} and
 * {@code exception} (unless {@code none}) and of every exception event's {@code exception.type}.
 *
 * <pre>{@code
 * if (Failures.isFailure(span)) {
 *     Set<String> types = Failures.errorTypes(span); // e.g. [java.net.SocketTimeoutException]
 * }
 * }</pre>
 */
public final class Failures {

    /** The OpenTelemetry semantic-convention attribute for the class of error. */
    public static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    /** Micrometer's low-cardinality attribute naming the exception, {@code none} when there was none. */
    public static final AttributeKey<String> MICROMETER_EXCEPTION = AttributeKey.stringKey("exception");
    /** The attribute of an {@code exception} event naming the exception class. */
    public static final AttributeKey<String> EXCEPTION_TYPE = AttributeKey.stringKey("exception.type");

    private static final String EXCEPTION_EVENT = "exception";
    /** The value Micrometer and Spring write into {@code exception} and {@code error.type} when nothing failed. */
    private static final String NONE = "none";

    private Failures() {
    }

    /**
     * @param span a stored span
     * @return {@code true} when the span has failed by any of the rules in the class comment
     */
    public static boolean isFailure(StoredSpan span) {
        if (span.statusCode() == StatusCode.ERROR || isSet(span.attributes().get(ERROR_TYPE))
                || isSet(span.attributes().get(MICROMETER_EXCEPTION))) {
            return true;
        }
        for (SpanEvent event : span.events()) {
            if (event.name().equals(EXCEPTION_EVENT)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param span a stored span
     * @param errorType an error type, such as {@code java.net.SocketTimeoutException}
     * @return {@code true} when {@code errorType} is one of the span's {@link #errorTypes(StoredSpan) error types}
     */
    public static boolean hasErrorType(StoredSpan span, String errorType) {
        if (errorType.equals(NONE)) {
            return false;
        }
        if (errorType.equals(span.attributes().get(ERROR_TYPE))
                || errorType.equals(span.attributes().get(MICROMETER_EXCEPTION))) {
            return true;
        }
        for (SpanEvent event : span.events()) {
            if (event.name().equals(EXCEPTION_EVENT) && errorType.equals(event.attributes().get(EXCEPTION_TYPE))) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param span a stored span
     * @return the span's error types in the order of the rules, without duplicates; empty when none is recorded
     */
    public static Set<String> errorTypes(StoredSpan span) {
        Set<String> types = new LinkedHashSet<>(2);
        String errorType = span.attributes().get(ERROR_TYPE);
        if (isSet(errorType)) {
            types.add(errorType);
        }
        String micrometer = span.attributes().get(MICROMETER_EXCEPTION);
        if (isSet(micrometer)) {
            types.add(micrometer);
        }
        for (SpanEvent event : span.events()) {
            String type = event.name().equals(EXCEPTION_EVENT) ? event.attributes().get(EXCEPTION_TYPE) : null;
            if (type != null) {
                types.add(type);
            }
        }
        return types;
    }

    private static boolean isSet(String errorType) {
        return errorType != null && !errorType.equals(NONE);
    }
}
