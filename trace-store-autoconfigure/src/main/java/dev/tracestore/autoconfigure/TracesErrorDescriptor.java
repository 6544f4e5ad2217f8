package dev.tracestore.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.util.MimeType;

/**
 * The JSON body of a {@code traces} endpoint answer that is not a success. A bad request names the parameter at
 * fault; Actuator leaves out a {@code null} parameter.
 *
 * <pre>{@code
 * {"error": "Bad Request", "parameter": "limit",
 *  "message": "limit must be a whole number from 1 to 10000, but was 'abc'"}
 * }</pre>
 *
 * @param error the HTTP reason phrase
 * @param parameter the name of the parameter at fault, {@code null} when the request is not at fault
 * @param message what went wrong and, for a bad parameter, what it accepts
 */
public record TracesErrorDescriptor(String error, @Nullable String parameter, String message)
        implements OperationResponseBody {

    // The content type is always set: a browser's Accept header would otherwise pick text/html for a JSON body.
    static WebEndpointResponse<OperationResponseBody> badRequest(String parameter, String message, MimeType type) {
        return new WebEndpointResponse<>(new TracesErrorDescriptor("Bad Request", parameter, message),
                WebEndpointResponse.STATUS_BAD_REQUEST, type);
    }

    // 400, as the answer to this request cannot be given whole: the message says how to ask instead.
    static WebEndpointResponse<OperationResponseBody> tooLarge(String message, MimeType type) {
        return new WebEndpointResponse<>(new TracesErrorDescriptor("Bad Request", null, message),
                WebEndpointResponse.STATUS_BAD_REQUEST, type);
    }

    static WebEndpointResponse<OperationResponseBody> notFound(String message, MimeType type) {
        return new WebEndpointResponse<>(new TracesErrorDescriptor("Not Found", null, message),
                WebEndpointResponse.STATUS_NOT_FOUND, type);
    }
}
