package dev.tracestore.autoconfigure;

import dev.tracestore.core.otel.FileBasedSpanProcessor;
import io.micrometer.observation.transport.RequestReplyReceiverContext;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SpanProcessors;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** One condition per test: spans reach trace-store, or a WARN and the health say why not and how to fix it. */
@ExtendWith(OutputCaptureExtension.class)
class SpanFeedCheckTests {

    private static final String WARNING = "Spans do not reach trace-store";

    @TempDir
    Path temp;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(TraceStoreAutoConfiguration.class,
                        TraceStoreHealthAutoConfiguration.class, OpenTelemetrySdkAutoConfiguration.class,
                        OpenTelemetryTracingAutoConfiguration.class))
                .withPropertyValues("tracestore.directory=" + temp.resolve("traces"),
                        "management.tracing.sampling.probability=1.0");
    }

    @Test
    void withSpringBootsTracerProviderSpansArriveAndNothingIsSaid(CapturedOutput output) {
        runner().run(context -> {
            context.getBean(OpenTelemetry.class).getTracer("test").spanBuilder("work").startSpan().end();
            serveRequests(context);
            Health health = context.getBean(TraceStoreHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("spansSeen", 1L).doesNotContainKey("notReceivingSpans");
            assertThat(output.getOut()).doesNotContain(WARNING);
        });
    }

    @Test
    void anOwnSdkTracerProviderWithoutTheProcessorIsToldOnce(CapturedOutput output) {
        runner().withUserConfiguration(OwnTracerProvider.class).run(context -> {
            serveRequests(context);
            assertThat(output.getOut()).containsOnlyOnce(WARNING)
                    .contains("SdkTracerProvider does not hold trace-store's processor",
                            "addSpanProcessor(traceStoreSpanProcessor)");
            assertThat(problem(context)).contains("SdkTracerProvider");
        });
    }

    @Test
    void anOwnSdkTracerProviderThatHoldsTheProcessorIsFine(CapturedOutput output) {
        runner().withUserConfiguration(OwnTracerProviderWithTraceStore.class).run(context -> {
            assertThat(problem(context)).isNull();
            assertThat(output.getOut()).doesNotContain(WARNING);
        });
    }

    @Test
    void anOwnSpanProcessorsBeanWithoutTheProcessorIsTold(CapturedOutput output) {
        runner().withUserConfiguration(OwnSpanProcessors.class).run(context -> {
            assertThat(output.getOut()).containsOnlyOnce(WARNING).contains("SpanProcessors bean does not hold",
                    "SpanProcessors.of(myProcessor, traceStoreSpanProcessor)");
            assertThat(problem(context)).contains("SpanProcessors");
        });
    }

    // The agent puts its bootstrap classes on the boot class path; a class loader that has the class stands in.
    @Test
    void theOpenTelemetryJavaAgentIsTold(CapturedOutput output) throws IOException {
        Path source = temp.resolve("src/io/opentelemetry/javaagent/bootstrap/AgentInitializer.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "package io.opentelemetry.javaagent.bootstrap; public class AgentInitializer {}");
        Path classes = Files.createDirectories(temp.resolve("classes"));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assertThat(compiler.run(null, null, null, "-d", classes.toString(), source.toString())).isZero();
        try (URLClassLoader agent = new URLClassLoader(new URL[] { classes.toUri().toURL() },
                getClass().getClassLoader())) {
            runner().withClassLoader(agent).run(context -> {
                assertThat(output.getOut()).containsOnlyOnce(WARNING).contains("OpenTelemetry Java agent");
                assertThat(problem(context)).contains("agent");
            });
        }
        runner().run(context -> assertThat(problem(context)).isNull());
    }

    @Test
    void noSpanWhileServingRequestsIsTold(CapturedOutput output) {
        runner().withPropertyValues("management.tracing.sampling.probability=0", "tracestore.capture=sampled")
                .run(context -> {
                    assertThat(problem(context)).isNull();
                    serveRequests(context);
                    assertThat(output.getOut()).containsOnlyOnce(WARNING)
                            .contains("no span started while the application served 100 HTTP requests");
                    assertThat(problem(context)).contains("sampling is not 0");
                    serveRequests(context);
                    assertThat(output.getOut()).containsOnlyOnce(WARNING);
                });
    }

    private static String problem(ApplicationContext context) {
        return (String) context.getBean(TraceStoreHealthIndicator.class).health().getDetails()
                .get("notReceivingSpans");
    }

    /** What Spring's HTTP server observations report to the observer, as many times as the check waits for. */
    private static void serveRequests(ApplicationContext context) {
        ServedRequestsObserver observer = context.getBean(ServedRequestsObserver.class);
        for (int i = 0; i < SpanFeedCheck.REQUESTS_BEFORE_CHECK; i++) {
            RequestReplyReceiverContext<Object, Object> request = new RequestReplyReceiverContext<>((c, k) -> null);
            assertThat(observer.supportsContext(request)).isTrue();
            observer.onStop(request);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnTracerProvider {

        @Bean
        SdkTracerProvider myTracerProvider() {
            return SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(InMemorySpanExporter.create())).build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnTracerProviderWithTraceStore {

        @Bean
        SdkTracerProvider myTracerProvider(FileBasedSpanProcessor traceStoreSpanProcessor) {
            return SdkTracerProvider.builder().addSpanProcessor(traceStoreSpanProcessor).build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnSpanProcessors {

        @Bean
        SpanProcessors mySpanProcessors() {
            return SpanProcessors.of(SimpleSpanProcessor.create(InMemorySpanExporter.create()));
        }
    }
}
