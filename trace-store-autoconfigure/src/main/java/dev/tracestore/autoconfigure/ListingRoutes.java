package dev.tracestore.autoconfigure;

import dev.tracestore.core.query.InvalidParameterException;
import dev.tracestore.core.query.ListingParameters;
import dev.tracestore.core.store.Listing;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import java.util.List;
import java.util.Set;

/**
 * The listing routes, so that a user (and the search page) need not guess names:
 * {@code GET /actuator/traces/services}, {@code /actuator/traces/services/{service}/operations},
 * {@code /actuator/traces/keys?scope=} and {@code /actuator/traces/keys/{key}/values?prefix=&limit=}, each counting
 * spans over every stored span or a window ({@code from}, {@code to} or {@code lookback}).
 *
 * <pre>{@code
 * curl localhost:8080/actuator/traces/services
 * curl 'localhost:8080/actuator/traces/services/orders/operations?lookback=1h'
 * curl 'localhost:8080/actuator/traces/keys?scope=event'
 * curl 'localhost:8080/actuator/traces/keys/http.route/values?prefix=/orders&limit=5'
 * }</pre>
 */
final class ListingRoutes {

    private static final Set<String> WINDOW = Set.of("from", "to", "lookback");

    private ListingRoutes() {
    }

    /** @return the four routes, over {@code source} */
    static List<TracesRoute> over(TracesSource source) {
        return List.of(
                route("/actuator/traces/services", WINDOW, path -> path.equals(List.of("services")),
                        call -> ListingDescriptors.Services.of(source.store().listServices(window(call)),
                                source.awaitIngest())),
                route("/actuator/traces/services/{service}/operations", WINDOW,
                        path -> path.size() == 3 && path.get(0).equals("services") && path.get(2).equals("operations"),
                        call -> ListingDescriptors.Operations.of(call.path().get(1),
                                source.store().listOperations(call.path().get(1), window(call)),
                                source.awaitIngest())),
                route("/actuator/traces/keys", Set.of("scope", "from", "to", "lookback"),
                        path -> path.equals(List.of("keys")),
                        call -> ListingDescriptors.Keys.of(source.store().listKeys(
                                ListingParameters.scope(call.request().single("scope")), window(call)),
                                source.awaitIngest())),
                route("/actuator/traces/keys/{key}/values", Set.of("prefix", "limit", "from", "to", "lookback"),
                        path -> path.size() == 3 && path.get(0).equals("keys") && path.get(2).equals("values"),
                        call -> {
                            if (call.path().get(1).isBlank()) {
                                throw new InvalidParameterException("key", "key must not be blank: "
                                        + "/actuator/traces/keys/{key}/values");
                            }
                            String prefix = call.request().single("prefix");
                            int limit = ListingParameters.limit(call.request().single("limit"),
                                    ListingParameters.DEFAULT_VALUE_LIMIT);
                            return ListingDescriptors.Values.of(call.path().get(1), source.store().listValues(
                                    call.path().get(1), prefix == null ? "" : prefix, limit, window(call)),
                                    source.awaitIngest());
                        }));
    }

    private static Listing.Window window(TracesCall call) {
        return ListingParameters.window(call.request().single("from"), call.request().single("to"),
                call.request().single("lookback"));
    }

    /** Answers a path with a JSON body. */
    private interface Answer {
        Object body(TracesCall call);
    }

    private interface Paths {
        boolean match(List<String> path);
    }

    private static TracesRoute route(String template, Set<String> parameters, Paths paths, Answer answer) {
        return new TracesRoute() {
            @Override
            public boolean answers(List<String> path) {
                return paths.match(path);
            }

            @Override
            public String template() {
                return template;
            }

            @Override
            public Set<String> parameters() {
                return parameters;
            }

            @Override
            public WebEndpointResponse<?> answer(TracesCall call) {
                return new WebEndpointResponse<>(answer.body(call), WebEndpointResponse.STATUS_OK,
                        call.accept().jsonType());
            }
        };
    }
}
