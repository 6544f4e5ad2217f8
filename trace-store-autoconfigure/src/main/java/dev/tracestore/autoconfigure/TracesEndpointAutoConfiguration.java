package dev.tracestore.autoconfigure;

import dev.tracestore.core.otel.FileBasedSpanProcessor;
import dev.tracestore.core.store.SpanStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.EndpointConverter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@link TracesEndpoint} when Actuator is on the classpath, a {@link SpanStore} bean exists and the endpoint
 * is available by Actuator's rules: reachable over HTTP only when exposed, for example with
 * {@code management.endpoints.web.exposure.include=health,traces}. Also the two pieces that hand the endpoint its
 * query parameters as sent: a converter to {@link ParameterValues} and an advisor that refuses unknown parameters.
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
@ConditionalOnAvailableEndpoint(TracesEndpoint.class)
public final class TracesEndpointAutoConfiguration {

    @Bean
    @ConditionalOnBean(SpanStore.class)
    @ConditionalOnMissingBean
    TracesEndpoint tracesEndpoint(SpanStore traceStore, ObjectProvider<FileBasedSpanProcessor> processor,
            ObjectProvider<TraceStoreProperties> properties) {
        ResponseProperties limits = properties.getIfAvailable(TraceStoreProperties::new).getResponse();
        return new TracesEndpoint(traceStore, processor.getIfUnique(), limits.getMaxSpans(),
                limits.getMaxBytes().toBytes());
    }

    // Actuator's parameter mapper takes the converters qualified @EndpointConverter; nothing else sees them.
    @Bean
    @EndpointConverter
    ParameterValuesConverter traceStoreParameterValuesConverter() {
        return new ParameterValuesConverter();
    }

    @Bean
    UnknownParameterAdvisor traceStoreUnknownParameterAdvisor() {
        return new UnknownParameterAdvisor();
    }
}
