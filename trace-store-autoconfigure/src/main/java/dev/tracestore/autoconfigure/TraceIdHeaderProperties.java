package dev.tracestore.autoconfigure;

/**
 * The trace ID response header, {@code tracestore.trace-id-header.*}: off by default.
 *
 * <pre>{@code
 * tracestore:
 *   trace-id-header:
 *     enabled: true
 *     name: X-Trace-Id
 * }</pre>
 */
public class TraceIdHeaderProperties {

    /**
     * Whether every HTTP response (errors included, servlet and WebFlux) carries the trace ID of its request in
     * the header 'name', so that a user or a test can look the request up at /actuator/traces/{traceId}.
     */
    private boolean enabled;

    /**
     * Name of the response header that carries the trace ID (32 lowercase hex characters).
     */
    private String name = "X-Trace-Id";

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}
