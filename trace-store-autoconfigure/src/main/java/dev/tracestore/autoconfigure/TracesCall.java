package dev.tracestore.autoconfigure;

import java.util.List;

/**
 * One request to a {@link TracesRoute}: {@code GET /actuator/traces/{path...}?...}.
 *
 * <pre>{@code
 * // GET /actuator/traces/4bf92f3577b34da6a3ce929d0e0e4736/statistics
 * call.path()     // [4bf92f3577b34da6a3ce929d0e0e4736, statistics]
 * call.format()   // JSON
 * }</pre>
 *
 * @param path the path segments after {@code /actuator/traces/}
 * @param request the query parameters, checked against the route's
 * @param format the format to answer with, one the route offers
 * @param accept what the {@code Accept} header asks for; its JSON type is the type of a JSON answer
 */
record TracesCall(List<String> path, TracesRequest request, TracesFormat format, TracesContentType accept) {

    TracesCall {
        path = List.copyOf(path);
    }
}
