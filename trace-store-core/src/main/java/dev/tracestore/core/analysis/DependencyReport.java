package dev.tracestore.core.analysis;

import java.util.List;

/**
 * The service dependencies seen in a window: caller to callee links, most calls first.
 *
 * <pre>{@code
 * DependencyReport report = DependencyAnalysis.run(store, SpanQuery.builder().lookback(Duration.ofHours(1)).build(),
 *         null);
 * report.links().forEach(System.out::println);
 * }</pre>
 *
 * @param links the links, most calls first (ties by caller, then callee)
 * @param spans how many spans were read
 * @param truncatedReason why spans that match were not read, or {@code null}
 */
public record DependencyReport(List<DependencyLink> links, long spans, String truncatedReason) {

    /** Makes the list immutable. */
    public DependencyReport {
        links = List.copyOf(links);
    }

    /** @return {@code true} when the links may miss calls (see {@link #truncatedReason()}) */
    public boolean partial() {
        return truncatedReason != null;
    }
}
