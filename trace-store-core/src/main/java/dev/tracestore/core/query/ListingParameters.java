package dev.tracestore.core.query;

import dev.tracestore.core.store.Listing;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads the parameters of the listings (services, operations, keys, values) from text, the same way over HTTP and on
 * the command line: every bad value is an {@link InvalidParameterException} naming the parameter.
 *
 * <pre>{@code
 * Listing.Window window = ListingParameters.window(null, null, "1h");
 * AttributeFilter.Scope scope = ListingParameters.scope("event");
 * int limit = ListingParameters.limit("20", 10);
 * }</pre>
 */
public final class ListingParameters {

    /** The default number of values a value listing returns. */
    public static final int DEFAULT_VALUE_LIMIT = 10;

    private ListingParameters() {
    }

    /**
     * @param from an ISO-8601 time, or {@code null}
     * @param to an ISO-8601 time, or {@code null}
     * @param lookback a duration such as {@code 1h}, or {@code null}; not with {@code from} or {@code to}
     * @return the window; {@link Listing.Window#ALL} when none is given
     * @throws InvalidParameterException naming the bad parameter
     */
    public static Listing.Window window(String from, String to, String lookback) {
        if (lookback != null && (from != null || to != null)) {
            throw new InvalidParameterException("lookback", "lookback cannot be combined with from or to");
        }
        if (lookback != null) {
            return Listing.Window.lookback(QueryParameters.duration(lookback, "lookback"));
        }
        var start = from == null ? null : QueryParameters.instant(from, "from");
        var end = to == null ? null : QueryParameters.instant(to, "to");
        if (start != null && end != null && end.isBefore(start)) {
            throw new InvalidParameterException("to", "to must not be before from");
        }
        return new Listing.Window(start, end, null);
    }

    /**
     * @param text {@code span}, {@code resource}, {@code event}, {@code link}, {@code instrumentation}, or
     *     {@code null} or {@code all} for every scope
     * @return the scope, {@code ANY} for every scope
     * @throws InvalidParameterException naming {@code scope}
     */
    public static AttributeFilter.Scope scope(String text) {
        if (text == null || text.strip().equalsIgnoreCase("all")) {
            return AttributeFilter.Scope.ANY;
        }
        String value = text.strip().toUpperCase(Locale.ROOT);
        for (AttributeFilter.Scope scope : AttributeFilter.Scope.values()) {
            if (scope != AttributeFilter.Scope.ANY && scope.name().equals(value)) {
                return scope;
            }
        }
        throw new InvalidParameterException("scope", "scope must be one of all, " + Arrays.stream(
                AttributeFilter.Scope.values()).filter(scope -> scope != AttributeFilter.Scope.ANY)
                .map(scope -> scope.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))
                + ", but was '" + QueryParameters.abbreviate(text) + "'");
    }

    /**
     * @param text a whole number from 1 to {@value SpanQuery#MAX_LIMIT}, or {@code null}
     * @param defaultLimit the limit when none is given
     * @return the limit
     * @throws InvalidParameterException naming {@code limit}
     */
    public static int limit(String text, int defaultLimit) {
        if (text == null) {
            return defaultLimit;
        }
        try {
            int limit = Integer.parseInt(text.strip());
            if (limit >= 1 && limit <= SpanQuery.MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidParameterException("limit", "limit must be a whole number from 1 to " + SpanQuery.MAX_LIMIT
                + ", but was '" + QueryParameters.abbreviate(text) + "'");
    }
}
