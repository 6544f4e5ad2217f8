package dev.tracestore.autoconfigure;

import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.OperationType;
import org.springframework.boot.actuate.endpoint.Producible;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.invoke.OperationInvoker;
import org.springframework.boot.actuate.endpoint.invoke.OperationInvokerAdvisor;
import org.springframework.boot.actuate.endpoint.invoke.OperationParameter;
import org.springframework.boot.actuate.endpoint.invoke.OperationParameters;
import org.springframework.util.MimeType;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * Answers a request to the {@code traces} endpoint that carries a query parameter its operation does not take with
 * 400 naming that parameter. Actuator hands an operation only the parameters it declares and drops the rest, so a
 * misspelt filter such as {@code servce=orders} would otherwise widen the search without a word.
 *
 * <pre>{@code
 * GET /actuator/traces?servce=orders
 * 400 {"error": "Bad Request", "parameter": "servce",
 *      "message": "servce is not a parameter of this request; the parameters are attr, errorType, ..."}
 * }</pre>
 */
final class UnknownParameterAdvisor implements OperationInvokerAdvisor {

    @Override
    public OperationInvoker apply(EndpointId endpointId, OperationType operationType,
            OperationParameters parameters, OperationInvoker invoker) {
        if (!TracesEndpoint.ID.equals(endpointId)) {
            return invoker;
        }
        // The Accept header's TracesContentType is resolved by type, never from the query string.
        Set<String> names = parameters.stream().filter(parameter -> !Producible.class.isAssignableFrom(parameter.getType()))
                .map(OperationParameter::getName).collect(Collectors.toSet());
        String queryParameters = parameters.stream()
                .filter(parameter -> parameter.getAnnotation(Selector.class) == null)
                .map(OperationParameter::getName).filter(names::contains).sorted().collect(Collectors.joining(", "));
        return context -> {
            for (String name : context.getArguments().keySet()) {
                if (!names.contains(name)) {
                    String shown = TracesRequest.abbreviate(name);
                    TracesContentType accepted = context.resolveArgument(TracesContentType.class);
                    MimeType type = (accepted != null ? accepted : TracesContentType.ACTUATOR_JSON).jsonType();
                    // The sub-resources share one operation: each route names its own parameters (TracesRoute).
                    String taken = (context.getArguments().get("path") instanceof String[] path)
                            ? "; see docs/queries.md for those of /actuator/traces/" + String.join("/", path)
                            : "; the parameters are " + queryParameters;
                    return TracesErrorDescriptor.badRequest(shown, shown + " is not a parameter of this request"
                            + taken, type);
                }
            }
            return invoker.invoke(context);
        };
    }
}
