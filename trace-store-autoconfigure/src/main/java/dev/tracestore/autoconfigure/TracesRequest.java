package dev.tracestore.autoconfigure;

import dev.tracestore.core.query.InvalidParameterException;
import dev.tracestore.core.query.QueryParameters;
import dev.tracestore.core.query.SpanQuery;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The query parameters of one request to the {@code traces} endpoint, turned into a {@link SpanQuery} by
 * {@link QueryParameters} (the rules of {@code docs/queries.md}) plus what only the endpoint knows: the
 * {@code view} and the defaults of {@code /failures}. Every bad value is an {@link InvalidParameterException}.
 */
final class TracesRequest {

    /** How far back {@code /actuator/traces/failures} looks when no time window is given. */
    private static final Duration FAILURES_LOOKBACK = Duration.ofHours(1);

    private static final List<String> TRACE_DURATIONS = List.of("minTraceDuration", "maxTraceDuration");

    private final Map<String, List<String>> parameters = new LinkedHashMap<>();

    /**
     * @param parameters query parameter name to its values; {@code null} values are parameters not given
     */
    TracesRequest(Map<String, @Nullable ParameterValues> parameters) {
        parameters.forEach((name, values) -> {
            if (values != null) {
                this.parameters.put(name, values.values());
            }
        });
    }

    /** What {@code GET /actuator/traces} answers with. */
    enum View {

        /** Trace summaries; a trace matches when one of its spans matches. */
        TRACES,

        /** The matching spans themselves. */
        SPANS;

        /**
         * @param view the {@code view} parameter, {@code null} when not given
         * @return the view; {@link #TRACES} unless given
         */
        static View of(@Nullable ParameterValues view) {
            if (view == null || view.values().isEmpty()) {
                return TRACES;
            }
            if (view.values().size() > 1) {
                throw new InvalidParameterException("view", "view may be given once, but was given "
                        + view.values().size() + " times");
            }
            return switch (view.values().get(0).strip().toLowerCase(Locale.ROOT)) {
                case "traces", "" -> TRACES;
                case "spans" -> SPANS;
                default -> throw new InvalidParameterException("view", "view must be spans or traces, but was '"
                        + abbreviate(view.values().get(0)) + "'");
            };
        }
    }

    /** @return the query of a trace search ({@code view=traces}) */
    SpanQuery traceSearch() {
        return QueryParameters.parse(parameters);
    }

    /** @return the query of a span search ({@code view=spans}), which has no trace-duration bounds */
    SpanQuery spanSearch() {
        return spanQuery(parameters);
    }

    /**
     * @return the query of {@code /actuator/traces/failures}: a span search for failed spans, looking back
     *     {@link #FAILURES_LOOKBACK} unless a time window is given
     */
    SpanQuery failures() {
        Map<String, List<String>> failed = new LinkedHashMap<>(parameters);
        failed.putIfAbsent("failed", List.of("true"));
        SpanQuery query = spanQuery(failed);
        if (!query.failedOnly()) {
            throw new InvalidParameterException("failed", "failed must be true or left out at "
                    + "/actuator/traces/failures, which returns failed spans only");
        }
        if (query.lookback().isPresent() || query.from().isPresent() || query.to().isPresent()) {
            return query;
        }
        return query.toBuilder().lookback(FAILURES_LOOKBACK).build();
    }

    /** Refuses query parameters on {@code /actuator/traces/{traceId}}, which answers the whole trace. */
    void requireNone() {
        parameters.keySet().stream().findFirst().ifPresent(name -> {
            throw new InvalidParameterException(name, name + " does not apply to /actuator/traces/{traceId}, which "
                    + "returns the whole trace; filter with /actuator/traces?traceId=...&" + name + "=...");
        });
    }

    /**
     * Refuses the query parameters that {@code request} does not take.
     *
     * @param taken the parameters it takes
     * @param request the request, for messages, such as {@code /actuator/traces/services}
     */
    void requireOnly(Set<String> taken, String request) {
        parameters.keySet().stream().filter(name -> !taken.contains(name)).findFirst().ifPresent(name -> {
            String shown = abbreviate(name);
            throw new InvalidParameterException(shown, shown + " is not a parameter of " + request
                    + (taken.isEmpty() ? ", which takes none" : "; the parameters are "
                    + taken.stream().sorted().collect(Collectors.joining(", "))));
        });
    }

    /** @return the values of parameter {@code name}, empty when not given */
    List<String> values(String name) {
        return parameters.getOrDefault(name, List.of());
    }

    /**
     * @return the one value of parameter {@code name}, {@code null} when not given
     * @throws InvalidParameterException when it is given more than once
     */
    @Nullable String single(String name) {
        List<String> values = values(name);
        if (values.size() > 1) {
            throw new InvalidParameterException(name, name + " may be given once, but was given " + values.size()
                    + " times");
        }
        return values.isEmpty() ? null : values.get(0);
    }

    /** @return all parameters given, name to values, in the order of the endpoint's signature */
    Map<String, List<String>> asMap() {
        return Collections.unmodifiableMap(parameters);
    }

    private static SpanQuery spanQuery(Map<String, List<String>> parameters) {
        for (String name : TRACE_DURATIONS) {
            if (parameters.containsKey(name)) {
                throw new InvalidParameterException(name, name + " applies to trace search only (view=traces); "
                        + "for spans use minDuration and maxDuration");
            }
        }
        return QueryParameters.parse(parameters);
    }

    /** Shortens a value for a message, as {@code QueryParameters} does: a 10 000-character value is not echoed. */
    static String abbreviate(String text) {
        return text.length() > 100 ? text.substring(0, 100) + "..." : text;
    }
}
