package dev.tracestore.core.store;

import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.FailureRules;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;

import java.util.List;

/**
 * The spans of one trace as {@link SpanStore#readTrace} hands them over, by index {@code 0 .. size() - 1} in no
 * particular order: the fields a query tests read one at a time, a span unpacked into a {@link StoredSpan} only when
 * asked for ({@link #span}). A store's instance may read its packed spans under its read lock: it is valid only
 * during the call that received it, and must not be kept.
 *
 * <pre>{@code
 * long failed = store.readTrace(traceId, trace -> {
 *     long count = 0;
 *     for (int i = 0; i < trace.size(); i++) {
 *         count += "/orders".equals(trace.attribute(i, "http.route")) && trace.failed(i) ? 1 : 0;
 *     }
 *     return count;
 * });
 * }</pre>
 */
public interface TraceSpans {

    /** @return how many spans of the trace are stored */
    int size();

    /** @return the trace ID, 32 lowercase hex characters */
    String traceId();

    /** @return the span ID of span {@code i} as an unsigned long */
    long spanId(int i);

    /** @return the parent's span ID of span {@code i} as an unsigned long, 0 for a root span */
    long parentSpanId(int i);

    /** @return the name of span {@code i} */
    String name(int i);

    /** @return the kind of span {@code i} */
    SpanKind kind(int i);

    /** @return the status of span {@code i} */
    StatusCode status(int i);

    /** @return the status message of span {@code i}, empty when it has none */
    String statusMessage(int i);

    /** @return the start of span {@code i} in nanoseconds since the epoch */
    long startEpochNanos(int i);

    /** @return the duration of span {@code i} in nanoseconds */
    long durationNanos(int i);

    /** @return the resource's {@code service.name} of span {@code i}, "" when it has none */
    String service(int i);

    /** @return the resource of span {@code i} */
    Resource resource(int i);

    /** @return the instrumentation scope of span {@code i} */
    InstrumentationScopeInfo scope(int i);

    /**
     * @param i the span
     * @param name an attribute key
     * @return the span attribute of that name (not the resource's, events' or links'), whatever its type; when the
     *     span has the name with several types, the first of string, long, double, boolean, string array, long
     *     array, double array, boolean array; arrays as lists; {@code null} when the span lacks it
     */
    Object attribute(int i, String name);

    /** @return whether span {@code i} failed by {@link #failureRules()} */
    boolean failed(int i);

    /** @return the rules {@link #failed} applies: the store's */
    FailureRules failureRules();

    /** @return span {@code i}, unpacked: the costliest call (the instance may keep it for the next call) */
    StoredSpan span(int i);

    /**
     * @param spans the spans of one trace, in any order, not empty
     * @param failureRules what {@link #failed} counts as failed
     * @return the spans seen as {@link SpanStore#readTrace} hands them over
     */
    static TraceSpans of(List<StoredSpan> spans, FailureRules failureRules) {
        return new UnpackedTraceSpans(spans, failureRules);
    }
}
