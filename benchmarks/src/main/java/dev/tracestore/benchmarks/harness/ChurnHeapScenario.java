package dev.tracestore.benchmarks.harness;

import dev.tracestore.benchmarks.workload.Workload;
import dev.tracestore.core.model.SpanEvent;
import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.store.InMemorySpanStore;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.resources.Resource;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Retained heap under adversarial data: a store of {@code MAX_SPANS} is filled once (1x) and then fed nine times
 * as many more spans (10x) of the standard workload, each changed the way that used to make some part of the
 * store grow without bound. Figures: bytes per span slot after 1x and after 10x, and the growth between them
 * (target: within 10 %).
 *
 * <p>Arguments: {@code WORKLOAD MAX_SPANS}, the workload one of {@code standard} (unchanged), {@code ids-in-keys}, {@code unique-event-names},
 * {@code churning-resources}, {@code churning-values}, {@code long-values}.
 *
 * <pre>{@code
 * java -Xmx4g -cp benchmarks.jar dev.tracestore.benchmarks.harness.Harness churn ids-in-keys 100000
 * }</pre>
 */
final class ChurnHeapScenario implements Scenario {

    static final List<String> WORKLOADS = List.of("standard", "ids-in-keys", "unique-event-names", "churning-resources",
            "churning-values", "long-values");

    private static final String LONG_VALUE = "v".repeat(4_096);

    @Override
    public void run(String[] args, Results results) {
        BiFunction<StoredSpan, Long, StoredSpan> change = change(args[0]);
        int maxSpans = Integer.parseInt(args[1]);
        Workload workload = Workload.ofSpans(10 * maxSpans);
        workload.trace(0); // loads the classes and shared constants before the baseline
        long before = HeapScenario.usedAfterGc();
        InMemorySpanStore store = InMemorySpanStore.builder().maxSpans(maxSpans).build();
        long added = 0;
        double afterOnce = 0;
        for (int trace = 0; trace < workload.traceCount(); trace++) {
            for (StoredSpan span : workload.trace(trace)) {
                store.add(change.apply(span, added++));
                if (added == maxSpans) {
                    afterOnce = (HeapScenario.usedAfterGc() - before) / (double) maxSpans;
                    results.put("bytesPerSpan1x", afterOnce);
                }
            }
        }
        double afterTenTimes = (HeapScenario.usedAfterGc() - before) / (double) maxSpans;
        results.put("bytesPerSpan10x", afterTenTimes);
        results.put("growthPercent", 100 * (afterTenTimes - afterOnce) / afterOnce);
        results.put("spansAdded", added);
        java.lang.ref.Reference.reachabilityFence(store);
    }

    private static BiFunction<StoredSpan, Long, StoredSpan> change(String workload) {
        return switch (workload) {
            case "standard" -> (span, n) -> span;
            case "ids-in-keys" -> (span, n) -> copy(span).attributes(span.attributes().toBuilder()
                    .put("order." + n + ".status", "paid").build()).build();
            case "unique-event-names" -> (span, n) -> {
                List<SpanEvent> events = new ArrayList<>(span.events());
                events.add(new SpanEvent("reached checkpoint " + n, span.startEpochNanos(), Attributes.empty()));
                return copy(span).events(events).build();
            };
            // a new process every 100 spans: its own resource, with a key of its own
            case "churning-resources" -> (span, n) -> copy(span).resource(span.resource().merge(Resource.create(
                    Attributes.of(AttributeKey.stringKey("process.pid"), Long.toString(n / 100),
                            AttributeKey.stringKey("process.tag." + n / 100), "x")))).build();
            // a few-valued key whose values change every 8 spans
            case "churning-values" -> (span, n) -> copy(span).attributes(span.attributes().toBuilder()
                    .put("deployment.state", "state-" + n / 8).build()).build();
            case "long-values" -> (span, n) -> copy(span).attributes(span.attributes().toBuilder()
                    .put("payload", n + LONG_VALUE).build()).build();
            default -> throw new IllegalArgumentException("unknown churn workload " + workload + ", one of "
                    + WORKLOADS);
        };
    }

    private static StoredSpan.Builder copy(StoredSpan span) {
        return StoredSpan.builder().traceId(span.traceId()).spanId(span.spanId()).parentSpanId(span.parentSpanId())
                .name(span.name()).kind(span.kind()).startEpochNanos(span.startEpochNanos())
                .endEpochNanos(span.endEpochNanos()).status(span.statusCode(), span.statusMessage())
                .attributes(span.attributes()).events(span.events()).links(span.links()).resource(span.resource())
                .scope(span.scope());
    }
}
