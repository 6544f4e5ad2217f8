package dev.tracestore.core.analysis;

import java.time.Instant;

/**
 * One error type seen on failed spans in a window: how often, when first and last, and where to look.
 *
 * <pre>{@code
 * for (ExceptionSeen seen : problems.exceptions()) {
 *     System.out.println(seen.type() + " x" + seen.spans() + ", last at " + seen.lastSeen() + ", e.g. trace "
 *             + seen.exampleTraceId());
 * }
 * }</pre>
 *
 * @param type the error type as recorded ({@code exception.type} of an exception event, {@code error.type}, or
 *     Micrometer's {@code exception}); a simple name said by a qualified one on the same span counts once
 * @param spans how many failed spans record it
 * @param traces in how many traces
 * @param firstSeen the earliest start of those spans
 * @param lastSeen the latest start of those spans
 * @param exampleTraceId the trace of the latest of them
 * @param exampleService its service
 * @param exampleSpanName its span name
 */
public record ExceptionSeen(String type, long spans, long traces, Instant firstSeen, Instant lastSeen,
        String exampleTraceId, String exampleService, String exampleSpanName) {
}
