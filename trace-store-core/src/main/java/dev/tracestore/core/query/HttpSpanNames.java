package dev.tracestore.core.query;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The two ways HTTP spans are named: OpenTelemetry's semantic conventions write the method in capitals and the
 * route, {@code GET /orders/{id}} (just {@code GET} without a route), Micrometer's defaults write {@code http}, the
 * method in lower case and the route, {@code http get /orders/{id}} ({@code http get} without one). A query for
 * either name finds both.
 */
final class HttpSpanNames {

    /** The methods OpenTelemetry names spans by; any other method is {@code HTTP} there (and {@code _OTHER}). */
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS",
            "TRACE", "PATCH");
    private static final String MICROMETER_PREFIX = "http ";

    private HttpSpanNames() {
    }

    /**
     * @param name a span name
     * @return the name and, for an HTTP span name, the same span's name under the other convention
     */
    static List<String> alternatives(String name) {
        if (name.startsWith(MICROMETER_PREFIX)) {
            String rest = name.substring(MICROMETER_PREFIX.length());
            int space = rest.indexOf(' ');
            String method = space < 0 ? rest : rest.substring(0, space);
            String upper = method.toUpperCase(Locale.ROOT);
            if (METHODS.contains(upper) && method.equals(upper.toLowerCase(Locale.ROOT))) {
                return List.of(name, upper + rest.substring(method.length()));
            }
            return List.of(name);
        }
        int space = name.indexOf(' ');
        String method = space < 0 ? name : name.substring(0, space);
        if (METHODS.contains(method)) {
            return List.of(name, MICROMETER_PREFIX + method.toLowerCase(Locale.ROOT) + name.substring(method.length()));
        }
        return List.of(name);
    }
}
