package dev.tracestore.benchmarks.harness;

/**
 * One measurement that runs alone in a fresh JVM: heap, query latency, persisted throughput or reload.
 *
 * <pre>{@code
 * Scenario heap = new HeapScenario();
 * heap.run(new String[] {"ours", "100000"}, results);
 * }</pre>
 */
interface Scenario {

    /**
     * @param args the scenario's own arguments
     * @param results where to put what was measured
     * @throws Exception any failure ends the scenario's JVM with a stack trace
     */
    void run(String[] args, Results results) throws Exception;
}
