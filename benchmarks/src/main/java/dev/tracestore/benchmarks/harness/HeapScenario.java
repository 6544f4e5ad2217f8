package dev.tracestore.benchmarks.harness;

import dev.tracestore.benchmarks.workload.Stores;
import dev.tracestore.benchmarks.workload.Workload;
import org.openjdk.jol.info.GraphStats;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;

/**
 * Retained heap per stored span: heap used after full GCs with the store filled, minus the same before it was
 * created. Spans are generated trace by trace and held only by the store. With {@code jol}, JOL's object-graph
 * walk gives a second, GC-independent figure; it needs {@code -Djdk.attach.allowAttachSelf=true
 * -Djol.magicFieldOffset=true} (records) and is slow, so keep it for small stores.
 *
 * <p>Arguments: {@code ours|zipkin SPANS [jol]}.
 *
 * <pre>{@code
 * java -Xmx8g -cp benchmarks.jar dev.tracestore.benchmarks.harness.Harness heap zipkin 1000000
 * }</pre>
 */
final class HeapScenario implements Scenario {

    @Override
    public void run(String[] args, Results results) {
        String store = args[0];
        Workload workload = Workload.ofSpans(Integer.parseInt(args[1]));
        workload.trace(0); // loads the classes and shared constants before the baseline
        long before = usedAfterGc();
        Object filled = store.equals("ours") ? Stores.ours(workload) : Stores.zipkin(workload);
        long after = usedAfterGc();
        double spans = workload.spanCount();
        results.put("bytesPerSpan", (after - before) / spans);
        if (args.length > 2 && args[2].equals("jol")) {
            results.put("jolBytesPerSpan", GraphStats.parseInstance(filled).totalSize() / spans);
        }
        Reference.reachabilityFence(filled);
    }

    /** @return heap used after full collections: what live objects take */
    static long usedAfterGc() {
        long used = Long.MAX_VALUE;
        // a few rounds: finalizable and soft-referenced objects can need more than one
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
