package dev.tracestore.core.traceql;

import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.FailureRules;
import dev.tracestore.core.query.TraceSummary;

import java.util.List;
import java.util.TreeSet;

/** Summarises a trace's stored spans the way trace search does. */
final class TraceSummaries {

    private TraceSummaries() {
    }

    static TraceSummary of(TraceView trace, FailureRules failureRules) {
        List<StoredSpan> spans = trace.spans;
        StoredSpan first = trace.root != null ? trace.root : spans.get(0);
        long start = Long.MAX_VALUE;
        int errors = 0;
        TreeSet<String> services = new TreeSet<>();
        for (StoredSpan span : spans) {
            start = Math.min(start, span.startEpochNanos());
            if (failureRules.isFailure(span)) {
                errors++;
            }
            if (!span.serviceName().isEmpty()) {
                services.add(span.serviceName());
            }
        }
        return new TraceSummary(first.traceId(), first.serviceName(), first.name(), start, trace.durationNanos,
                spans.size(), errors, List.copyOf(services));
    }
}
