package dev.tracestore.autoconfigure;

import dev.tracestore.autoconfigure.TraceStoreProperties.Capture;
import dev.tracestore.core.otel.FileBasedSpanProcessor;
import dev.tracestore.core.otel.RecordingSampler;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Registers the {@link FileBasedSpanProcessor} with the OpenTelemetry Spring Boot starter
 * ({@code io.opentelemetry.instrumentation:opentelemetry-spring-boot-starter}), which builds its own tracer
 * provider through the SDK's auto-configuration and so ignores {@code SpanProcessor} beans. The starter applies
 * every {@link AutoConfigurationCustomizerProvider} bean: this one adds the processor and, with
 * {@code tracestore.capture=all} (the default), wraps the starter's sampler ({@code otel.traces.sampler}) in a
 * {@link RecordingSampler}. Nothing to configure: add trace-store-autoconfigure beside the starter.
 *
 * <pre>{@code
 * <dependency>
 *   <groupId>io.opentelemetry.instrumentation</groupId>
 *   <artifactId>opentelemetry-spring-boot-starter</artifactId>
 * </dependency>
 * <dependency>
 *   <groupId>dev.tracestore</groupId>
 *   <artifactId>trace-store-autoconfigure</artifactId>
 * </dependency>
 * }</pre>
 */
@AutoConfiguration(after = TraceStoreAutoConfiguration.class,
        beforeName = "io.opentelemetry.instrumentation.spring.autoconfigure.OpenTelemetryAutoConfiguration")
@ConditionalOnClass(value = AutoConfigurationCustomizerProvider.class,
        name = "io.opentelemetry.instrumentation.spring.autoconfigure.OpenTelemetryAutoConfiguration")
@ConditionalOnBean(FileBasedSpanProcessor.class)
public final class OpenTelemetryStarterAutoConfiguration {

    // By name: the starter and the application may declare customizers of their own, which must not switch ours off.
    @Bean
    @ConditionalOnMissingBean(name = "traceStoreAutoConfigurationCustomizerProvider")
    AutoConfigurationCustomizerProvider traceStoreAutoConfigurationCustomizerProvider(
            FileBasedSpanProcessor traceStoreSpanProcessor, SpanArrivals traceStoreSpanArrivals,
            TraceStoreProperties properties) {
        boolean captureAll = properties.getCapture() == Capture.ALL;
        return customizer -> {
            customizer.addTracerProviderCustomizer(
                    (builder, config) -> builder.addSpanProcessor(traceStoreSpanProcessor)
                            .addSpanProcessor(traceStoreSpanArrivals));
            if (captureAll) {
                customizer.addSamplerCustomizer((sampler, config) -> RecordingSampler.wrap(sampler));
            }
        };
    }
}
