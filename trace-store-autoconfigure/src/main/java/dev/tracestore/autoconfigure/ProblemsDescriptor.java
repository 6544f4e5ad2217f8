package dev.tracestore.autoconfigure;

import dev.tracestore.core.analysis.ExceptionSeen;
import dev.tracestore.core.analysis.ProblemsReport;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;

import java.util.List;

/**
 * The answer of {@code /actuator/traces/analysis/problems}: the slowest and the most failing operations, and the
 * exceptions seen.
 *
 * <pre>{@code
 * {"from": "...", "to": "...", "groupBy": ["service.name", "span.name"],
 *  "slowest": [{"group": {...}, "total": {...}, "buckets": []}], "failing": [...],
 *  "exceptions": [{"type": "java.net.SocketTimeoutException", "spans": 4, "traces": 2,
 *                  "firstSeen": "...", "lastSeen": "...", "exampleTraceId": "4bf9...",
 *                  "exampleService": "shop", "exampleSpanName": "GET /checkout"}],
 *  "partial": false, "reloading": false}
 * }</pre>
 *
 * @param from the window's start, or {@code null}
 * @param to the window's end, or {@code null}
 * @param groupBy the group-by keys of the operations
 * @param slowest the operations with the highest p95, slowest first
 * @param failing the operations with failed spans, highest error rate first
 * @param exceptions the error types of failed spans, most spans first
 * @param partial whether spans that match were not counted
 * @param partialReason why; {@code null} when complete
 * @param reloading {@code true} while the span files are read back after a start
 */
public record ProblemsDescriptor(@Nullable String from, @Nullable String to, List<String> groupBy,
        List<OperationsDescriptor.Operation> slowest, List<OperationsDescriptor.Operation> failing,
        List<Exception> exceptions, boolean partial, @Nullable String partialReason, boolean reloading)
        implements OperationResponseBody {

    /**
     * One error type seen (see {@link ExceptionSeen}).
     *
     * @param type the error type
     * @param spans how many failed spans record it
     * @param traces in how many traces
     * @param firstSeen the earliest start of those spans
     * @param lastSeen the latest
     * @param exampleTraceId the trace of the latest
     * @param exampleService its service
     * @param exampleSpanName its span name
     */
    public record Exception(String type, long spans, long traces, @Nullable String firstSeen,
            @Nullable String lastSeen, String exampleTraceId, @Nullable String exampleService,
            String exampleSpanName) {
    }

    static ProblemsDescriptor of(ProblemsReport report, boolean reloading) {
        return new ProblemsDescriptor(OperationsDescriptor.text(report.from()), OperationsDescriptor.text(report.to()),
                report.groupBy(), OperationsDescriptor.operations(report.groupBy(), report.slowest()),
                OperationsDescriptor.operations(report.groupBy(), report.failing()),
                report.exceptions().stream().map(seen -> new Exception(seen.type(), seen.spans(), seen.traces(),
                        OperationsDescriptor.text(seen.firstSeen()), OperationsDescriptor.text(seen.lastSeen()),
                        seen.exampleTraceId(), seen.exampleService(), seen.exampleSpanName())).toList(),
                report.partial(), report.truncatedReason(), reloading);
    }
}
