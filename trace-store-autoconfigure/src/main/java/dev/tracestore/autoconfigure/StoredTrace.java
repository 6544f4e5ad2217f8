package dev.tracestore.autoconfigure;

import dev.tracestore.core.model.HexIds;
import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.InvalidParameterException;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import java.util.List;
import java.util.function.BiFunction;

/**
 * The whole stored trace named by the first path segment of a per-trace analysis
 * ({@code /actuator/traces/{traceId}/statistics}, {@code /critical-path}, {@code /repeats}): the analyses read every
 * span of the trace, whatever the response limits (their answers are small), and a trace with no stored span is a
 * 404.
 *
 * <pre>{@code
 * return StoredTrace.answer(source, call, (traceId, spans) -> TraceStatisticsDescriptor.of(traceId, spans));
 * }</pre>
 */
final class StoredTrace {

    private StoredTrace() {
    }

    /** @return whether {@code path} is {@code {traceId}/<resource>}, {@code analysis/...} being another route's */
    static boolean isAnalysis(List<String> path, String resource) {
        return path.size() == 2 && path.get(1).equals(resource) && !path.get(0).equals("analysis");
    }

    static WebEndpointResponse<?> answer(TracesSource source, TracesCall call,
            BiFunction<String, List<StoredSpan>, Object> analysis) {
        String traceId = call.path().get(0);
        try {
            HexIds.requireTraceId(traceId, "traceId");
        } catch (IllegalArgumentException ex) {
            throw new InvalidParameterException("traceId", ex.getMessage());
        }
        boolean reloading = source.awaitIngest();
        List<StoredSpan> spans = source.store().getTrace(traceId);
        if (spans.isEmpty()) {
            return TracesErrorDescriptor.notFound("no stored spans for trace " + traceId
                    + (reloading ? " (the span files are being reloaded: try again shortly)" : ""),
                    call.accept().jsonType());
        }
        return new WebEndpointResponse<>(analysis.apply(traceId, spans), WebEndpointResponse.STATUS_OK,
                call.accept().jsonType());
    }
}
