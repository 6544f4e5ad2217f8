package dev.tracestore.autoconfigure;

import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import java.util.List;
import java.util.Set;

/**
 * One sub-resource of the {@code traces} endpoint, {@code GET /actuator/traces/{path...}}: which paths it answers,
 * which query parameters and formats it takes, and how it answers. {@link TracesEndpoint} asks its routes in order
 * and gives the request to the first that {@link #answers} the path, after checking the parameters and the format;
 * a route is a small class over the Java API, so a new capability is a new route, not a longer signature.
 *
 * <pre>{@code
 * final class ServicesRoute implements TracesRoute {
 *     public boolean answers(List<String> path) { return path.equals(List.of("services")); }
 *     public String template() { return "/actuator/traces/services"; }
 *     public Set<String> parameters() { return Set.of("lookback"); }
 *     public WebEndpointResponse<?> answer(TracesCall call) { ... }
 * }
 * }</pre>
 * A parameter new to the endpoint is also declared once in {@link TracesEndpoint#path}'s signature (Actuator binds
 * query parameters by Java parameter name) and in {@code TracesEndpoint.PATH_PARAMETERS}, in the same order.
 */
interface TracesRoute {

    /**
     * @param path the path segments after {@code /actuator/traces/}, decoded, at least one
     * @return whether this route answers that path
     */
    boolean answers(List<String> path);

    /** @return the path as the docs write it, for messages, such as {@code /actuator/traces/{traceId}/statistics} */
    String template();

    /** @return the query parameters this route takes, {@code format} aside; any other is answered with 400 */
    Set<String> parameters();

    /** @return the formats this route answers with; JSON unless overridden */
    default Set<TracesFormat> formats() {
        return Set.of(TracesFormat.JSON);
    }

    /**
     * Refuses the parameters this route does not take; by default with a message listing those it takes.
     *
     * @throws dev.tracestore.core.query.InvalidParameterException naming the first parameter not taken
     */
    default void checkParameters(TracesRequest request) {
        request.requireOnly(parameters(), template());
    }

    /**
     * @param call the request: path, parameters, chosen format, what the client accepts
     * @return the answer; a bad parameter value is thrown as an
     *     {@link dev.tracestore.core.query.InvalidParameterException} and answered with 400 by the endpoint
     */
    WebEndpointResponse<?> answer(TracesCall call);
}
