package dev.tracestore.autoconfigure;

import dev.tracestore.core.otel.FileBasedSpanProcessor;
import dev.tracestore.core.store.InMemorySpanStore;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class TraceStoreMetricsAutoConfigurationTests {

    @TempDir
    Path directory;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(TraceStoreAutoConfiguration.class,
                        TraceStoreMetricsAutoConfiguration.class, MetricsAutoConfiguration.class,
                        OpenTelemetrySdkAutoConfiguration.class, OpenTelemetryTracingAutoConfiguration.class))
                .withBean(SimpleMeterRegistry.class)
                .withPropertyValues("tracestore.directory=" + directory, "tracestore.max-spans=5",
                        "management.tracing.sampling.probability=1.0");
    }

    @Test
    void countsWhatRealSpansDoToTheStoreAndTheFiles() {
        runner().run(context -> {
            Tracer tracer = context.getBean(OpenTelemetry.class).getTracer("test");
            // a probe request (the default exclusion /actuator/**) and a span inside it: both left out
            Span probe = tracer.spanBuilder("GET").setSpanKind(SpanKind.SERVER)
                    .setAttribute("url.path", "/actuator/health").startSpan();
            tracer.spanBuilder("inside the probe").setParent(Context.current().with(probe)).startSpan().end();
            probe.end();
            for (int i = 0; i < 8; i++) {
                tracer.spanBuilder("op-" + i).setAttribute("payload", "x".repeat(i == 0 ? 5_000 : 10)).startSpan()
                        .end();
            }
            FileBasedSpanProcessor processor = context.getBean(FileBasedSpanProcessor.class);
            assertThat(processor.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
            MeterRegistry registry = context.getBean(MeterRegistry.class);

            assertThat(registry.get("tracestore.spans.stored").gauge().value()).isEqualTo(5);
            assertThat(registry.get("tracestore.spans.evicted").functionCounter().count()).isEqualTo(3);
            assertThat(registry.get("tracestore.spans.written").functionCounter().count()).isEqualTo(8);
            assertThat(registry.get("tracestore.spans.dropped").functionCounter().count()).isZero();
            assertThat(registry.get("tracestore.spans.failed").functionCounter().count()).isZero();
            assertThat(registry.get("tracestore.spans.rejected").functionCounter().count()).isZero();
            assertThat(registry.get("tracestore.spans.excluded").functionCounter().count()).isEqualTo(2);
            assertThat(registry.get("tracestore.spans.undecided").functionCounter().count()).isZero();
            assertThat(registry.get("tracestore.attributes.truncated").functionCounter().count()).isEqualTo(1);
            assertThat(registry.get("tracestore.attributes.dropped").functionCounter().count()).isZero();
            assertThat(registry.get("tracestore.bytes.written").functionCounter().count())
                    .isEqualTo(Files.size(directory.resolve("spans.jsonl")));
            assertThat(registry.get("tracestore.bytes.written").meter().getId().getBaseUnit()).isEqualTo("bytes");
            FunctionTimer writes = registry.get("tracestore.writes").functionTimer();
            assertThat(writes.count()).isBetween(1.0, 8.0);
            assertThat(writes.totalTime(TimeUnit.NANOSECONDS)).isPositive();
            assertThat(registry.get("tracestore.files").gauge().value()).isEqualTo(1);
            assertThat(registry.get("tracestore.spans.stored").meter().getId().getDescription()).isNotBlank();
        });
    }

    @Test
    void countsDroppedSpansWhenTheQueueOverflows() {
        runner().withPropertyValues("tracestore.queue-capacity=1", "tracestore.flush-interval=1h",
                "tracestore.max-spans=10000").run(context -> {
            Tracer tracer = context.getBean(OpenTelemetry.class).getTracer("test");
            for (int i = 0; i < 3_000; i++) {
                tracer.spanBuilder("burst").startSpan().end();
            }
            FileBasedSpanProcessor processor = context.getBean(FileBasedSpanProcessor.class);
            assertThat(processor.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
            MeterRegistry registry = context.getBean(MeterRegistry.class);

            double dropped = registry.get("tracestore.spans.dropped").functionCounter().count();
            assertThat(dropped).isPositive();
            double stored = registry.get("tracestore.spans.stored").gauge().value();
            assertThat(dropped + stored).as("a span is dropped or stored").isEqualTo(3_000);
            assertThat(registry.get("tracestore.spans.written").functionCounter().count()).isEqualTo(stored);
        });
    }

    @Test
    void aMemoryOnlyStoreHasNoFiles() {
        runner().withBean("traceStoreSpanProcessor", FileBasedSpanProcessor.class,
                        () -> FileBasedSpanProcessor.builder(new InMemorySpanStore(10)).build())
                .run(context -> assertThat(context.getBean(MeterRegistry.class).get("tracestore.files").gauge()
                        .value()).isZero());
    }

    @Test
    void backsOffWithoutMicrometerOrARegistry() {
        runner().withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .run(context -> assertThat(context).doesNotHaveBean(TraceStoreMetrics.class));
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(TraceStoreAutoConfiguration.class,
                        TraceStoreMetricsAutoConfiguration.class))
                .withPropertyValues("tracestore.directory=" + directory)
                .run(context -> assertThat(context).hasSingleBean(FileBasedSpanProcessor.class)
                        .doesNotHaveBean(TraceStoreMetrics.class));
        runner().withPropertyValues("tracestore.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(TraceStoreMetrics.class));
    }

    @Test
    void aUserBinderReplacesOurs() {
        runner().withUserConfiguration(UserMetrics.class).run(context -> assertThat(context)
                .hasSingleBean(TraceStoreMetrics.class).hasBean("myMetrics"));
    }

    @Test
    void metersCanBeTurnedOffWithBootsProperty() {
        runner().withPropertyValues("management.metrics.enable.tracestore=false").run(context ->
                assertThat(context.getBean(MeterRegistry.class).find("tracestore.spans.stored").gauge()).isNull());
    }

    @Configuration(proxyBeanMethods = false)
    static class UserMetrics {

        @Bean
        TraceStoreMetrics myMetrics(FileBasedSpanProcessor processor) {
            return new TraceStoreMetrics(processor);
        }
    }
}
