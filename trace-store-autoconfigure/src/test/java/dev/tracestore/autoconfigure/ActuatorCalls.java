package dev.tracestore.autoconfigure;

import org.springframework.boot.actuate.endpoint.InvocationContext;
import org.springframework.boot.actuate.endpoint.OperationType;
import org.springframework.boot.actuate.endpoint.ProducibleOperationArgumentResolver;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.invoke.OperationInvoker;
import org.springframework.boot.actuate.endpoint.invoke.convert.ConversionServiceParameterValueMapper;
import org.springframework.boot.actuate.endpoint.invoke.reflect.OperationMethod;
import org.springframework.boot.actuate.endpoint.invoke.reflect.ReflectiveOperationInvoker;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.convert.ApplicationConversionService;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Calls the operations of a {@link TracesEndpoint} the way Actuator's web layer does: arguments by name, a
 * parameter given once as a String and a repeated one as a list, mapped by Boot's parameter mapper with the
 * endpoint converter, behind the {@link UnknownParameterAdvisor}, with the {@code Accept} header resolved into a
 * {@link TracesContentType}.
 */
final class ActuatorCalls {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final OperationInvoker search;
    private final OperationInvoker trace;

    ActuatorCalls(TracesEndpoint endpoint) {
        ApplicationConversionService conversionService = new ApplicationConversionService();
        conversionService.addConverter(new ParameterValuesConverter());
        ConversionServiceParameterValueMapper mapper = new ConversionServiceParameterValueMapper(conversionService);
        this.search = invoker(endpoint, "search", mapper);
        this.trace = invoker(endpoint, "path", mapper);
    }

    private static OperationInvoker invoker(TracesEndpoint endpoint, String name,
            ConversionServiceParameterValueMapper mapper) {
        Method method = Arrays.stream(TracesEndpoint.class.getMethods())
                .filter(candidate -> candidate.getName().equals(name)).findFirst().orElseThrow();
        OperationMethod operation = new OperationMethod(method, OperationType.READ);
        return new UnknownParameterAdvisor().apply(TracesEndpoint.ID, OperationType.READ, operation.getParameters(),
                new ReflectiveOperationInvoker(endpoint, operation, mapper));
    }

    /**
     * @param parameters name, value, name, value...; a repeated name is passed as a list, as the web layer does
     * @return the answer of {@code GET /actuator/traces?...}
     */
    WebEndpointResponse<?> search(String... parameters) {
        return searchAccepting("*/*", parameters);
    }

    /**
     * @param accept the {@code Accept} header
     * @param parameters name, value, name, value...
     * @return the answer of {@code GET /actuator/traces?...}
     */
    WebEndpointResponse<?> searchAccepting(String accept, String... parameters) {
        return (WebEndpointResponse<?>) search.invoke(context(accept, new LinkedHashMap<>(), parameters));
    }

    /**
     * @param selector the path segment after {@code /actuator/traces/}
     * @param parameters name, value, name, value...
     * @return the answer of {@code GET /actuator/traces/{selector}?...}
     */
    WebEndpointResponse<?> trace(String selector, String... parameters) {
        return traceAccepting("*/*", selector, parameters);
    }

    /**
     * @param accept the {@code Accept} header
     * @param selector the path after {@code /actuator/traces/}; segments separated by {@code /}
     * @param parameters name, value, name, value...
     * @return the answer of {@code GET /actuator/traces/{selector}?...}
     */
    WebEndpointResponse<?> traceAccepting(String accept, String selector, String... parameters) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("path", selector.split("/"));
        return (WebEndpointResponse<?>) trace.invoke(context(accept, arguments, parameters));
    }

    /**
     * @param response an answer with spans, which the endpoint writes as JSON bytes ({@link SpansJson})
     * @return its JSON
     */
    static JsonNode json(WebEndpointResponse<?> response) {
        return JSON.readTree((byte[]) response.getBody());
    }

    private static InvocationContext context(String accept, Map<String, Object> arguments, String... parameters) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (int i = 0; i < parameters.length; i += 2) {
            values.computeIfAbsent(parameters[i], name -> new ArrayList<>()).add(parameters[i + 1]);
        }
        values.forEach((name, given) -> arguments.put(name, (given.size() == 1) ? given.get(0) : given));
        // Actuator's web layer resolves the Accept header into the operations' TracesContentType this way.
        return new InvocationContext(SecurityContext.NONE, arguments,
                new ProducibleOperationArgumentResolver(() -> List.of(accept)));
    }
}
