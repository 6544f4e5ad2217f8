package dev.tracestore.autoconfigure;

import dev.tracestore.core.model.SpanEvent;
import dev.tracestore.core.model.SpanLink;
import dev.tracestore.core.model.StoredSpan;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One span as the {@code traces} endpoint returns it. The field names are stable: clients may rely on them.
 * Times are ISO-8601 instants with nanoseconds; attribute values keep their JSON type (string, boolean, number,
 * or an array of these).
 *
 * <pre>{@code
 * {"traceId": "4bf92f3577b34da6a3ce929d0e0e4736", "spanId": "00f067aa0ba902b7", "parentSpanId": "",
 *  "name": "GET /orders/{id}", "kind": "SERVER", "service": "orders",
 *  "startTime": "2025-01-01T10:00:00.123456789Z", "endTime": "2025-01-01T10:00:00.223456789Z",
 *  "durationNanos": 100000000, "status": {"code": "UNSET", "message": ""},
 *  "attributes": {"http.route": "/orders/{id}", "http.response.status_code": 200},
 *  "events": [], "links": [], "resource": {"service.name": "orders"},
 *  "scope": {"name": "org.springframework.boot", "version": null}}
 * }</pre>
 *
 * @param traceId the trace ID, 32 lowercase hex characters
 * @param spanId the span ID, 16 lowercase hex characters
 * @param parentSpanId the parent's span ID, or the empty string for a root span
 * @param name the span name
 * @param kind {@code INTERNAL}, {@code SERVER}, {@code CLIENT}, {@code PRODUCER} or {@code CONSUMER}
 * @param service the resource's {@code service.name}, or the empty string
 * @param startTime when the span started
 * @param endTime when the span ended
 * @param durationNanos {@code endTime - startTime} in nanoseconds
 * @param status the span status
 * @param attributes the span attributes, keyed by attribute name
 * @param events the span events, in the order they were recorded
 * @param links the span links
 * @param resource the attributes of the resource that produced the span
 * @param scope the instrumentation scope that created the span
 */
public record SpanDescriptor(
        String traceId,
        String spanId,
        String parentSpanId,
        String name,
        String kind,
        String service,
        String startTime,
        String endTime,
        long durationNanos,
        Status status,
        Map<String, Object> attributes,
        List<Event> events,
        List<Link> links,
        Map<String, Object> resource,
        Scope scope) {

    static SpanDescriptor of(StoredSpan span) {
        return new SpanDescriptor(span.traceId(), span.spanId(), span.parentSpanId(), span.name(),
                span.kind().name(), span.serviceName(), span.startTime().toString(), span.endTime().toString(),
                span.durationNanos(), new Status(span.statusCode().name(), span.statusMessage()),
                AttributeValues.toMap(span.attributes()),
                span.events().stream().map(Event::of).toList(),
                span.links().stream().map(Link::of).toList(),
                AttributeValues.toMap(span.resource().getAttributes()),
                new Scope(span.scope().getName(), span.scope().getVersion()));
    }

    /**
     * The span status.
     *
     * <pre>{@code
     * {"code": "ERROR", "message": "payment declined"}
     * }</pre>
     *
     * @param code {@code UNSET}, {@code OK} or {@code ERROR}
     * @param message the status description, empty when there is none
     */
    public record Status(String code, String message) {
    }

    /**
     * A span event, such as the {@code exception} event of a failure.
     *
     * <pre>{@code
     * {"name": "exception", "time": "2025-01-01T10:00:00.200000001Z",
     *  "attributes": {"exception.type": "java.lang.IllegalStateException", "exception.message": "..."}}
     * }</pre>
     *
     * @param name the event name
     * @param time when the event happened
     * @param attributes the event attributes
     */
    public record Event(String name, String time, Map<String, Object> attributes) {

        static Event of(SpanEvent event) {
            return new Event(event.name(), Instant.ofEpochSecond(0, event.epochNanos()).toString(),
                    AttributeValues.toMap(event.attributes()));
        }
    }

    /**
     * A link to another span.
     *
     * <pre>{@code
     * {"traceId": "4bf92f3577b34da6a3ce929d0e0e4736", "spanId": "00f067aa0ba902b7", "attributes": {}}
     * }</pre>
     *
     * @param traceId the linked span's trace ID
     * @param spanId the linked span's ID
     * @param attributes the link attributes
     */
    public record Link(String traceId, String spanId, Map<String, Object> attributes) {

        static Link of(SpanLink link) {
            return new Link(link.traceId(), link.spanId(), AttributeValues.toMap(link.attributes()));
        }
    }

    /**
     * The instrumentation scope that created the span.
     *
     * <pre>{@code
     * {"name": "org.springframework.boot", "version": "4.0.7"}
     * }</pre>
     *
     * @param name the scope name
     * @param version the scope version, {@code null} when unknown
     */
    public record Scope(String name, String version) {
    }
}
