package dev.tracestore.autoconfigure;

import io.micrometer.observation.Observation;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import org.jspecify.annotations.Nullable;
import org.springframework.util.ClassUtils;

/**
 * The trace ID of the request being served: that of the span Micrometer Tracing made for Boot's HTTP server
 * observation when there is one (in WebFlux the only way, as no span is current on the thread that commits the
 * response), otherwise that of the OpenTelemetry span current on this thread (the OpenTelemetry Spring Boot
 * starter and agent make it current).
 */
final class CurrentTraceId {

    private static final boolean MICROMETER_TRACING = ClassUtils.isPresent(
            "io.micrometer.tracing.handler.TracingObservationHandler", CurrentTraceId.class.getClassLoader());

    private CurrentTraceId() {
    }

    /**
     * @param observation the HTTP server observation's context, {@code null} when there is none
     * @return the trace ID of the span Micrometer Tracing made for it, 32 lowercase hex characters, or
     *     {@code null} when there is none
     */
    static @Nullable String ofObservation(Observation.@Nullable Context observation) {
        return MICROMETER_TRACING && observation != null ? MicrometerTracing.traceId(observation) : null;
    }

    /** Apart, so that its Micrometer Tracing types are loaded only when that library is present. */
    private static final class MicrometerTracing {

        static @Nullable String traceId(Observation.Context observation) {
            TracingObservationHandler.TracingContext tracing =
                    observation.get(TracingObservationHandler.TracingContext.class);
            if (tracing == null || tracing.getSpan() == null) {
                return null;
            }
            String traceId = tracing.getSpan().context().traceId();
            return isZeros(traceId) ? null : traceId;
        }

        // The empty string too. A loop, not chars().allMatch(...): it runs on every request (the stream was half the
        // trace-ID header filter's time).
        private static boolean isZeros(String traceId) {
            for (int i = 0; i < traceId.length(); i++) {
                if (traceId.charAt(i) != '0') {
                    return false;
                }
            }
            return true;
        }
    }

    /** @return the trace ID of the OpenTelemetry span current on this thread, {@code null} when there is none */
    static @Nullable String ofCurrentSpan() {
        SpanContext current = Span.current().getSpanContext();
        return current.isValid() ? current.getTraceId() : null;
    }
}
