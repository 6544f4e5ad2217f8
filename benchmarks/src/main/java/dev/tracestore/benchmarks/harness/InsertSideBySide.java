package dev.tracestore.benchmarks.harness;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The store insert of two or more builds side by side in one JVM: each benchmarks jar in a class loader of its own,
 * rounds alternating (order reversed every round), the adding thread's CPU time measured. On a machine shared with
 * other work, separate runs of the same code differ by ±30 %; builds measured in one JVM, round after round, see
 * the same load, so their ratio holds (an A/A run of one jar against a copy gave 0.996).
 *
 * <p>Modes: {@code insert <workload|http> <rounds>} adds 100 000 fresh spans per round to a full store of 100 000
 * (every add evicts; {@code jmh.StoreInsertBenchmark}'s loop, per span); {@code fill <spans> <rounds>} fills an
 * empty store of that many spans with {@code addAll} in batches of 512, as a reload does (seconds per fill). Spans
 * are made per batch, outside the measured time.
 *
 * <pre>{@code
 * java -Xmx8g -cp benchmarks/target/benchmarks.jar dev.tracestore.benchmarks.harness.InsertSideBySide \
 *     insert http 10 /tmp/main.jar benchmarks/target/benchmarks.jar
 * }</pre>
 */
public final class InsertSideBySide {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private InsertSideBySide() {
    }

    /** One build's store, driven by reflection through its own class loader. */
    private interface Side {
        /** @return the measured CPU of one round: ns per span ({@code insert}) or seconds ({@code fill}) */
        double round() throws Exception;
    }

    /**
     * @param args the mode and its two arguments, then the jars
     * @throws Exception when a jar lacks the classes
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 5 || !(args[0].equals("insert") || args[0].equals("fill"))) {
            System.err.println("usage: InsertSideBySide insert <workload|http> <rounds> JAR JAR... | "
                    + "fill <spans> <rounds> JAR JAR...");
            System.exit(2);
        }
        int rounds = Integer.parseInt(args[2]);
        List<String> jars = Arrays.asList(args).subList(3, args.length);
        List<Side> sides = new ArrayList<>();
        for (String jar : jars) {
            ClassLoader loader = new URLClassLoader(new URL[] {new File(jar).toURI().toURL()},
                    ClassLoader.getPlatformClassLoader());
            sides.add(args[0].equals("insert") ? insert(loader, args[1]) : fill(loader, Integer.parseInt(args[1])));
        }
        double[][] figures = new double[jars.size()][rounds];
        for (int round = -2; round < rounds; round++) {
            for (int k = 0; k < sides.size(); k++) {
                int side = round % 2 == 0 ? k : sides.size() - 1 - k;
                double figure = sides.get(side).round();
                if (round >= 0) {
                    figures[side][round] = figure;
                }
            }
        }
        String unit = args[0].equals("insert") ? "ns/span" : "s";
        for (int side = 0; side < jars.size(); side++) {
            double[] sorted = figures[side].clone();
            Arrays.sort(sorted);
            double[] ratios = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                ratios[round] = figures[side][round] / figures[0][round];
            }
            Arrays.sort(ratios);
            System.out.printf(Locale.ROOT, "%s %s %s: median %.3f %s, least %.3f; against the first, per round: "
                            + "median %.3f (%.3f-%.3f)%n", args[0], args[1], jars.get(side), sorted[rounds / 2], unit,
                    sorted[0], ratios[rounds / 2], ratios[0], ratios[rounds - 1]);
        }
    }

    private static Side insert(ClassLoader loader, String shape) throws Exception {
        Class<?> type = loader.loadClass("dev.tracestore.benchmarks.jmh.StoreInsertBenchmark");
        Object benchmark = type.getConstructor().newInstance();
        type.getField("shape").set(benchmark, shape);
        type.getMethod("fill").invoke(benchmark);
        Method makeBatch = type.getMethod("makeBatch");
        Method add = type.getMethod("add");
        Field batch = type.getDeclaredField("BATCH");
        batch.setAccessible(true);
        int batches = 100_000 / batch.getInt(null);
        return () -> {
            long cpu = 0;
            for (int i = 0; i < batches; i++) {
                makeBatch.invoke(benchmark);
                long before = THREADS.getCurrentThreadCpuTime();
                add.invoke(benchmark);
                cpu += THREADS.getCurrentThreadCpuTime() - before;
            }
            return cpu / 100_000.0;
        };
    }

    private static Side fill(ClassLoader loader, int spans) throws Exception {
        Class<?> storeType = loader.loadClass("dev.tracestore.core.store.InMemorySpanStore");
        Class<?> workloadType = loader.loadClass("dev.tracestore.benchmarks.workload.Workload");
        Object workload = workloadType.getMethod("ofSpans", int.class).invoke(null, spans);
        Method trace = workloadType.getMethod("trace", int.class);
        Method addAll = storeType.getMethod("addAll", List.class);
        return () -> {
            Object store = storeType.getConstructor(int.class).newInstance(spans);
            List<Object> batch = new ArrayList<>(512 + 16);
            long cpu = 0;
            int added = 0;
            for (int next = 0; added < spans; ) {
                batch.clear();
                while (batch.size() < 512 && added + batch.size() < spans) {
                    batch.addAll((List<?>) trace.invoke(workload, next++));
                }
                long before = THREADS.getCurrentThreadCpuTime();
                addAll.invoke(store, batch);
                cpu += THREADS.getCurrentThreadCpuTime() - before;
                added += batch.size();
            }
            return cpu / 1e9;
        };
    }
}
