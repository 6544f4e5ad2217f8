package dev.tracestore.core.analysis;

import dev.tracestore.core.model.HexIds;
import dev.tracestore.core.query.SpanQuery;
import dev.tracestore.core.store.QueryDeadline;
import dev.tracestore.core.store.ScanResult;
import dev.tracestore.core.store.ScannedSpan;
import dev.tracestore.core.store.SpanStore;
import io.opentelemetry.api.trace.SpanKind;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Service dependencies from parent and child spans, after Zipkin's {@code DependencyLinker}, for OpenTelemetry's
 * span kinds:
 * <ol>
 * <li>Every server or consumer span (the callee's side of a call) is one call. Its caller is its nearest ancestor
 *     that is not an internal span of the callee's own service: the client or producer span that made the call, or
 *     whatever span of another service is the parent. No link when that ancestor is a server or consumer span of
 *     the same service (nested instrumentation, not a call), or when no ancestor is stored.</li>
 * <li>The call failed when the callee's span failed, or when the caller's span is the client or producer span
 *     directly above it and failed.</li>
 * <li>A client or producer span that no callee span names as its caller calls a service that stores no spans: the
 *     call goes to its {@code peer.service}, else {@code server.address} (Micrometer's {@code client.name}), else
 *     {@code db.system}; without any of these it is not counted.</li>
 * </ol>
 * A parent outside the spans read (it started before the window) is looked up by trace, at most
 * {@value #MAX_TRACE_LOOKUPS} traces per analysis.
 *
 * <pre>{@code
 * DependencyReport report = DependencyAnalysis.run(store, SpanQuery.builder().lookback(Duration.ofHours(1)).build(),
 *         "shop");
 * }</pre>
 */
public final class DependencyAnalysis implements Consumer<ScannedSpan> {

    /** The most traces looked up for parents that started before the window. */
    public static final int MAX_TRACE_LOOKUPS = 1_000;

    private final String service;
    private final CallGraph graph = new CallGraph();
    private final Map<List<Object>, long[]> counts = new LinkedHashMap<>();
    private long spans;

    /** @param service only links from or to this service; {@code null} for all */
    public DependencyAnalysis(String service) {
        this.service = service;
    }

    /**
     * Reads the spans of the window and links them.
     *
     * @param store the store
     * @param window the time window (from, to or look-back); other conditions would hide callers or callees, so
     *     only the window is used
     * @param service only links from or to this service; {@code null} for all
     * @return the links
     */
    public static DependencyReport run(SpanStore store, SpanQuery window, String service) {
        SpanQuery spansOfWindow = SpanQuery.builder().from(window.from().orElse(null)).to(window.to().orElse(null))
                .lookback(window.lookback().orElse(null)).build();
        DependencyAnalysis analysis = new DependencyAnalysis(service);
        QueryDeadline deadline = store.startQuery();
        ScanResult scanned = store.scan(spansOfWindow, deadline, analysis);
        return analysis.report(scanned.truncatedReason(), (traceId, sink) ->
                store.scan(SpanQuery.builder().traceId(traceId).build(), deadline, sink));
    }

    /** @param span a span of the window, valid during the call only */
    @Override
    public void accept(ScannedSpan span) {
        graph.add(span, true);
        spans++;
    }

    /**
     * @param scanTruncatedReason why the spans fed in are incomplete, or {@code null}
     * @param traceLookup hands over the spans of a trace (32 hex digits) for parents not fed in; {@code null} for
     *     none
     * @return the links, most calls first
     */
    public DependencyReport report(String scanTruncatedReason, BiConsumer<String, Consumer<ScannedSpan>> traceLookup) {
        String reason = scanTruncatedReason;
        Set<List<Long>> lookedUp = new HashSet<>();
        List<CallGraph.Node> callees = new ArrayList<>();
        graph.nodes().forEach(node -> {
            if (node.isCallee() && node.read) {
                callees.add(node);
            }
        });
        for (CallGraph.Node callee : callees) {
            CallGraph.Key parentKey = callee.parentKey();
            if (parentKey != null && graph.get(parentKey) == null && traceLookup != null) {
                List<Long> trace = List.of(parentKey.traceHigh(), parentKey.traceLow());
                if (lookedUp.size() < MAX_TRACE_LOOKUPS && lookedUp.add(trace)) {
                    traceLookup.accept(HexIds.toHex(parentKey.traceHigh()) + HexIds.toHex(parentKey.traceLow()),
                            span -> graph.add(span, false));
                } else if (!lookedUp.contains(trace) && reason == null) {
                    reason = "more than " + MAX_TRACE_LOOKUPS + " traces started before the window; calls from "
                            + "their spans are not counted: widen the window";
                }
            }
            link(callee);
        }
        for (CallGraph.Node node : graph.nodes()) {
            if (node.read && node.isCaller() && !node.answered && node.peer != null && !node.peer.equals(node.service)) {
                count(node.service, node.peer, node.failed, true);
            }
        }
        List<DependencyLink> links = new ArrayList<>(counts.size());
        counts.forEach((pair, figures) -> links.add(new DependencyLink((String) pair.get(0), (String) pair.get(1),
                figures[0], figures[1], (Boolean) pair.get(2))));
        links.sort(Comparator.comparingLong(DependencyLink::calls).reversed()
                .thenComparing(DependencyLink::caller).thenComparing(DependencyLink::callee));
        return new DependencyReport(links, spans, reason);
    }

    private void link(CallGraph.Node callee) {
        CallGraph.Node parent = graph.get(callee.parentKey());
        CallGraph.Node caller = parent;
        // internal spans of the callee's own service between it and the call are skipped
        while (caller != null && caller.service.equals(callee.service) && caller.kind == SpanKind.INTERNAL) {
            caller = graph.get(caller.parentKey());
        }
        if (caller == null || (caller.service.equals(callee.service) && caller.isCallee())) {
            return;
        }
        if (caller.isCaller()) {
            caller.answered = true;
        }
        boolean failed = callee.failed || (caller == parent && caller.isCaller() && caller.failed);
        count(caller.service, callee.service, failed, false);
    }

    private void count(String caller, String callee, boolean failed, boolean uninstrumented) {
        if (service != null && !service.equals(caller) && !service.equals(callee)) {
            return;
        }
        long[] figures = counts.computeIfAbsent(List.of(caller, callee, uninstrumented), pair -> new long[2]);
        figures[0]++;
        if (failed) {
            figures[1]++;
        }
    }
}
