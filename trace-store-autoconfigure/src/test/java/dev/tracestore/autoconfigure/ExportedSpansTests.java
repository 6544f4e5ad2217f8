package dev.tracestore.autoconfigure;

import dev.tracestore.core.otel.FileBasedSpanProcessor;
import dev.tracestore.core.store.SpanStore;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SdkTracerProviderBuilderCustomizer;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Boot's exporters send exactly the same spans with and without trace-store, whether Boot exports unsampled
 * spans ({@code management.opentelemetry.tracing.export.include-unsampled}) or not, at Boot's sampling of 0.1. The
 * IDs come from a seeded generator, so every run makes the same traces and Boot's ratio sampler (which decides by
 * trace ID) samples the same ones.
 */
class ExportedSpansTests {

    private static final long SEED = 20261130L;
    private static final int TRACES = 300;

    @TempDir
    Path directory;

    @Test
    void exportersSeeTheSameSpansWithAndWithoutTraceStore() {
        System.out.println("ExportedSpansTests seed " + SEED);
        List<String> reference = exported(false, false);
        assertThat(reference.size()).as("a sampled share of 2 x %d spans", TRACES).isBetween(20, 2 * TRACES - 20);

        assertThat(exported(false, true)).as("Boot alone, include-unsampled").isEqualTo(reference);
        assertThat(exported(true, false)).as("with trace-store").isEqualTo(reference);
        assertThat(exported(true, true)).as("with trace-store, include-unsampled").isEqualTo(reference);
    }

    @Test
    void capturesEverySpanWhileExportingTheSampledShare() {
        runner(true, true).run(context -> {
            record(context);
            assertThat(context.getBean(FileBasedSpanProcessor.class).forceFlush().join(10, TimeUnit.SECONDS)
                    .isSuccess()).isTrue();
            assertThat(context.getBean(SpanStore.class).size()).isEqualTo(2 * TRACES);
            assertThat(context).hasSingleBean(RecordedOnlySpanFilter.class);
        });
        runner(true, false).run(context -> assertThat(context).doesNotHaveBean(RecordedOnlySpanFilter.class));
    }

    /** @return the span IDs exporters received, in the order the spans ended */
    private List<String> exported(boolean traceStore, boolean includeUnsampled) {
        List<String> spanIds = new ArrayList<>();
        runner(traceStore, includeUnsampled).run(context -> {
            record(context);
            assertThat(context.getBean(SdkTracerProvider.class).forceFlush().join(10, TimeUnit.SECONDS).isSuccess())
                    .isTrue();
            context.getBean(InMemorySpanExporter.class).getFinishedSpanItems().stream()
                    .map(SpanData::getSpanId).forEach(spanIds::add);
        });
        return spanIds;
    }

    private ApplicationContextRunner runner(boolean traceStore, boolean includeUnsampled) {
        AutoConfigurations configurations = traceStore
                ? AutoConfigurations.of(TraceStoreAutoConfiguration.class, OpenTelemetrySdkAutoConfiguration.class,
                        OpenTelemetryTracingAutoConfiguration.class)
                : AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
                        OpenTelemetryTracingAutoConfiguration.class);
        return new ApplicationContextRunner().withConfiguration(configurations)
                .withUserConfiguration(ExporterConfiguration.class)
                .withPropertyValues("tracestore.directory=" + directory,
                        "management.tracing.sampling.probability=0.1",
                        "management.opentelemetry.tracing.export.include-unsampled=" + includeUnsampled);
    }

    /** Each trace: a root and a child, so parent-based sampling is exercised too. */
    private static void record(org.springframework.context.ApplicationContext context) {
        Tracer tracer = context.getBean(OpenTelemetry.class).getTracer("test");
        for (int i = 0; i < TRACES; i++) {
            Span root = tracer.spanBuilder("root " + i).startSpan();
            try (Scope ignored = root.makeCurrent()) {
                tracer.spanBuilder("child " + i).startSpan().end();
            }
            root.end();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ExporterConfiguration {

        @Bean
        InMemorySpanExporter inMemorySpanExporter() {
            return InMemorySpanExporter.create();
        }

        @Bean
        SdkTracerProviderBuilderCustomizer seededIds() {
            Random random = new Random(SEED);
            return builder -> builder.setIdGenerator(new IdGenerator() {
                @Override
                public String generateSpanId() {
                    return String.format("%016x", random.nextLong() | 1L);
                }

                @Override
                public String generateTraceId() {
                    return String.format("%016x%016x", random.nextLong(), random.nextLong() | 1L);
                }
            });
        }
    }
}
