package dev.tracestore.core.analysis;

import java.util.Collections;
import java.util.List;

/**
 * The RED figures of one group of spans (by default one operation: a service and a span name), over the whole
 * window and per bucket.
 *
 * <pre>{@code
 * OperationRed checkout = report.operations().get(0);
 * String service = checkout.group().get(0); // with the default group-by: service, then span name
 * long p95 = checkout.total().p95Nanos();
 * }</pre>
 *
 * @param group the group's values, one per group-by key in the report's order; {@code null} where the span has no
 *     such attribute
 * @param total the figures over the whole window
 * @param buckets the figures per bucket, oldest first, only buckets with spans; empty without buckets
 */
public record OperationRed(List<String> group, RedFigures total, List<RedBucket> buckets) {

    /** Makes the lists immutable; the group may hold {@code null}s. */
    public OperationRed {
        group = Collections.unmodifiableList(group);
        buckets = List.copyOf(buckets);
    }
}
