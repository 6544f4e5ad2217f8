package dev.tracestore.autoconfigure;

import dev.tracestore.core.otel.FileBasedSpanProcessor;
import dev.tracestore.core.store.InMemorySpanStore;
import dev.tracestore.core.store.SpanStore;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Keeps the application's spans: a {@link SpanStore} bean and a {@link FileBasedSpanProcessor} bean that feeds
 * it and the span files. Spring Boot's OpenTelemetry tracing auto-configuration, which runs after this one,
 * registers every {@code SpanProcessor} bean on its {@code SdkTracerProvider}, so the processor sees every
 * sampled span. Turn it off with {@code tracestore.enabled=false}; replace either bean by declaring your own.
 * A replacement processor should be built on the {@code SpanStore} bean, which the {@code traces} endpoint reads.
 *
 * <pre>{@code
 * @Bean
 * FileBasedSpanProcessor traceStoreSpanProcessor(SpanStore store) {
 *     return FileBasedSpanProcessor.builder(store).directory(Path.of("/data/spans")).build();
 * }
 * }</pre>
 */
@AutoConfiguration(beforeName = "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure."
        + "OpenTelemetryTracingAutoConfiguration")
@ConditionalOnProperty(prefix = "tracestore", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(TraceStoreProperties.class)
public final class TraceStoreAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SpanStore traceStore(TraceStoreProperties properties) {
        return new InMemorySpanStore(properties.getMaxSpans());
    }

    // Spring infers close() as the destroy method: it flushes the queue to the files before the context ends.
    @Bean
    @ConditionalOnMissingBean
    FileBasedSpanProcessor traceStoreSpanProcessor(SpanStore traceStore, TraceStoreProperties properties) {
        return FileBasedSpanProcessor.builder(traceStore)
                .directory(properties.directoryPath())
                .queueCapacity(properties.getQueueCapacity())
                .flushInterval(properties.getFlushInterval())
                .build();
    }
}
