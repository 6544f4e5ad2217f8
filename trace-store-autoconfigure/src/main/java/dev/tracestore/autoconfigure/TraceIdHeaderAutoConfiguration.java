package dev.tracestore.autoconfigure;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.server.WebFilter;

/**
 * With {@code tracestore.trace-id-header.enabled=true}, every HTTP response carries the trace ID of its request in
 * the header {@code tracestore.trace-id-header.name} ({@code X-Trace-Id} by default): a servlet {@link Filter} in
 * a servlet application, a {@link WebFilter} in a WebFlux one. The servlet filter runs right after Boot's HTTP
 * server observation filter (which starts the span) and before Spring Security, so 401 and 403 answers carry it
 * too.
 *
 * <pre>{@code
 * tracestore:
 *   trace-id-header:
 *     enabled: true
 * }</pre>
 */
@AutoConfiguration(after = TraceStoreAutoConfiguration.class)
@ConditionalOnBean(TraceStoreProperties.class)
@ConditionalOnProperty(prefix = "tracestore.trace-id-header", name = "enabled", havingValue = "true")
public final class TraceIdHeaderAutoConfiguration {

    /** Boot's {@code ServerHttpObservationFilter} runs at {@code HIGHEST_PRECEDENCE + 1}: ours after it. */
    static final int SERVLET_FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 2;

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = Type.SERVLET)
    @ConditionalOnClass({ Filter.class, FilterRegistrationBean.class })
    static class Servlet {

        @Bean
        @ConditionalOnMissingBean(name = "traceStoreTraceIdHeaderFilter")
        FilterRegistrationBean<TraceIdHeaderFilter> traceStoreTraceIdHeaderFilter(TraceStoreProperties properties) {
            FilterRegistrationBean<TraceIdHeaderFilter> registration = new FilterRegistrationBean<>(
                    new TraceIdHeaderFilter(properties.getTraceIdHeader().getName()));
            registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
            registration.setOrder(SERVLET_FILTER_ORDER);
            return registration;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = Type.REACTIVE)
    @ConditionalOnClass(WebFilter.class)
    static class Reactive {

        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE)
        @ConditionalOnMissingBean(name = "traceStoreTraceIdHeaderWebFilter")
        TraceIdHeaderWebFilter traceStoreTraceIdHeaderWebFilter(TraceStoreProperties properties) {
            return new TraceIdHeaderWebFilter(properties.getTraceIdHeader().getName());
        }
    }
}
