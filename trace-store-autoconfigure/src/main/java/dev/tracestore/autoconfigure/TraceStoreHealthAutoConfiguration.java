package dev.tracestore.autoconfigure;

import dev.tracestore.core.otel.FileBasedSpanProcessor;
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
 * {@code management.health.tracestore.enabled=false}; while the span files cannot be written it is DOWN, which makes
 * the overall health DOWN too unless it is left out of the group your load balancer or orchestrator asks.
 *
 * <pre>{@code
 * management:
 *   endpoint:
 *     health:
 *       show-details: always
 *   health:
 *     tracestore:
 *       enabled: true
 * }</pre>
 */
@AutoConfiguration(after = TraceStoreAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(FileBasedSpanProcessor.class)
@ConditionalOnEnabledHealthIndicator("tracestore")
public final class TraceStoreHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TraceStoreHealthIndicator traceStoreHealthIndicator(FileBasedSpanProcessor traceStoreSpanProcessor) {
        return new TraceStoreHealthIndicator(traceStoreSpanProcessor);
    }
}
