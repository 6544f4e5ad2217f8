package dev.tracestore.sample;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.OpenTelemetryServerRequestObservationConvention;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** HTTP spans named and tagged by OpenTelemetry's conventions, and the trace-ID header on every response. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    private final TraceIdHeaderInterceptor traceIdHeader;

    WebConfiguration(TraceIdHeaderInterceptor traceIdHeader) {
        this.traceIdHeader = traceIdHeader;
    }

    // Spans "GET /orders/{id}" with http.route, http.request.method, error.type instead of Micrometer's names.
    @Bean
    OpenTelemetryServerRequestObservationConvention openTelemetryServerRequestObservationConvention() {
        return new OpenTelemetryServerRequestObservationConvention();
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(traceIdHeader);
    }
}
