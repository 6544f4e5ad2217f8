package dev.tracestore.autoconfigure;

import dev.tracestore.core.otel.FileBasedSpanProcessor;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link TraceStoreMetrics} when Micrometer is on the classpath and the application has a {@link MeterRegistry}
 * (Actuator brings both) and a {@link FileBasedSpanProcessor}. Spring Boot binds the meters to every registry:
 * see them at {@code /actuator/metrics/tracestore.spans.stored} or in Prometheus as
 * {@code tracestore_spans_stored_spans}. Turn them off with {@code management.metrics.enable.tracestore=false}.
 *
 * <pre>{@code
 * management:
 *   endpoints:
 *     web:
 *       exposure:
 *         include: health,metrics,traces
 * }</pre>
 */
@AutoConfiguration(after = TraceStoreAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({MeterRegistry.class, FileBasedSpanProcessor.class})
public final class TraceStoreMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TraceStoreMetrics traceStoreMetrics(FileBasedSpanProcessor traceStoreSpanProcessor) {
        return new TraceStoreMetrics(traceStoreSpanProcessor);
    }
}
