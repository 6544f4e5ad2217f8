package dev.tracestore.core.analysis;

import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.Failures;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Counts the error types of failed spans: spans, distinct traces, first and last seen, the latest as example. */
final class ExceptionTally {

    /** The most distinct error types counted; error types are few in a healthy app, so more means misuse. */
    static final int MAX_TYPES = 1_000;

    private final Map<String, Seen> byType = new HashMap<>();
    private boolean full;

    /** @param span a failed span */
    void add(StoredSpan span) {
        for (String type : Failures.distinctErrorTypes(span)) {
            Seen seen = byType.get(type);
            if (seen == null) {
                if (byType.size() >= MAX_TYPES) {
                    full = true;
                    continue;
                }
                seen = new Seen();
                byType.put(type, seen);
            }
            seen.add(span);
        }
    }

    /** @return why types were not counted, or {@code null} */
    String truncatedReason() {
        return full ? "more than " + MAX_TYPES + " distinct error types; narrow the filters" : null;
    }

    /** @return the types, most spans first (ties by type) */
    List<ExceptionSeen> seen() {
        List<ExceptionSeen> seen = new ArrayList<>(byType.size());
        byType.forEach((type, tally) -> seen.add(new ExceptionSeen(type, tally.spans, tally.traces.size(),
                AnalysisWindow.instant(tally.first), AnalysisWindow.instant(tally.last), tally.example.traceId(),
                tally.example.serviceName(), tally.example.name())));
        seen.sort(Comparator.comparingLong(ExceptionSeen::spans).reversed().thenComparing(ExceptionSeen::type));
        return seen;
    }

    private static final class Seen {
        long spans;
        final Set<String> traces = new HashSet<>();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        StoredSpan example;

        void add(StoredSpan span) {
            spans++;
            traces.add(span.traceId());
            first = Math.min(first, span.startEpochNanos());
            if (example == null || span.startEpochNanos() > last
                    || (span.startEpochNanos() == last && span.traceId().compareTo(example.traceId()) < 0)) {
                example = span;
            }
            last = Math.max(last, span.startEpochNanos());
        }
    }
}
