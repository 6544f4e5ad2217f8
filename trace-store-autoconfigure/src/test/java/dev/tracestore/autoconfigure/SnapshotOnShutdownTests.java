package dev.tracestore.autoconfigure;

import dev.tracestore.core.log.SpanSnapshot;
import dev.tracestore.core.otel.FileBasedSpanProcessor;
import dev.tracestore.core.store.SpanStore;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code tracestore.snapshot-on-shutdown}: on, closing the context leaves a snapshot of the store that the next
 * context reloads from; off (the default) leaves none, and a start with it off reads the span files.
 */
class SnapshotOnShutdownTests {

    @TempDir
    Path directory;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TraceStoreAutoConfiguration.class,
                    OpenTelemetrySdkAutoConfiguration.class, OpenTelemetryTracingAutoConfiguration.class))
            .withPropertyValues("management.tracing.sampling.probability=1.0");

    @Test
    void closingTheContextWritesTheSnapshotTheNextStartReloads() {
        ApplicationContextRunner inDirectory = runner.withPropertyValues("tracestore.directory=" + directory,
                "tracestore.snapshot-on-shutdown=true");
        inDirectory.run(context -> endSpans(context.getBean(OpenTelemetry.class), context.getBean(
                FileBasedSpanProcessor.class)));
        assertThat(directory.resolve(SpanSnapshot.FILE_NAME)).exists();

        inDirectory.run(context -> {
            FileBasedSpanProcessor processor = context.getBean(FileBasedSpanProcessor.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> !processor.isReloading());
            assertThat(processor.reloadedFromSnapshot()).isTrue();
            assertThat(context.getBean(SpanStore.class).size()).isEqualTo(20);
        });
    }

    @Test
    void offByDefaultWritesNoneAndReloadsFromTheFiles() {
        ApplicationContextRunner off = runner.withPropertyValues("tracestore.directory=" + directory);
        off.run(context -> endSpans(context.getBean(OpenTelemetry.class), context.getBean(
                FileBasedSpanProcessor.class)));
        assertThat(directory.resolve(SpanSnapshot.FILE_NAME)).doesNotExist();

        off.run(context -> {
            FileBasedSpanProcessor processor = context.getBean(FileBasedSpanProcessor.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> !processor.isReloading());
            assertThat(processor.reloadedFromSnapshot()).isFalse();
            assertThat(context.getBean(SpanStore.class).size()).isEqualTo(20);
        });
    }

    private static void endSpans(OpenTelemetry openTelemetry, FileBasedSpanProcessor processor) {
        await().atMost(Duration.ofSeconds(10)).until(() -> !processor.isReloading());
        Tracer tracer = openTelemetry.getTracer("test");
        for (int i = 0; i < 20; i++) {
            tracer.spanBuilder("work-" + i).startSpan().end();
        }
    }
}
