package dev.tracestore.benchmarks.jmh;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * The CPU time of the benchmark thread per operation, printed after every iteration ({@code cpu: 812.4 ns/op}):
 * on a machine shared with other work, the wall-clock score of JMH counts the time the thread waited for a CPU,
 * this does not. A benchmark takes it as a parameter and calls {@link #count(int)} with the operations done.
 *
 * <pre>{@code
 * @Benchmark
 * public int encode(CpuPerOperation cpu) {
 *     cpu.count(512);
 *     return encodeBatch();
 * }
 * }</pre>
 */
@State(Scope.Thread)
public class CpuPerOperation {

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long operations;
    private long startCpu;

    /** @param done operations done by this call */
    public void count(int done) {
        operations += done;
    }

    @Setup(Level.Iteration)
    public void start() {
        operations = 0;
        startCpu = threads.getCurrentThreadCpuTime();
    }

    @TearDown(Level.Iteration)
    public void report() {
        long cpu = threads.getCurrentThreadCpuTime() - startCpu;
        System.out.printf(Locale.ROOT, "cpu: %.1f ns/op%n", operations == 0 ? 0.0 : cpu / (double) operations);
    }
}
