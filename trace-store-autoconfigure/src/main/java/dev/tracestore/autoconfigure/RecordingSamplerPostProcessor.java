package dev.tracestore.autoconfigure;

import dev.tracestore.core.otel.RecordingSampler;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Wraps every {@link Sampler} bean (Spring Boot's, built from {@code management.tracing.sampling.probability}, or
 * the application's own) in a {@link RecordingSampler}, so that the spans it drops are still recorded for the
 * store while exporters and downstream services see the same sampling as before.
 */
final class RecordingSamplerPostProcessor implements BeanPostProcessor {

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        return bean instanceof Sampler sampler ? RecordingSampler.wrap(sampler) : bean;
    }
}
