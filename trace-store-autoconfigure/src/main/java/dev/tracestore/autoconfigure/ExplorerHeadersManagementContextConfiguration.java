package dev.tracestore.autoconfigure;

import jakarta.servlet.Filter;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.server.WebFilter;

import java.util.function.Supplier;

/**
 * The response headers of the explorer pages, their assets and the rest of the {@code traces} endpoint
 * ({@link ExplorerHeaders}: Content-Security-Policy, caching): a servlet {@link Filter} or a WebFlux {@link WebFilter}
 * in the context that serves the Actuator endpoints, the application's or, with {@code management.server.port}, the
 * management server's, which is why it is a management context configuration and not an auto-configuration. The
 * filters act on the endpoint's own path only ({@code management.endpoints.web.base-path} and any path mapping
 * included), read from Actuator's {@link PathMappedEndpoints} at the first request. Nothing to configure:
 *
 * <pre>{@code
 * curl -sI localhost:8080/actuator/traces -H 'Accept: text/html' | grep -i -e content-security -e cache-control
 * # Content-Security-Policy: default-src 'none'; script-src 'self'; ...; frame-ancestors 'none'
 * # Cache-Control: no-store
 * }</pre>
 */
@ManagementContextConfiguration(value = ManagementContextType.ANY, proxyBeanMethods = false)
public final class ExplorerHeadersManagementContextConfiguration {

    /** Early, so that the answers Spring Security refuses carry the headers too. */
    static final int SERVLET_FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 3;

    static Supplier<@Nullable ExplorerHeaders> headers(ObjectProvider<PathMappedEndpoints> paths,
            ObjectProvider<TracesEndpoint> endpoint) {
        return SingletonSupplier.of(() -> {
            PathMappedEndpoints mapped = paths.getIfAvailable();
            TracesEndpoint traces = endpoint.getIfAvailable();
            String path = mapped != null && traces != null ? mapped.getPath(TracesEndpoint.ID) : null;
            return path != null ? new ExplorerHeaders(path, traces.assetsVersion()) : null;
        });
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = Type.SERVLET)
    @ConditionalOnClass({ Filter.class, FilterRegistrationBean.class })
    static class Servlet {

        @Bean
        @ConditionalOnMissingBean(name = "traceStoreExplorerHeadersFilter")
        FilterRegistrationBean<ExplorerHeadersFilter> traceStoreExplorerHeadersFilter(
                ObjectProvider<PathMappedEndpoints> paths, ObjectProvider<TracesEndpoint> endpoint) {
            FilterRegistrationBean<ExplorerHeadersFilter> registration = new FilterRegistrationBean<>(
                    new ExplorerHeadersFilter(headers(paths, endpoint)));
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
        @ConditionalOnMissingBean(name = "traceStoreExplorerHeadersWebFilter")
        ExplorerHeadersWebFilter traceStoreExplorerHeadersWebFilter(ObjectProvider<PathMappedEndpoints> paths,
                ObjectProvider<TracesEndpoint> endpoint) {
            return new ExplorerHeadersWebFilter(headers(paths, endpoint));
        }
    }
}
