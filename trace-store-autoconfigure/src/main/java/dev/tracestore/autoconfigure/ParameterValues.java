package dev.tracestore.autoconfigure;

import java.util.List;

/**
 * The values of one query parameter of the {@code traces} endpoint exactly as the request gave them: every
 * occurrence, in request order, none split or joined.
 * <p>
 * The endpoint declares every query parameter with this type because Actuator converts the others: it joins a
 * repeated parameter with commas into a {@code String} parameter, splits a single value at its commas into a list
 * parameter (so {@code attr=url.query=a,b} would become two filters) and answers a failed conversion (such as
 * {@code limit=abc} into an {@code Integer}) with its own 400 whose message it hides.
 *
 * <pre>{@code
 * GET /actuator/traces?attr=http.route=/orders/{id}&attr=url.query=a,b
 *   -> attr = ParameterValues[values=[http.route=/orders/{id}, url.query=a,b]]
 * }</pre>
 *
 * @param values the values, in request order
 */
public record ParameterValues(List<String> values) {

    /** Makes the list immutable. */
    public ParameterValues {
        values = List.copyOf(values);
    }

    /**
     * @param values the values, in request order
     * @return the values of one parameter
     */
    public static ParameterValues of(String... values) {
        return new ParameterValues(List.of(values));
    }
}
