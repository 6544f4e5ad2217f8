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
 * observations); its {@code outcome} attribute is {@code SERVER_ERROR} (Micrometer's and Spring's HTTP
 * observations: a 5xx answered without an exception, which leaves the status UNSET); it has an {@code exception}
 * event. Except: a request for a static resource that does not exist (a 404 whose only error is Spring's
 * {@code NoResourceFoundException}, as WebFlux records the browser's {@code /favicon.ico}) is not a failure; see
 * {@link FailureRules}.
 *
 * <p>Its error types are the values of {@code error.type} and {@code exception} (unless {@code none}) and of every
 * exception event's {@code exception.type}, each also by its simple class name: Micrometer's {@code exception}
 * holds {@code PaymentDeclinedException} where OpenTelemetry's {@code error.type} and the exception event hold
 * {@code com.example.PaymentDeclinedException}, so either name finds the span under either convention.
 *
 * <pre>{@code
 * if (Failures.isFailure(span)) {
 *     Set<String> types = Failures.errorTypes(span); // e.g. [java.net.SocketTimeoutException, SocketTimeoutException]
 *     Set<String> shown = Failures.distinctErrorTypes(span); // [java.net.SocketTimeoutException]
 * }
 * }</pre>
 */
public final class Failures {

    /** The OpenTelemetry semantic-convention attribute for the class of error. */
    public static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    /** Micrometer's low-cardinality attribute naming the exception, {@code none} when there was none. */
    public static final AttributeKey<String> MICROMETER_EXCEPTION = AttributeKey.stringKey("exception");
    /** Micrometer's (and Spring's) low-cardinality attribute classifying the HTTP answer. */
    public static final AttributeKey<String> MICROMETER_OUTCOME = AttributeKey.stringKey("outcome");
    /** The attribute of an {@code exception} event naming the exception class. */
    public static final AttributeKey<String> EXCEPTION_TYPE = AttributeKey.stringKey("exception.type");

    private static final String EXCEPTION_EVENT = "exception";
    /** The value Micrometer and Spring write into {@code exception} and {@code error.type} when nothing failed. */
    private static final String NONE = "none";
    private static final String SERVER_ERROR = "SERVER_ERROR";
    private static final String NO_RESOURCE_FOUND = "NoResourceFoundException";
    /** Status 404 under any convention's key ({@code status}, {@code http.response.status_code}...). */
    private static final AttributeFilter NOT_FOUND = AttributeFilter.parse("http.response.status_code=404");

    private Failures() {
    }

    /**
     * @param span a stored span
     * @return {@code true} when the span has failed by any of the rules in the class comment, unless it is a
     *     static-resource 404 ({@link FailureRules#DEFAULT})
     */
    public static boolean isFailure(StoredSpan span) {
        return FailureRules.DEFAULT.isFailure(span);
    }

    /** @return whether any rule of the class comment holds, static-resource 404s included */
    static boolean recordsFailure(StoredSpan span) {
        if (span.statusCode() == StatusCode.ERROR || isSet(span.attributes().get(ERROR_TYPE))
                || isSet(span.attributes().get(MICROMETER_EXCEPTION))
                || SERVER_ERROR.equals(span.attributes().get(MICROMETER_OUTCOME))) {
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
     * @param errorType an error type, such as {@code java.net.SocketTimeoutException} or
     *     {@code SocketTimeoutException}
     * @return {@code true} when the span failed ({@link #isFailure}) and {@code errorType} is one of its
     *     {@link #errorTypes(StoredSpan) error types}
     */
    public static boolean hasErrorType(StoredSpan span, String errorType) {
        return FailureRules.DEFAULT.hasErrorType(span, errorType);
    }

    static boolean recordsErrorType(StoredSpan span, String errorType) {
        if (errorType.equals(NONE)) {
            return false;
        }
        if (named(span.attributes().get(ERROR_TYPE), errorType)
                || named(span.attributes().get(MICROMETER_EXCEPTION), errorType)) {
            return true;
        }
        for (SpanEvent event : span.events()) {
            if (event.name().equals(EXCEPTION_EVENT) && named(event.attributes().get(EXCEPTION_TYPE), errorType)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param span a stored span
     * @return every name the span can be found by with {@code errorType}: its error types in the order of the rules,
     *     each followed by its simple name, without duplicates; empty when none is recorded
     */
    public static Set<String> errorTypes(StoredSpan span) {
        Set<String> types = new LinkedHashSet<>(4);
        for (String type : recorded(span)) {
            types.add(type);
            if (!simpleName(type).equals(NONE)) {
                types.add(simpleName(type));
            }
        }
        return types;
    }

    /**
     * One name per error, for display: the error types as recorded, without a simple name that a qualified one
     * already says ({@code PaymentDeclinedException} beside {@code com.example.PaymentDeclinedException}).
     *
     * @param span a stored span
     * @return the distinct error types in the order of the rules; empty when none is recorded
     */
    public static Set<String> distinctErrorTypes(StoredSpan span) {
        Set<String> recorded = recorded(span);
        Set<String> distinct = new LinkedHashSet<>(recorded.size());
        for (String type : recorded) {
            boolean saidByQualified = recorded.stream()
                    .anyMatch(other -> !other.equals(type) && simpleName(other).equals(type));
            if (!saidByQualified) {
                distinct.add(type);
            }
        }
        return distinct;
    }

    /**
     * Spring's answer to a request for a static resource that does not exist: a 404 whose only error is
     * {@code NoResourceFoundException} (WebFlux records it as an error, Spring MVC does not).
     */
    static boolean isStaticResourceNotFound(StoredSpan span) {
        // the types of recorded(span), read one by one: the store asks this of every failed span it adds
        String errorType = span.attributes().get(ERROR_TYPE);
        String micrometer = span.attributes().get(MICROMETER_EXCEPTION);
        boolean recorded = false;
        if (isSet(errorType)) {
            if (!isNoResourceFound(errorType)) {
                return false;
            }
            recorded = true;
        }
        if (isSet(micrometer)) {
            if (!isNoResourceFound(micrometer)) {
                return false;
            }
            recorded = true;
        }
        for (SpanEvent event : span.events()) {
            String type = event.name().equals(EXCEPTION_EVENT) ? event.attributes().get(EXCEPTION_TYPE) : null;
            if (type != null) {
                if (!isNoResourceFound(type)) {
                    return false;
                }
                recorded = true;
            }
        }
        return recorded && NOT_FOUND.matches(span.attributes(), span.resource().getAttributes());
    }

    private static boolean isNoResourceFound(String type) {
        return type.endsWith(NO_RESOURCE_FOUND) && simpleName(type).equals(NO_RESOURCE_FOUND);
    }

    private static Set<String> recorded(StoredSpan span) {
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

    /** @return whether {@code recorded} is {@code wanted}, or a qualified class name whose simple name it is */
    private static boolean named(String recorded, String wanted) {
        return recorded != null && (recorded.equals(wanted) || simpleName(recorded).equals(wanted));
    }

    /** Micrometer tags the exception with {@code Class.getSimpleName()}: after the last '.' and the last '$'. */
    private static String simpleName(String type) {
        int cut = Math.max(type.lastIndexOf('.'), type.lastIndexOf('$'));
        return cut < 0 || cut == type.length() - 1 ? type : type.substring(cut + 1);
    }

    private static boolean isSet(String errorType) {
        return errorType != null && !errorType.equals(NONE);
    }
}
