package dev.tracestore.core.store;

import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.FailureRules;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;

/**
 * One span as a {@link SpanStore#scan scan} hands it over: the fixed fields read without unpacking the span, the
 * attributes and the whole span unpacked only when asked for. A store's instance is reused for the next span: it is
 * valid only during the call that received it, and must not be kept.
 *
 * <pre>{@code
 * long[] failed = {0};
 * store.scan(SpanQuery.builder().service("shop").build(), store.startQuery(), span -> {
 *     if (span.failed()) {
 *         failed[0]++;
 *     }
 * });
 * }</pre>
 */
public interface ScannedSpan {

    /** @return the first 16 hex digits of the trace ID, as an unsigned long */
    long traceIdHigh();

    /** @return the last 16 hex digits of the trace ID, as an unsigned long */
    long traceIdLow();

    /** @return the span ID as an unsigned long */
    long spanId();

    /** @return the parent's span ID as an unsigned long, 0 for a root span */
    long parentSpanId();

    /** @return the resource's {@code service.name}, "" when it has none */
    String service();

    /** @return the span name */
    String name();

    /** @return the span kind */
    SpanKind kind();

    /** @return the start in nanoseconds since the epoch */
    long startEpochNanos();

    /** @return the duration in nanoseconds */
    long durationNanos();

    /** @return whether the span failed by the store's {@link FailureRules} */
    boolean failed();

    /** @return the span's attributes (unpacked on first call) */
    Attributes attributes();

    /** @return the resource's attributes */
    Attributes resourceAttributes();

    /** @return the whole span, unpacked: the costliest call */
    StoredSpan span();

    /**
     * @param span a span read from a file or kept elsewhere
     * @param failureRules what counts as failed
     * @return the span seen as a scan sees it
     */
    static ScannedSpan of(StoredSpan span, FailureRules failureRules) {
        return new UnpackedScannedSpan(span, failureRules.isFailure(span));
    }
}
