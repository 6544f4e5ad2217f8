package dev.tracestore.core.traceql;

import dev.tracestore.core.query.FailureRules;
import dev.tracestore.core.query.TraceSummary;
import dev.tracestore.core.store.TraceSpans;

import java.util.List;
import java.util.TreeSet;

/** Summarises a trace's stored spans the way trace search does. */
final class TraceSummaries {

    private TraceSummaries() {
    }

    static TraceSummary of(TraceView trace, FailureRules failureRules) {
        TraceSpans spans = trace.spans;
        int first = trace.index(trace.root >= 0 ? trace.root : 0);
        // the store's failed flags when it counts by the same rules; unpacking each span otherwise
        boolean storeRules = failureRules == spans.failureRules();
        long start = Long.MAX_VALUE;
        int errors = 0;
        TreeSet<String> services = new TreeSet<>();
        for (int i = 0; i < spans.size(); i++) {
            start = Math.min(start, spans.startEpochNanos(i));
            if (storeRules ? spans.failed(i) : failureRules.isFailure(spans.span(i))) {
                errors++;
            }
            String service = spans.service(i);
            if (!service.isEmpty()) {
                services.add(service);
            }
        }
        return new TraceSummary(spans.traceId(), spans.service(first), spans.name(first), start,
                trace.durationNanos, spans.size(), errors, List.copyOf(services));
    }
}
