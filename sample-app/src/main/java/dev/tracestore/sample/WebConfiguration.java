package dev.tracestore.sample;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.OpenTelemetryServerRequestObservationConvention;

/**
 * HTTP spans named and tagged by OpenTelemetry's conventions. The trace-ID header on every response comes from the
 * starter ({@code tracestore.trace-id-header.enabled} in application.yml), not from code of the app's own.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    // Spans "GET /orders/{id}" with http.route, http.request.method, error.type instead of Micrometer's names.
    @Bean
    OpenTelemetryServerRequestObservationConvention openTelemetryServerRequestObservationConvention() {
        return new OpenTelemetryServerRequestObservationConvention();
    }
}
