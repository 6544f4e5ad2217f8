package dev.tracestore.autoconfigure;

import dev.tracestore.core.query.InvalidParameterException;
import org.jspecify.annotations.Nullable;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a request to the {@code traces} endpoint answers with: the {@code format} query parameter when given,
 * otherwise the page when the {@code Accept} header asks for HTML and the request has one, otherwise JSON.
 */
enum TracesFormat {

    /** The endpoint's JSON descriptors. */
    JSON,

    /** One OTLP/JSON {@code ExportTraceServiceRequest}, for OpenTelemetry tools. */
    OTLP,

    /** The waterfall or search page. */
    HTML;

    /**
     * @param format the {@code format} parameter, {@code null} when not given
     * @param accepted what the {@code Accept} header asks for
     * @param offered the formats this request answers with
     * @param request the request, for messages, such as {@code /actuator/traces}
     * @return the format to answer with
     * @throws InvalidParameterException naming {@code format} when it is repeated, unknown or not offered here
     */
    static TracesFormat of(@Nullable ParameterValues format, TracesContentType accepted, Set<TracesFormat> offered,
            String request) {
        if (format == null || format.values().isEmpty()) {
            return accepted == TracesContentType.HTML && offered.contains(HTML) ? HTML : JSON;
        }
        if (format.values().size() > 1) {
            throw new InvalidParameterException("format", "format may be given once, but was given "
                    + format.values().size() + " times");
        }
        String given = format.values().get(0);
        String names = offered.stream().map(TracesFormat::parameterValue).collect(Collectors.joining(", "));
        for (TracesFormat candidate : EnumSet.allOf(TracesFormat.class)) {
            if (candidate.parameterValue().equals(given.strip().toLowerCase(Locale.ROOT))) {
                if (!offered.contains(candidate)) {
                    throw new InvalidParameterException("format", "format=" + candidate.parameterValue()
                            + " is not offered by " + request + ", which answers with " + names);
                }
                return candidate;
            }
        }
        throw new InvalidParameterException("format", "format must be one of " + names + " at " + request
                + ", but was '" + TracesRequest.abbreviate(given) + "'");
    }

    /** @return the value of the {@code format} parameter that asks for this format */
    String parameterValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
