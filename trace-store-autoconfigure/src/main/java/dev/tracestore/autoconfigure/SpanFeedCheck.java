package dev.tracestore.autoconfigure;

import dev.tracestore.core.otel.FileBasedSpanProcessor;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SpanProcessors;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.util.ClassUtils;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tells, with one WARN and in the {@code traceStore} health, when spans do not reach trace-store's processor, with
 * the fix. At startup: the OpenTelemetry Java agent is attached (its spans go to its own SDK), or the application's
 * tracer provider does not hold the processor (a {@code SdkTracerProvider} or {@code SpanProcessors} bean of the
 * application's own replaced Spring Boot's). While running: no span started in the provider while the application
 * served {@link #REQUESTS_BEFORE_CHECK} HTTP requests (tracing off, sampling 0 with {@code capture=sampled}, or a
 * provider it could not see).
 */
final class SpanFeedCheck implements SmartInitializingSingleton {

    /** HTTP requests served before the running check: at sampling 0.1 and capture=sampled, 0.9^100 = 0.003 %. */
    static final int REQUESTS_BEFORE_CHECK = 100;

    private static final Logger logger = LoggerFactory.getLogger(SpanFeedCheck.class);
    private static final String AGENT_CLASS = "io.opentelemetry.javaagent.bootstrap.AgentInitializer";
    private static final String SPAN_PROCESSORS_CLASS =
            "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SpanProcessors";

    private final FileBasedSpanProcessor processor;
    private final SpanArrivals arrivals;
    private final ListableBeanFactory beans;
    private final @Nullable ClassLoader classLoader;
    private final AtomicBoolean warned = new AtomicBoolean();
    private volatile @Nullable String problem;

    /**
     * @param processor trace-store's processor
     * @param arrivals the counter registered beside it
     * @param beans where the application's tracer provider and span processors are looked up
     * @param classLoader the application's, through which the agent's bootstrap classes are visible
     */
    SpanFeedCheck(FileBasedSpanProcessor processor, SpanArrivals arrivals, ListableBeanFactory beans,
            @Nullable ClassLoader classLoader) {
        this.processor = processor;
        this.arrivals = arrivals;
        this.beans = beans;
        this.classLoader = classLoader;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (ClassUtils.isPresent(AGENT_CLASS, classLoader)) {
            report("the OpenTelemetry Java agent is attached: the spans its instrumentation makes go to the agent's "
                    + "own SDK, which trace-store's processor is not part of, so trace-store keeps only spans made "
                    + "through Spring Boot's tracing. Fix: run the application without the agent (Spring Boot's "
                    + "Micrometer Tracing makes the HTTP spans), or set tracestore.enabled=false and use the agent's "
                    + "exporters");
            return;
        }
        if (ClassUtils.isPresent(SPAN_PROCESSORS_CLASS, classLoader) && !BootSpanProcessors.hold(beans, processor)) {
            report("the SpanProcessors bean does not hold trace-store's processor, so Spring Boot's tracer provider "
                    + "never hands it a span. Fix: add the traceStoreSpanProcessor bean to it, e.g. "
                    + "SpanProcessors.of(myProcessor, traceStoreSpanProcessor)");
            return;
        }
        SdkTracerProvider provider = tracerProvider();
        if (provider != null && !provider.toString().contains(processor.toString())) {
            report("the application's SdkTracerProvider does not hold trace-store's processor, so it never gets a "
                    + "span (a SdkTracerProvider bean of your own replaces Spring Boot's, which adds every "
                    + "SpanProcessor bean). Fix: add the traceStoreSpanProcessor bean to it, e.g. "
                    + "SdkTracerProvider.builder().addSpanProcessor(traceStoreSpanProcessor)");
        }
    }

    /** Called once the application has served {@link #REQUESTS_BEFORE_CHECK} HTTP requests. */
    void afterRequests() {
        if (arrivals.count() == 0) {
            report("no span started while the application served " + REQUESTS_BEFORE_CHECK + " HTTP requests. Fix: "
                    + "check that tracing is on (management.tracing.enabled), that sampling is not 0 with "
                    + "tracestore.capture=sampled, and that a tracer provider of your own holds the "
                    + "traceStoreSpanProcessor bean");
        }
    }

    /** @return why spans do not reach trace-store, {@code null} while nothing says so */
    @Nullable String problem() {
        return problem;
    }

    /** @return how many spans started in the provider that feeds trace-store */
    long spansSeen() {
        return arrivals.count();
    }

    // The first finding stays: it names the cause, a later "no spans" is its consequence.
    private void report(String why) {
        if (warned.compareAndSet(false, true)) {
            String found = "Spans do not reach trace-store: " + why + ".";
            problem = found;
            logger.warn(found);
        }
    }

    private @Nullable SdkTracerProvider tracerProvider() {
        SdkTracerProvider provider = beans.getBeanProvider(SdkTracerProvider.class).getIfUnique();
        if (provider != null) {
            return provider;
        }
        return beans.getBeanProvider(OpenTelemetry.class).getIfUnique() instanceof OpenTelemetrySdk sdk
                ? sdk.getSdkTracerProvider() : null;
    }

    /** Apart, so that Spring Boot's tracing types are loaded only when present. */
    private static final class BootSpanProcessors {

        /** @return {@code false} when a {@code SpanProcessors} bean leaves the processor out */
        static boolean hold(ListableBeanFactory beans, FileBasedSpanProcessor processor) {
            SpanProcessors spanProcessors = beans.getBeanProvider(SpanProcessors.class).getIfUnique();
            return spanProcessors == null || spanProcessors.list().contains(processor);
        }
    }
}
