package dev.tracestore.autoconfigure;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.util.function.Supplier;

/**
 * Sets the {@link ExplorerHeaders} of the {@code traces} endpoint's paths on servlet responses, before the endpoint
 * writes anything; other paths pass untouched.
 */
final class ExplorerHeadersFilter implements Filter {

    private final Supplier<@Nullable ExplorerHeaders> headers;

    /** @param headers the headers, {@code null} while the endpoint is not mapped to a web path */
    ExplorerHeadersFilter(Supplier<@Nullable ExplorerHeaders> headers) {
        this.headers = headers;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        ExplorerHeaders explorer = headers.get();
        if (explorer != null && request instanceof HttpServletRequest http
                && response instanceof HttpServletResponse httpResponse) {
            String path = http.getRequestURI().substring(http.getContextPath().length());
            explorer.of(path).forEach(httpResponse::setHeader);
        }
        chain.doFilter(request, response);
    }
}
