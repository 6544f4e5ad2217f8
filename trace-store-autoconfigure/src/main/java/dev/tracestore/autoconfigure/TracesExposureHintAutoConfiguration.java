package dev.tracestore.autoconfigure;

import dev.tracestore.core.store.SpanStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * In a web application with Actuator, logs once at startup (INFO) when the {@code traces} endpoint is not exposed
 * over HTTP, with how to expose and secure it. Apart from the
 * {@link TracesEndpointAutoConfiguration}, which is off exactly when the endpoint is not exposed. Silence it by
 * exposing the endpoint, or with {@code logging.level.dev.tracestore.autoconfigure.TracesExposureHint=warn}.
 *
 * <pre>{@code
 * management:
 *   endpoints:
 *     web:
 *       exposure:
 *         include: health,traces
 * }</pre>
 */
@AutoConfiguration(after = TraceStoreAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnWebApplication
@ConditionalOnBean({ SpanStore.class, TraceStoreProperties.class })
public final class TracesExposureHintAutoConfiguration {

    @Bean
    TracesExposureHint traceStoreExposureHint(ObjectProvider<PathMappedEndpoints> pathMappedEndpoints,
            TraceStoreProperties properties) {
        return new TracesExposureHint(pathMappedEndpoints, properties.directoryPath());
    }
}
