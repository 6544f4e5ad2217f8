package dev.tracestore.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.function.Supplier;

/**
 * Sets the {@link ExplorerHeaders} of the {@code traces} endpoint's paths on WebFlux responses, before the endpoint
 * answers; other paths pass untouched.
 */
final class ExplorerHeadersWebFilter implements WebFilter {

    private final Supplier<@Nullable ExplorerHeaders> headers;

    /** @param headers the headers, {@code null} while the endpoint is not mapped to a web path */
    ExplorerHeadersWebFilter(Supplier<@Nullable ExplorerHeaders> headers) {
        this.headers = headers;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ExplorerHeaders explorer = headers.get();
        if (explorer != null) {
            String path = exchange.getRequest().getPath().pathWithinApplication().value();
            explorer.of(path).forEach(exchange.getResponse().getHeaders()::set);
        }
        return chain.filter(exchange);
    }
}
