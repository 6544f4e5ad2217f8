package dev.tracestore.autoconfigure;

import dev.tracestore.core.otel.FileBasedSpanProcessor;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class TraceStoreHealthAutoConfigurationTests {

    @TempDir
    Path temp;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(TraceStoreAutoConfiguration.class,
                        TraceStoreHealthAutoConfiguration.class))
                .withPropertyValues("tracestore.directory=" + temp.resolve("traces"));
    }

    @Test
    void reportsTheSpanFilesAsTraceStoreHealth() {
        runner().run(context -> {
            assertThat(context).hasSingleBean(TraceStoreHealthIndicator.class).hasBean("traceStoreHealthIndicator");
            Health health = context.getBean(TraceStoreHealthIndicator.class).health();

            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails())
                    .containsEntry("directory", temp.resolve("traces").toAbsolutePath().toString())
                    .containsEntry("fileLogActive", true)
                    .containsEntry("spansStored", 0)
                    .containsKeys("reloading", "spansEvicted", "spansWritten", "spansDropped", "spansFailed",
                            "spansRejected", "spansExcluded", "spansUndecided", "spansInStandby", "spansReloaded",
                            "linesSkippedAtReload")
                    .doesNotContainKey("error");
        });
    }

    @Test
    void isLeftOutWhenTurnedOff() {
        runner().withPropertyValues("management.health.tracestore.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(TraceStoreHealthIndicator.class));
        runner().withPropertyValues("management.health.defaults.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(TraceStoreHealthIndicator.class));
    }

    @Test
    void isLeftOutWithoutTheProcessor() {
        runner().withPropertyValues("tracestore.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(TraceStoreHealthIndicator.class));
    }

    @Test
    void isLeftOutWithoutSpringBootHealth() {
        runner().withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .run(context -> assertThat(context).hasSingleBean(FileBasedSpanProcessor.class)
                        .doesNotHaveBean(TraceStoreHealthIndicator.class));
    }

    @Test
    void userIndicatorWins() {
        runner().withUserConfiguration(UserIndicatorConfiguration.class).run(context -> assertThat(context)
                .hasSingleBean(TraceStoreHealthIndicator.class)
                .hasBean("myTraceStoreHealth")
                .doesNotHaveBean("traceStoreHealthIndicator"));
    }

    @Test
    void staysUpAndShowsTheFileErrorByDefault() {
        faultAndRecovery(Status.UP);
    }

    @Test
    void isDownWithTheReasonWhileTheFilesCannotBeWrittenWhenAskedTo() {
        faultAndRecovery(Status.DOWN, "tracestore.health.down-on-file-error=true");
    }

    /** Makes the span directory unusable, checks the health, clears the fault and checks it again. */
    private void faultAndRecovery(Status statusOnFault, String... properties) {
        Path directory = temp.resolve("traces");
        runner().withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
                        OpenTelemetryTracingAutoConfiguration.class))
                .withPropertyValues("management.tracing.sampling.probability=1.0", "tracestore.flush-interval=50ms")
                .withPropertyValues(properties)
                .run(context -> {
                    HealthIndicator health = context.getBean(TraceStoreHealthIndicator.class);
                    endSpanAndFlush(context);
                    assertThat(health.health().getStatus()).isEqualTo(Status.UP);

                    // The directory is removed and a file takes its name: the log cannot create it again.
                    deleteRecursively(directory);
                    Files.writeString(directory, "in the way");
                    assertThat(endSpanAndTryFlush(context)).as("the span was not written").isFalse();

                    Health faulty = health.health();
                    assertThat(faulty.getStatus()).isEqualTo(statusOnFault);
                    assertThat(faulty.getDetails().get("error")).asString()
                            .contains(directory.toString(), "not a directory");
                    assertThat(faulty.getDetails()).containsEntry("fileLogActive", false)
                            .containsEntry("spansStored", 2)
                            .containsEntry("spansFailed", 1L);

                    Files.delete(directory);
                    await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                        endSpanAndFlush(context);
                        assertThat(health.health().getDetails()).containsEntry("fileLogActive", true);
                    });
                    Health up = health.health();
                    assertThat(up.getStatus()).isEqualTo(Status.UP);
                    assertThat(up.getDetails()).doesNotContainKey("error");
                    assertThat(directory.resolve("spans.jsonl")).isRegularFile();
                });
    }

    private static void endSpanAndFlush(ApplicationContext context) {
        assertThat(endSpanAndTryFlush(context)).isTrue();
    }

    /** @return whether the flush succeeded: it fails when the span could not be written */
    private static boolean endSpanAndTryFlush(ApplicationContext context) {
        Tracer tracer = context.getBean(OpenTelemetry.class).getTracer("test");
        tracer.spanBuilder("work").startSpan().end();
        return context.getBean(FileBasedSpanProcessor.class).forceFlush().join(10, TimeUnit.SECONDS).isSuccess();
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserIndicatorConfiguration {

        @Bean
        TraceStoreHealthIndicator myTraceStoreHealth(FileBasedSpanProcessor processor) {
            return new TraceStoreHealthIndicator(processor);
        }
    }
}
