package dev.tracestore.autoconfigure;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;

import java.nio.file.Path;

/**
 * Tells once, at startup (INFO), that {@code /actuator/traces} answers 404 because the {@code traces} endpoint is not
 * exposed over HTTP, and how to expose and secure it. Adding the starter without exposure is the usual first
 * surprise; exposure stays the user's decision, since the endpoint shows what users did.
 */
final class TracesExposureHint implements SmartInitializingSingleton {

    private static final Logger logger = LoggerFactory.getLogger(TracesExposureHint.class);

    private final ObjectProvider<PathMappedEndpoints> endpoints;
    private final Path directory;

    TracesExposureHint(ObjectProvider<PathMappedEndpoints> endpoints, Path directory) {
        this.endpoints = endpoints;
        this.directory = directory;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (!isExposed()) {
            logger.info(message());
        }
    }

    /** @return whether Actuator serves the {@code traces} endpoint over HTTP */
    boolean isExposed() {
        PathMappedEndpoints mapped = endpoints.getIfAvailable();
        return mapped != null && mapped.getEndpoint(TracesEndpoint.ID) != null;
    }

    String message() {
        return "trace-store keeps the spans (in memory and in " + directory.toAbsolutePath() + "), but the 'traces' "
                + "endpoint is not exposed over HTTP, so /actuator/traces answers 404. Expose it with "
                + "management.endpoints.web.exposure.include=health,traces and secure it, because it shows what "
                + "your users did: for example a SecurityFilterChain on EndpointRequest.to(\"traces\") requiring a "
                + "role (see the README, 'Securing the endpoint'). Without exposure the CLI reads the span files.";
    }
}
