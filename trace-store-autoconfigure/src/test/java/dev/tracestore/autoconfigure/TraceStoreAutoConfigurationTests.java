package dev.tracestore.autoconfigure;

import dev.tracestore.core.otel.FileBasedSpanProcessor;
import dev.tracestore.core.store.InMemorySpanStore;
import dev.tracestore.core.store.SpanStore;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class TraceStoreAutoConfigurationTests {

    @TempDir
    Path directory;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TraceStoreAutoConfiguration.class));

    private ApplicationContextRunner inTempDir() {
        return runner.withPropertyValues("tracestore.directory=" + directory);
    }

    @Test
    void createsStoreAndProcessorByDefault() {
        inTempDir().run(context -> {
            assertThat(context).hasSingleBean(SpanStore.class).hasSingleBean(FileBasedSpanProcessor.class);
            assertThat(context.getBean(FileBasedSpanProcessor.class).store()).isSameAs(context.getBean(SpanStore.class));
            assertThat(context.getBean(SpanStore.class).capacity()).isEqualTo(100_000);
        });
    }

    @Test
    void createsNothingWhenDisabled() {
        inTempDir().withPropertyValues("tracestore.enabled=false").run(context -> assertThat(context)
                .doesNotHaveBean(SpanStore.class)
                .doesNotHaveBean(FileBasedSpanProcessor.class)
                .doesNotHaveBean(TraceStoreProperties.class));
    }

    @Test
    void userSpanStoreWinsAndFeedsTheProcessor() {
        inTempDir().withUserConfiguration(UserStoreConfiguration.class).run(context -> {
            assertThat(context).hasSingleBean(SpanStore.class).hasBean("userStore");
            assertThat(context.getBean(FileBasedSpanProcessor.class).store()).isSameAs(context.getBean("userStore"));
        });
    }

    @Test
    void userProcessorWins() {
        inTempDir().withUserConfiguration(UserProcessorConfiguration.class).run(context -> assertThat(context)
                .hasSingleBean(FileBasedSpanProcessor.class)
                .hasBean("userProcessor")
                .doesNotHaveBean("traceStoreSpanProcessor"));
    }

    @Test
    void bindsProperties() {
        inTempDir().withPropertyValues("tracestore.max-spans=500", "tracestore.flush-interval=250ms",
                "tracestore.queue-capacity=64").run(context -> {
            TraceStoreProperties properties = context.getBean(TraceStoreProperties.class);
            assertThat(properties.directoryPath()).isEqualTo(directory);
            assertThat(properties.getMaxSpans()).isEqualTo(500);
            assertThat(properties.getFlushInterval()).isEqualTo(Duration.ofMillis(250));
            assertThat(properties.getQueueCapacity()).isEqualTo(64);
            assertThat(context.getBean(SpanStore.class).capacity()).isEqualTo(500);
        });
    }

    // Relative to the working directory even when the name also exists on the classpath (as this package does).
    @Test
    void bindsARelativeDirectoryAsGiven() {
        new ApplicationContextRunner().withUserConfiguration(PropertiesOnly.class)
                .withPropertyValues("tracestore.directory=dev/tracestore")
                .run(context -> assertThat(context.getBean(TraceStoreProperties.class).directoryPath())
                        .isEqualTo(Path.of("dev/tracestore")));
    }

    @Test
    void defaultsWorkWithoutConfiguration() {
        TraceStoreProperties defaults = new TraceStoreProperties();
        assertThat(defaults.isEnabled()).isTrue();
        assertThat(defaults.directoryPath()).isEqualTo(Path.of("trace-store"));
        assertThat(defaults.getMaxSpans()).isEqualTo(100_000);
        assertThat(defaults.getFlushInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.getQueueCapacity()).isEqualTo(8192);
    }

    @Test
    void rejectsMaxSpansBelowOne() {
        assertStartupFails("tracestore.max-spans=0", "maxSpans", "must be at least 1");
    }

    @Test
    void rejectsNonPositiveFlushInterval() {
        assertStartupFails("tracestore.flush-interval=0s", "flushInterval", "must be positive");
    }

    @Test
    void rejectsQueueCapacityBelowOne() {
        assertStartupFails("tracestore.queue-capacity=-1", "queueCapacity", "must be at least 1");
    }

    @Test
    void rejectsEmptyDirectory() {
        assertStartupFails("tracestore.directory= ", "directory", "must not be empty");
    }

    @Test
    void rejectsAnInvalidDirectory() {
        assertStartupFails("tracestore.directory=spa" + (char) 0 + "ns", "directory", "is not a valid path");
    }

    private void assertStartupFails(String property, String field, String reason) {
        inTempDir().withPropertyValues(property).run(context -> assertThat(context).getFailure()
                .rootCause()
                .hasMessageContaining("tracestore")
                .hasMessageContaining("field '" + field + "'")
                .hasMessageContaining(reason));
    }

    @Test
    void processorReceivesTheSpansOfBootsTracerProvider() {
        inTempDir().withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
                        OpenTelemetryTracingAutoConfiguration.class))
                .withPropertyValues("management.tracing.sampling.probability=1.0")
                .run(context -> {
                    assertThat(context).hasSingleBean(SdkTracerProvider.class);
                    Span span = context.getBean(OpenTelemetry.class).getTracer("test").spanBuilder("work").startSpan();
                    span.end();
                    // spans reach the store through the processor's worker thread
                    context.getBean(FileBasedSpanProcessor.class).forceFlush().join(10, TimeUnit.SECONDS);

                    assertThat(context.getBean(SpanStore.class).getTrace(span.getSpanContext().getTraceId()))
                            .singleElement()
                            .satisfies(stored -> assertThat(stored.name()).isEqualTo("work"));
                });
    }

    @Test
    void closingTheContextWritesTheQueuedSpansToTheFiles() throws Exception {
        String[] traceId = new String[1];
        inTempDir().withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
                        OpenTelemetryTracingAutoConfiguration.class))
                .withPropertyValues("management.tracing.sampling.probability=1.0", "tracestore.flush-interval=1h")
                .run(context -> {
                    Span span = context.getBean(OpenTelemetry.class).getTracer("test").spanBuilder("work").startSpan();
                    span.end();
                    traceId[0] = span.getSpanContext().getTraceId();
                });

        assertThat(Files.readString(directory.resolve("spans.jsonl"))).contains(traceId[0]);
    }

    @Configuration(proxyBeanMethods = false)
    static class UserStoreConfiguration {

        @Bean
        SpanStore userStore() {
            return new InMemorySpanStore(10);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserProcessorConfiguration {

        @Bean
        FileBasedSpanProcessor userProcessor(SpanStore store) {
            return FileBasedSpanProcessor.builder(store).build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(TraceStoreProperties.class)
    static class PropertiesOnly {
    }
}
