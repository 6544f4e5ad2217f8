package dev.tracestore.benchmarks.harness;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs one harness scenario in this JVM; {@link HarnessRunner} starts a fresh JVM with this main class for each.
 *
 * <pre>{@code
 * java -Xmx8g -cp benchmarks/target/benchmarks.jar dev.tracestore.benchmarks.harness.Harness heap ours 1000000
 * }</pre>
 */
public final class Harness {

    private static final Map<String, Supplier<Scenario>> SCENARIOS = Map.ofEntries(
            Map.entry("heap", HeapScenario::new),
            Map.entry("churn", ChurnHeapScenario::new),
            Map.entry("query", QueryLatencyScenario::new),
            Map.entry("traceql", TraceQlLatencyScenario::new),
            Map.entry("red", RedScenario::new),
            Map.entry("persist", PersistScenario::new),
            Map.entry("persist-compare", PersistComparisonScenario::new),
            Map.entry("reload", ReloadScenario::new),
            Map.entry("startup", StartupScenario::new),
            Map.entry("wakeups", WakeUpScenario::new),
            Map.entry("requests", RequestSpansScenario::new));

    private Harness() {
    }

    /**
     * @param args the scenario name ({@code heap}, {@code churn}, {@code query}, {@code traceql}, {@code red},
     *     {@code persist}, {@code persist-compare}, {@code reload}, {@code startup}, {@code wakeups}) and its arguments
     * @throws Exception when the scenario fails
     */
    public static void main(String[] args) throws Exception {
        Supplier<Scenario> scenario = args.length == 0 ? null : SCENARIOS.get(args[0]);
        if (scenario == null) {
            System.err.println("usage: Harness " + SCENARIOS.keySet() + " ARGS...");
            System.exit(2);
        }
        scenario.get().run(Arrays.copyOfRange(args, 1, args.length), new Results());
    }
}
