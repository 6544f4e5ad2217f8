package dev.tracestore.autoconfigure;

import dev.tracestore.autoconfigure.TraceStoreProperties.Capture;
import dev.tracestore.core.log.SpanLog;
import dev.tracestore.core.otel.FileBasedSpanProcessor;
import dev.tracestore.core.otel.RecordingSampler;
import dev.tracestore.core.otel.SpanExclusions;
import dev.tracestore.core.query.FailureRules;
import dev.tracestore.core.store.InMemorySpanStore;
import dev.tracestore.core.store.SpanStore;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

import java.util.List;

/**
 * Keeps the application's spans: a {@link SpanStore} bean and a {@link FileBasedSpanProcessor} bean that feeds
 * it and the span files. Spring Boot's OpenTelemetry tracing auto-configuration, which runs after this one,
 * registers every {@code SpanProcessor} bean on its {@code SdkTracerProvider}, so the processor sees every
 * span except those of {@code tracestore.exclude} (by default every request under the management base path,
 * {@code /actuator/**}: health probes, metric scrapes and the queries to the {@code traces} endpoint).
 * With {@code tracestore.capture=all} (the default) every {@code Sampler} bean is wrapped in a
 * {@link RecordingSampler}, so the spans it drops are recorded for the store but still not exported;
 * {@code tracestore.capture=sampled} keeps the sampled spans only. Those recorded spans carry
 * {@code tracestore.recorded_only=true}; with {@code management.opentelemetry.tracing.export.include-unsampled=true}
 * a {@link RecordedOnlySpanFilter} keeps them from Boot's exporters, which so send exactly what they would without
 * trace-store.
 * Turn it off with {@code tracestore.enabled=false}; replace either bean by declaring your own.
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
        return InMemorySpanStore.builder()
                .maxSpans(properties.getMaxSpans())
                .maxAge(properties.getMaxAge())
                .queryTimeout(properties.getQueryTimeout())
                .failureRules(FailureRules.of(properties.isStaticNotFoundFailures()))
                .build();
    }

    // Spring infers close() as the destroy method: it flushes the queue to the files before the context ends.
    @Bean
    @ConditionalOnMissingBean
    FileBasedSpanProcessor traceStoreSpanProcessor(SpanStore traceStore, TraceStoreProperties properties,
            Environment environment) {
        return FileBasedSpanProcessor.builder(traceStore)
                .log(SpanLog.builder(properties.directoryPath())
                        .maxFileSize(properties.getMaxFileSize().toBytes())
                        .maxFiles(properties.getMaxFiles())
                        .maxFileAge(properties.getMaxFileAge())
                        .fsync(properties.isFsync()))
                .queueCapacity(properties.getQueueCapacity())
                .flushInterval(properties.getFlushInterval())
                .exclude(SpanExclusions.of(exclusions(properties, environment)))
                .redact(properties.redaction())
                .maxAttributeLength(properties.getMaxAttributeLength())
                .maxAttributes(properties.getMaxAttributes())
                .captureUnsampled(properties.getCapture() == Capture.ALL)
                .snapshotOnShutdown(properties.isSnapshotOnShutdown())
                .build();
    }

    // Registered beside the processor, so that SpanFeedCheck can tell whether spans reach it.
    @Bean
    @ConditionalOnMissingBean
    SpanArrivals traceStoreSpanArrivals() {
        return new SpanArrivals();
    }

    @Bean
    @ConditionalOnMissingBean
    SpanFeedCheck traceStoreSpanFeedCheck(FileBasedSpanProcessor traceStoreSpanProcessor,
            SpanArrivals traceStoreSpanArrivals, ConfigurableListableBeanFactory beanFactory) {
        return new SpanFeedCheck(traceStoreSpanProcessor, traceStoreSpanArrivals, beanFactory,
                beanFactory.getBeanClassLoader());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.observation.ObservationHandler")
    static class ServedRequests {

        @Bean
        @ConditionalOnMissingBean
        ServedRequestsObserver traceStoreServedRequestsObserver(SpanFeedCheck traceStoreSpanFeedCheck) {
            return new ServedRequestsObserver(traceStoreSpanFeedCheck);
        }
    }

    // Static: a post-processor must exist before the beans it processes, this configuration among them.
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "tracestore", name = "capture", havingValue = "all", matchIfMissing = true)
    static RecordingSamplerPostProcessor traceStoreRecordingSamplerPostProcessor() {
        return new RecordingSamplerPostProcessor();
    }

    // Only where Boot's exporters see unsampled spans at all; otherwise nothing to leave out.
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = { "io.micrometer.tracing.exporter.SpanExportingPredicate",
            "io.micrometer.tracing.otel.bridge.OtelFinishedSpan" })
    @ConditionalOnProperty(prefix = "tracestore", name = "capture", havingValue = "all", matchIfMissing = true)
    @ConditionalOnBooleanProperty("management.opentelemetry.tracing.export.include-unsampled")
    static class RecordedOnlySpansNotExported {

        @Bean
        @ConditionalOnMissingBean
        RecordedOnlySpanFilter traceStoreRecordedOnlySpanFilter() {
            return new RecordedOnlySpanFilter();
        }
    }

    // Unless set, every request under the management base path: health probes, metric scrapes, the traces queries.
    private static List<String> exclusions(TraceStoreProperties properties, Environment environment) {
        if (properties.getExclude() != null) {
            return properties.getExclude();
        }
        String basePath = pathSegments(environment.getProperty("management.endpoints.web.base-path", "/actuator"));
        String managementPort = environment.getProperty("management.server.port");
        if (managementPort != null && !managementPort.equals(environment.getProperty("server.port"))) {
            basePath = pathSegments(environment.getProperty("management.server.base-path", "")) + basePath;
        }
        if (!basePath.isEmpty()) {
            return List.of(basePath + "/**");
        }
        // Endpoints at the root: "everything under the base path" would be the whole app, so the polled ones only.
        String traces = pathSegments(environment.getProperty("management.endpoints.web.path-mapping.traces", "traces"));
        return List.of(traces + "/**", "/health/**", "/info/**", "/metrics/**", "/prometheus/**");
    }

    /** {@code "/actuator"} for {@code "actuator/"}, the empty string for {@code "/"}. */
    private static String pathSegments(String path) {
        String trimmed = StringUtils.trimTrailingCharacter(StringUtils.trimLeadingCharacter(path.strip(), '/'), '/');
        return trimmed.isEmpty() ? "" : "/" + trimmed;
    }
}
