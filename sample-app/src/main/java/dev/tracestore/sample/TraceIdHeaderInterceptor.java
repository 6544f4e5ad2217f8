package dev.tracestore.sample;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Adds an {@code X-Trace-Id} header to every response, failures included, so the trace of any call can be fetched.
 * It runs inside the server observation, whose span is current by then.
 */
@Component
class TraceIdHeaderInterceptor implements HandlerInterceptor {

    static final String HEADER = "X-Trace-Id";

    private final CurrentTraceId currentTraceId;

    TraceIdHeaderInterceptor(CurrentTraceId currentTraceId) {
        this.currentTraceId = currentTraceId;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String traceId = currentTraceId.get();
        if (!traceId.isEmpty()) {
            response.setHeader(HEADER, traceId);
        }
        return true;
    }
}
