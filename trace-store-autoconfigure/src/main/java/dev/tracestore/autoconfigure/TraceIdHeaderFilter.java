package dev.tracestore.autoconfigure;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.ServerHttpObservationFilter;

import java.io.IOException;

/**
 * Sets the trace ID header ({@code tracestore.trace-id-header}) on every servlet response, before the
 * application writes anything, so that errors (Boot's error page included, which runs in a later ERROR dispatch
 * with no span current) carry it too. The trace ID is taken once per request and kept in a request attribute.
 */
final class TraceIdHeaderFilter implements Filter {

    private static final String ATTRIBUTE = TraceIdHeaderFilter.class.getName() + ".traceId";

    private final String header;

    TraceIdHeaderFilter(String header) {
        this.header = header;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse httpResponse) {
            Object traceId = http.getAttribute(ATTRIBUTE);
            if (traceId == null) {
                traceId = CurrentTraceId.ofObservation(
                        ServerHttpObservationFilter.findObservationContext(http).orElse(null));
                if (traceId == null) {
                    traceId = CurrentTraceId.ofCurrentSpan();
                }
                http.setAttribute(ATTRIBUTE, traceId);
            }
            if (traceId != null && !httpResponse.isCommitted()) {
                httpResponse.setHeader(header, traceId.toString());
            }
        }
        chain.doFilter(request, response);
    }
}
