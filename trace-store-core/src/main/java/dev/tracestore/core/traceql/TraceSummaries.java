package dev.tracestore.core.traceql;

import dev.tracestore.core.query.FailureRules;
import dev.tracestore.core.query.TraceSummary;
import dev.tracestore.core.store.TraceSpans;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Summarises a trace's stored spans the way trace search does. */
final class TraceSummaries {

    /** Up to this many services a trace's are collected in an array. */
    private static final int FEW = 8;

    private TraceSummaries() {
    }

    static TraceSummary of(TraceView trace, FailureRules failureRules) {
        TraceSpans spans = trace.spans;
        int first = trace.index(trace.root >= 0 ? trace.root : 0);
        // the store's failed flags when it counts by the same rules; unpacking each span otherwise
        boolean storeRules = failureRules == spans.failureRules();
        long start = Long.MAX_VALUE;
        int errors = 0;
        // a trace has a few services, each the same String instance span after span: a small array, then a set
        String[] few = new String[FEW];
        int distinct = 0;
        Set<String> many = null;
        for (int i = 0; i < spans.size(); i++) {
            start = Math.min(start, spans.startEpochNanos(i));
            if (storeRules ? spans.failed(i) : failureRules.isFailure(spans.span(i))) {
                errors++;
            }
            // a span without service.name counts as the service "", as in a trace search's summary
            String service = spans.service(i);
            if (many != null) {
                many.add(service);
            } else if (!contains(few, distinct, service)) {
                if (distinct < FEW) {
                    few[distinct++] = service;
                } else {
                    many = new HashSet<>(Arrays.asList(few));
                    many.add(service);
                }
            }
        }
        List<String> services;
        if (many != null) {
            services = many.stream().sorted().toList();
        } else {
            Arrays.sort(few, 0, distinct);
            services = Arrays.asList(few).subList(0, distinct);
        }
        return new TraceSummary(spans.traceId(), spans.service(first), spans.name(first), start,
                trace.durationNanos, spans.size(), errors, services);
    }

    private static boolean contains(String[] services, int count, String service) {
        for (int i = 0; i < count; i++) {
            if (services[i] == service || services[i].equals(service)) {
                return true;
            }
        }
        return false;
    }
}
