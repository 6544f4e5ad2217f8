package dev.tracestore.core.analysis;

/**
 * How often one endpoint (the root operation of traces) shows repeated calls, over the traces examined (see
 * {@link RepeatedCallsByEndpoint}).
 *
 * <pre>{@code
 * EndpointRepeats worst = RepeatedCallsByEndpoint.analyse(store, query, detector, store.startQuery()).endpoints().get(0);
 * System.out.println(worst.endpoint() + ": " + worst.tracesWithRepeats() + "/" + worst.tracesExamined());
 * }</pre>
 *
 * @param service the root span's {@code service.name}
 * @param endpoint the root span's name (for example {@code GET /orders/{id}})
 * @param tracesExamined how many of the examined traces have this root operation
 * @param tracesWithRepeats how many of them have at least one run of repeated calls
 * @param runs how many runs were found in them
 * @param calls how many calls those runs hold together
 * @param totalDurationNanos the summed duration of those calls
 * @param topOperation the operation repeated in the most traces of this endpoint (ties: more calls, then name)
 * @param exampleTraceId the trace with the longest run time among those with repeats
 */
public record EndpointRepeats(String service, String endpoint, int tracesExamined, int tracesWithRepeats, int runs,
        long calls, long totalDurationNanos, String topOperation, String exampleTraceId) {
}
