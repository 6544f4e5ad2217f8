package dev.tracestore.autoconfigure;

import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Sets the trace ID header ({@code tracestore.trace-id-header}) on every WebFlux response just before it is
 * committed, so that responses written by error handlers, after headers were cleared, carry it too.
 */
final class TraceIdHeaderWebFilter implements WebFilter {

    private final String header;

    TraceIdHeaderWebFilter(String header) {
        this.header = header;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        // Taken now as a fallback: a span current on this thread is not current on the one that commits.
        String current = CurrentTraceId.ofCurrentSpan();
        exchange.getResponse().beforeCommit(() -> {
            String traceId = CurrentTraceId.ofObservation(
                    ServerRequestObservationContext.findCurrent(exchange.getAttributes()).orElse(null));
            if (traceId == null) {
                traceId = current;
            }
            if (traceId != null) {
                exchange.getResponse().getHeaders().set(header, traceId);
            }
            return Mono.empty();
        });
        return chain.filter(exchange);
    }
}
