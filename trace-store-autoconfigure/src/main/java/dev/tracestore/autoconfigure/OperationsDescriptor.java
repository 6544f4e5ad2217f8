package dev.tracestore.autoconfigure;

import dev.tracestore.core.analysis.OperationRed;
import dev.tracestore.core.analysis.RedFigures;
import dev.tracestore.core.analysis.RedReport;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer of {@code /actuator/traces/analysis/operations}: RED per operation, busiest first.
 *
 * <pre>{@code
 * {"from": "2026-01-05T10:00:00Z", "to": "2026-01-05T11:00:00Z", "bucket": "PT1M",
 *  "groupBy": ["service.name", "span.name"], "spans": 1234,
 *  "operations": [{"group": {"service.name": "shop", "span.name": "GET /orders/{id}"},
 *                  "total": {"count": 1200, "ratePerSecond": 0.33, "errors": 12, "errorRate": 0.01,
 *                            "p50Nanos": 1800000, "p90Nanos": ..., "p95Nanos": ..., "p99Nanos": ..., "maxNanos": ...},
 *                  "buckets": [{"start": "2026-01-05T10:00:00Z", "figures": {...}}]}],
 *  "partial": false, "reloading": false}
 * }</pre>
 *
 * @param from the window's start, or {@code null} when no span was counted and none was given
 * @param to the window's end, or {@code null}
 * @param bucket the bucket width (ISO-8601), or {@code null}
 * @param groupBy the group-by keys
 * @param spans how many spans were counted
 * @param operations the groups, busiest first
 * @param partial whether spans that match were not counted
 * @param partialReason why, and how to narrow the analysis; {@code null} when complete
 * @param reloading {@code true} while the span files are read back after a start
 */
public record OperationsDescriptor(@Nullable String from, @Nullable String to, @Nullable String bucket,
        List<String> groupBy, long spans, List<Operation> operations, boolean partial, @Nullable String partialReason,
        boolean reloading) implements OperationResponseBody {

    /**
     * One group's figures.
     *
     * @param group the group-by key to the group's value ({@code null} where the spans have none)
     * @param total the figures over the window
     * @param buckets the figures per bucket with spans, oldest first
     */
    public record Operation(Map<String, @Nullable String> group, RedFigures total, List<Bucket> buckets) {
    }

    /**
     * One bucket of an operation.
     *
     * @param start the bucket's start
     * @param figures the figures of the spans that started in it
     */
    public record Bucket(String start, RedFigures figures) {
    }

    static OperationsDescriptor of(RedReport report, boolean reloading) {
        return new OperationsDescriptor(text(report.from()), text(report.to()), text(report.bucket()),
                report.groupBy(), report.spans(), operations(report.groupBy(), report.operations()), report.partial(),
                report.truncatedReason(), reloading);
    }

    static List<Operation> operations(List<String> groupBy, List<OperationRed> operations) {
        return operations.stream().map(operation -> {
            Map<String, @Nullable String> group = new LinkedHashMap<>();
            for (int i = 0; i < groupBy.size(); i++) {
                group.put(groupBy.get(i), operation.group().get(i));
            }
            return new Operation(group, operation.total(), operation.buckets().stream()
                    .map(bucket -> new Bucket(bucket.start().toString(), bucket.figures())).toList());
        }).toList();
    }

    static @Nullable String text(@Nullable Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static @Nullable String text(@Nullable Duration duration) {
        return duration == null ? null : duration.toString();
    }
}
