package dev.tracestore.autoconfigure;

import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.otel.FileBasedSpanProcessor;
import dev.tracestore.core.otel.Redaction;
import dev.tracestore.core.otel.RecordingSampler;
import dev.tracestore.core.query.SpanQuery;
import dev.tracestore.core.store.InMemorySpanStore;
import dev.tracestore.core.store.SpanStore;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

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
                "tracestore.queue-capacity=64", "tracestore.max-age=6h",
                "tracestore.exclude=/actuator/**,health check", "tracestore.max-file-size=16",
                "tracestore.max-files=3", "tracestore.max-file-age=7d", "tracestore.fsync=true").run(context -> {
            TraceStoreProperties properties = context.getBean(TraceStoreProperties.class);
            assertThat(properties.directoryPath()).isEqualTo(directory);
            assertThat(properties.getMaxSpans()).isEqualTo(500);
            assertThat(properties.getMaxAge()).isEqualTo(Duration.ofHours(6));
            assertThat(properties.getExclude()).containsExactly("/actuator/**", "health check");
            assertThat(properties.getFlushInterval()).isEqualTo(Duration.ofMillis(250));
            assertThat(properties.getQueueCapacity()).isEqualTo(64);
            assertThat(properties.getMaxFileSize()).as("megabytes by default").isEqualTo(DataSize.ofMegabytes(16));
            assertThat(properties.getMaxFiles()).isEqualTo(3);
            assertThat(properties.getMaxFileAge()).isEqualTo(Duration.ofDays(7));
            assertThat(properties.isFsync()).isTrue();
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
        assertThat(defaults.getResponse().getMaxSpans()).isEqualTo(TracesEndpoint.DEFAULT_MAX_SPANS);
        assertThat(defaults.getResponse().getMaxBytes().toBytes()).isEqualTo(TracesEndpoint.DEFAULT_MAX_BYTES);
        assertThat(defaults.getMaxSpans()).isEqualTo(100_000);
        assertThat(defaults.getFlushInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.getQueueCapacity()).isEqualTo(8192);
        assertThat(defaults.getMaxAge()).isNull();
        assertThat(defaults.getExclude()).isNull();
        assertThat(defaults.getRedact()).isNull();
        assertThat(defaults.isRedactDefaults()).isTrue();
        assertThat(defaults.redaction().terms()).isEqualTo(Redaction.DEFAULT_TERMS);
        assertThat(defaults.getMaxAttributeLength()).isEqualTo(4096);
        assertThat(defaults.getMaxAttributes()).isEqualTo(128);
        assertThat(defaults.getCapture()).isEqualTo(TraceStoreProperties.Capture.ALL);
        assertThat(defaults.getMaxFileSize()).isEqualTo(DataSize.ofMegabytes(64));
        assertThat(defaults.getMaxFiles()).isEqualTo(10);
        assertThat(defaults.getMaxFileAge()).isNull();
        assertThat(defaults.isFsync()).isFalse();
    }

    @Test
    void rotatesTheFilesAndKeepsAtMostMaxFiles() {
        withTracing().withPropertyValues("tracestore.max-file-size=1KB", "tracestore.max-files=3").run(context -> {
            Tracer tracer = context.getBean(OpenTelemetry.class).getTracer("test");
            for (int i = 0; i < 200; i++) {
                tracer.spanBuilder("work-" + i).startSpan().end();
                if (i % 10 == 9) {
                    flush(context); // one file line per flush: rotation happens between lines
                }
            }
            try (Stream<Path> files = Files.list(directory)) {
                assertThat(files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".jsonl"))
                        .sorted().toList())
                        .hasSize(3)
                        .last().isEqualTo("spans.jsonl");
            }
        });
    }

    @Test
    void deletesRotatedFilesOlderThanMaxFileAge() {
        withTracing().withPropertyValues("tracestore.max-file-size=1KB", "tracestore.max-files=100",
                "tracestore.max-file-age=1ms").run(context -> {
            Tracer tracer = context.getBean(OpenTelemetry.class).getTracer("test");
            for (int i = 0; i < 50; i++) {
                tracer.spanBuilder("work-" + i).startSpan().end();
                if (i % 10 == 9) {
                    flush(context);
                }
            }
            Thread.sleep(5);
            flush(context); // retention by age runs at every flush
            try (Stream<Path> files = Files.list(directory)) {
                assertThat(files.map(file -> file.getFileName().toString()).toList())
                        .containsExactlyInAnyOrder("spans.jsonl", "spans.lock");
            }
        });
    }

    @Test
    void captureAllStoresTheSpansTheSamplerDropsButDoesNotSampleThem() {
        withTracing().withPropertyValues("management.tracing.sampling.probability=0.0").run(context -> {
            assertThat(context.getBean(Sampler.class)).isInstanceOf(RecordingSampler.class);
            Span span = context.getBean(OpenTelemetry.class).getTracer("test").spanBuilder("unsampled").startSpan();
            span.end();
            flush(context);

            assertThat(span.getSpanContext().isSampled()).isFalse();
            assertThat(context.getBean(SpanStore.class).getTrace(span.getSpanContext().getTraceId())).hasSize(1);
        });
    }

    @Test
    void captureSampledLeavesTheSamplerAloneAndStoresSampledSpansOnly() {
        withTracing().withPropertyValues("management.tracing.sampling.probability=0.0", "tracestore.capture=sampled")
                .run(context -> {
                    assertThat(context.getBean(Sampler.class)).isNotInstanceOf(RecordingSampler.class);
                    Span span = context.getBean(OpenTelemetry.class).getTracer("test").spanBuilder("dropped")
                            .startSpan();
                    assertThat(span.isRecording()).isFalse();
                    span.end();
                    flush(context);
                    assertThat(context.getBean(SpanStore.class).size()).isZero();
                });
    }

    @Test
    void captureAllWrapsTheApplicationsOwnSampler() {
        withTracing().withBean("mySampler", Sampler.class, Sampler::alwaysOff).run(context -> {
            assertThat(context.getBean(Sampler.class).getDescription()).isEqualTo("RecordingSampler{AlwaysOffSampler}");
            Span span = context.getBean(OpenTelemetry.class).getTracer("test").spanBuilder("kept").startSpan();
            span.end();
            flush(context);
            assertThat(context.getBean(SpanStore.class).getTrace(span.getSpanContext().getTraceId())).hasSize(1);
        });
    }

    @Test
    void rejectsAnUnknownCapture() {
        // Boot's failure analyzer then lists the valid values at startup.
        inTempDir().withPropertyValues("tracestore.capture=some").run(context -> {
            List<String> messages = new ArrayList<>();
            for (Throwable cause = context.getStartupFailure(); cause != null; cause = cause.getCause()) {
                messages.add(cause.getMessage());
            }
            assertThat(messages).anySatisfy(message -> assertThat(message).contains("tracestore.capture"))
                    .last().asString().contains("Capture.some");
        });
    }

    @Test
    void anEmptyExcludeBindsToNoPatterns() {
        inTempDir().withPropertyValues("tracestore.exclude=").run(context ->
                assertThat(context.getBean(TraceStoreProperties.class).getExclude()).isEmpty());
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
    void rejectsNonPositiveMaxAge() {
        assertStartupFails("tracestore.max-age=0s", "maxAge", "must be positive");
    }

    @Test
    void rejectsABlankExcludePattern() {
        assertStartupFails("tracestore.exclude[0]= ", "exclude", "must not contain blank patterns");
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
    void rejectsAMaxFileSizeBelowOneKilobyte() {
        assertStartupFails("tracestore.max-file-size=1000B", "maxFileSize", "must be at least 1KB");
    }

    @Test
    void rejectsMaxFilesBelowOne() {
        assertStartupFails("tracestore.max-files=0", "maxFiles", "must be at least 1");
    }

    @Test
    void rejectsNonPositiveMaxFileAge() {
        assertStartupFails("tracestore.max-file-age=-1h", "maxFileAge", "must be positive");
    }

    @Test
    void rejectsAnInvalidDirectory() {
        assertStartupFails("tracestore.directory=spa" + (char) 0 + "ns", "directory", "is not a valid path");
    }

    @Test
    void rejectsARedactTermThatWouldMaskEverything() {
        assertStartupFails("tracestore.redact=ssn,*", "redact", "would mask every attribute");
    }

    @Test
    void rejectsAttributeLimitsBelowTheirMinimum() {
        assertStartupFails("tracestore.max-attribute-length=0", "maxAttributeLength", "must be at least 1");
        assertStartupFails("tracestore.max-attributes=-1", "maxAttributes", "must be at least 0");
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
                    flush(context); // spans reach the store through the processor's worker thread

                    assertThat(context.getBean(SpanStore.class).getTrace(span.getSpanContext().getTraceId()))
                            .singleElement()
                            .satisfies(stored -> assertThat(stored.name()).isEqualTo("work"));
                });
    }

    @Test
    void maxAgeEvictsSpansThatEndedLongerAgo() {
        Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2));
        StoredSpan old = StoredSpan.builder().traceId("4bf92f3577b34da6a3ce929d0e0e4736").spanId("00f067aa0ba902b7")
                .name("old").startEpochNanos(epochNanos(twoHoursAgo)).endEpochNanos(epochNanos(twoHoursAgo) + 1)
                .build();
        inTempDir().run(context -> {
            SpanStore store = context.getBean(SpanStore.class);
            store.add(old);
            assertThat(store.findSpans(SpanQuery.builder().build())).hasSize(1);
        });
        inTempDir().withPropertyValues("tracestore.max-age=1h").run(context -> {
            SpanStore store = context.getBean(SpanStore.class);
            store.add(old);
            assertThat(store.findSpans(SpanQuery.builder().build())).isEmpty();
        });
    }

    @Test
    void leavesOutEveryRequestUnderTheManagementBasePathByDefault() {
        withTracing().run(context -> assertThat(storedRoutes(context, "/actuator/traces", "/actuator/traces/{id}",
                "/orders/{id}", "/actuator/health", "/actuator/health/liveness", "/actuator/prometheus",
                "/actuatorish")).containsExactly("/orders/{id}", "/actuatorish"));
    }

    @Test
    void excludingOnlyTheTracesEndpointStoresHealthProbesAgain() {
        withTracing().withPropertyValues("tracestore.exclude=/actuator/traces/**").run(context -> assertThat(
                storedRoutes(context, "/actuator/traces/{id}", "/actuator/health/readiness", "/orders/{id}"))
                .containsExactly("/actuator/health/readiness", "/orders/{id}"));
    }

    @Test
    void followsTheManagementBasePath() {
        withTracing().withPropertyValues("management.endpoints.web.base-path=/manage/",
                "management.endpoints.web.path-mapping.traces=spans").run(context -> assertThat(
                storedRoutes(context, "/manage/spans/{id}", "/manage/health", "/actuator/traces"))
                .containsExactly("/actuator/traces"));
        withTracing().withPropertyValues("management.server.port=9001", "management.server.base-path=/ops")
                .run(context -> assertThat(storedRoutes(context, "/ops/actuator/health", "/actuator/health"))
                        .containsExactly("/actuator/health"));
    }

    @Test
    void endpointsAtTheRootLeaveOutThePolledEndpointsOnly() {
        withTracing().withPropertyValues("management.endpoints.web.base-path=/",
                "management.endpoints.web.path-mapping.traces=spans").run(context -> assertThat(
                storedRoutes(context, "/spans/{id}", "/health/liveness", "/prometheus", "/orders/{id}"))
                .containsExactly("/orders/{id}"));
    }

    @Test
    void anEmptyExcludeStoresEverySpan() {
        withTracing().withPropertyValues("tracestore.exclude=").run(context -> assertThat(
                storedRoutes(context, "/actuator/traces", "/orders/{id}"))
                .containsExactly("/actuator/traces", "/orders/{id}"));
    }

    @Test
    void excludeReplacesTheDefault() {
        withTracing().withPropertyValues("tracestore.exclude=/orders/**, inventory.check").run(context -> {
            assertThat(storedRoutes(context, "/actuator/traces", "/orders/{id}")).containsExactly("/actuator/traces");
            Span span = context.getBean(OpenTelemetry.class).getTracer("test").spanBuilder("inventory.check")
                    .startSpan();
            span.end();
            flush(context);
            assertThat(context.getBean(SpanStore.class).getTrace(span.getSpanContext().getTraceId())).isEmpty();
        });
    }

    @Test
    void redactExtendsTheDefaultsAndMasksBeforeTheStoreAndTheFile() {
        withTracing().withPropertyValues("tracestore.redact=ssn, user.*", "tracestore.max-attribute-length=10")
                .run(context -> {
            Attributes stored = storedAttributes(context);
            assertThat(stored.get(AttributeKey.stringKey("password"))).isEqualTo(Redaction.MASK);
            assertThat(stored.get(AttributeKey.stringKey("customer.ssn"))).isEqualTo(Redaction.MASK);
            assertThat(stored.get(AttributeKey.stringKey("user.email"))).isEqualTo(Redaction.MASK);
            assertThat(stored.get(AttributeKey.stringKey("plan"))).isEqualTo("0123456789...[truncated 5 chars]");
            context.close();
            assertThat(Files.readString(directory.resolve("spans.jsonl")))
                    .contains("customer.ssn").doesNotContain("hunter2", "078-05-1120", "alice@", "ABCDE");
        });
    }

    @Test
    void redactDefaultsFalseMasksOnlyTheGivenKeys() {
        withTracing().withPropertyValues("tracestore.redact-defaults=false", "tracestore.redact=ssn").run(context -> {
            Attributes stored = storedAttributes(context);
            assertThat(stored.get(AttributeKey.stringKey("password"))).isEqualTo("hunter2");
            assertThat(stored.get(AttributeKey.stringKey("customer.ssn"))).isEqualTo(Redaction.MASK);
        });
        withTracing().withPropertyValues("tracestore.redact-defaults=false").run(context ->
                assertThat(storedAttributes(context).get(AttributeKey.stringKey("password"))).isEqualTo("hunter2"));
    }

    /** Ends one span with a password, an SSN, an e-mail and a 15-character plan, and answers what was stored. */
    private static Attributes storedAttributes(ApplicationContext context) {
        Span span = context.getBean(OpenTelemetry.class).getTracer("test").spanBuilder("signup").startSpan();
        span.setAttribute("password", "hunter2");
        span.setAttribute("customer.ssn", "078-05-1120");
        span.setAttribute("user.email", "alice@example.com");
        span.setAttribute("plan", "0123456789ABCDE");
        span.end();
        flush(context);
        return context.getBean(SpanStore.class).getTrace(span.getSpanContext().getTraceId()).get(0).attributes();
    }

    private ApplicationContextRunner withTracing() {
        return inTempDir().withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
                        OpenTelemetryTracingAutoConfiguration.class))
                .withPropertyValues("management.tracing.sampling.probability=1.0");
    }

    /** Ends one server span per route and answers the routes of those that were stored, in the given order. */
    private static List<String> storedRoutes(ApplicationContext context, String... routes) {
        Tracer tracer = context.getBean(OpenTelemetry.class).getTracer("test");
        SpanStore store = context.getBean(SpanStore.class);
        List<String> traceIds = new ArrayList<>();
        for (String route : routes) {
            Span span = tracer.spanBuilder("GET " + route).setSpanKind(SpanKind.SERVER)
                    .setAttribute("http.route", route).startSpan();
            span.end();
            traceIds.add(span.getSpanContext().getTraceId());
        }
        flush(context);
        List<String> stored = new ArrayList<>();
        for (int i = 0; i < routes.length; i++) {
            if (!store.getTrace(traceIds.get(i)).isEmpty()) {
                stored.add(routes[i]);
            }
        }
        return stored;
    }

    /** Waits until the processor's worker has stored every span ended so far. */
    private static void flush(ApplicationContext context) {
        assertThat(context.getBean(FileBasedSpanProcessor.class).forceFlush().join(10, TimeUnit.SECONDS).isSuccess())
                .isTrue();
    }

    private static long epochNanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
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
