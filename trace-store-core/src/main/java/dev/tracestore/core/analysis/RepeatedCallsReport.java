package dev.tracestore.core.analysis;

import java.util.List;

/**
 * Repeated calls across traces, per endpoint (see {@link RepeatedCallsByEndpoint}).
 *
 * <pre>{@code
 * RepeatedCallsReport report = RepeatedCallsByEndpoint.analyse(store, query, detector, store.startQuery());
 * if (report.partial()) {
 *     System.out.println("stopped early: " + report.truncatedReason());
 * }
 * }</pre>
 *
 * @param endpoints the endpoints with at least one trace with repeats, most such traces first
 * @param tracesExamined how many traces were analysed
 * @param truncatedReason why fewer traces than asked for were examined, or {@code null}
 */
public record RepeatedCallsReport(List<EndpointRepeats> endpoints, int tracesExamined, String truncatedReason) {

    /** Makes the list immutable. */
    public RepeatedCallsReport {
        endpoints = List.copyOf(endpoints);
    }

    /** @return whether the search or the analysis stopped early */
    public boolean partial() {
        return truncatedReason != null;
    }
}
