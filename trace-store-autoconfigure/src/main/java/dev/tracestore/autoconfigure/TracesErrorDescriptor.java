package dev.tracestore.autoconfigure;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * The JSON body of a {@code traces} endpoint answer that is not a success.
 *
 * <pre>{@code
 * {"error": "Bad Request", "message": "traceId must be 32 lowercase hex characters, not all zeros, but was 'abc'"}
 * }</pre>
 *
 * @param error the HTTP reason phrase
 * @param message what went wrong, naming the parameter at fault
 */
public record TracesErrorDescriptor(String error, String message) implements OperationResponseBody {

    static WebEndpointResponse<OperationResponseBody> badRequest(String message) {
        return new WebEndpointResponse<>(new TracesErrorDescriptor("Bad Request", message),
                WebEndpointResponse.STATUS_BAD_REQUEST);
    }

    static WebEndpointResponse<OperationResponseBody> notFound(String message) {
        return new WebEndpointResponse<>(new TracesErrorDescriptor("Not Found", message),
                WebEndpointResponse.STATUS_NOT_FOUND);
    }
}
