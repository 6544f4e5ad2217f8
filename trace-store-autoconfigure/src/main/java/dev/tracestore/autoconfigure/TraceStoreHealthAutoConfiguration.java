package dev.tracestore.autoconfigure;

import dev.tracestore.core.otel.FileBasedSpanProcessor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@link TraceStoreHealthIndicator}, shown as {@code traceStore} in {@code /actuator/health}, when Spring Boot's
 * health support is on the classpath and a {@link FileBasedSpanProcessor} bean exists. Turn it off with
 * {@code management.health.tracestore.enabled=false}. While the span files cannot be written it shows the error but
 * stays UP, unless {@code tracestore.health.down-on-file-error=true}.
 *
 * <pre>{@code
 * management:
 *   endpoint:
 *     health:
 *       show-details: always
 *   health:
 *     tracestore:
 *       enabled: true
 * tracestore:
 *   health:
 *     down-on-file-error: true
 * }</pre>
 */
@AutoConfiguration(after = TraceStoreAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean({ FileBasedSpanProcessor.class, TraceStoreProperties.class })
@ConditionalOnEnabledHealthIndicator("tracestore")
public final class TraceStoreHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TraceStoreHealthIndicator traceStoreHealthIndicator(FileBasedSpanProcessor traceStoreSpanProcessor,
            TraceStoreProperties properties, ObjectProvider<SpanFeedCheck> traceStoreSpanFeedCheck) {
        return new TraceStoreHealthIndicator(traceStoreSpanProcessor, properties.getHealth().isDownOnFileError(),
                traceStoreSpanFeedCheck.getIfAvailable());
    }
}
