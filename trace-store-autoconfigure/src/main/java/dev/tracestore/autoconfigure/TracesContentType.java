package dev.tracestore.autoconfigure;

import org.springframework.boot.actuate.endpoint.Producible;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;

/**
 * The content types the {@code traces} endpoint answers with, chosen by the request's {@code Accept} header the way
 * Actuator does for its own endpoints: Actuator's JSON for {@code *}{@code /*} (the default, as curl sends), plain
 * JSON for {@code application/json}, and the trace waterfall or search page for {@code text/html}, which browsers
 * ask for first (Actuator's v2 JSON type, too, as Actuator's own endpoints answer it). The {@code format} query
 * parameter overrides it.
 *
 * <pre>{@code
 * curl localhost:8080/actuator/traces/4bf92f3577b34da6a3ce929d0e0e4736                        # JSON
 * curl -H 'Accept: text/html' localhost:8080/actuator/traces/4bf92f3577b34da6a3ce929d0e0e4736  # the waterfall page
 * }</pre>
 */
public enum TracesContentType implements Producible<TracesContentType> {

    /** Actuator's older versioned JSON, which its endpoints still serve to clients that ask for it. */
    ACTUATOR_V2_JSON(MimeTypeUtils.parseMimeType("application/vnd.spring-boot.actuator.v2+json")),

    /** Actuator's versioned JSON, the answer to requests that accept anything. */
    ACTUATOR_JSON(MimeTypeUtils.parseMimeType("application/vnd.spring-boot.actuator.v3+json")),

    /** Plain JSON. */
    JSON(MimeTypeUtils.APPLICATION_JSON),

    /**
     * The HTML page. Declared last: Actuator picks the latest declared type that the {@code Accept} header names,
     * whatever its quality, so a browser's {@code text/html,...,*}{@code /*;q=0.8} gets the page.
     */
    HTML(MimeTypeUtils.TEXT_HTML);

    private final MimeType mimeType;

    TracesContentType(MimeType mimeType) {
        this.mimeType = mimeType;
    }

    @Override
    public MimeType getProducedMimeType() {
        return mimeType;
    }

    @Override
    public boolean isDefault() {
        return this == ACTUATOR_JSON;
    }

    /** @return the type of a JSON answer to a request that accepts this: a browser gets plain JSON */
    MimeType jsonType() {
        return this == HTML ? JSON.mimeType : mimeType;
    }
}
