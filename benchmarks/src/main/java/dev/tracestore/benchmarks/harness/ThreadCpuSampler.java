package dev.tracestore.benchmarks.harness;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The CPU time of each thread of the process while it runs, by thread name, so that a reload's figure can say what
 * its one storing thread cost apart from the decoders: on two cores the storing thread's CPU is the least wall time a
 * reload can take, whatever the load on the machine. Threads that end are sampled every {@value #EVERY_MILLIS} ms, so
 * up to that much of their last CPU time is missed.
 *
 * <pre>{@code
 * ThreadCpuSampler sampler = ThreadCpuSampler.start();
 * reload();
 * Map<String, Double> secondsByName = sampler.stop();   // "trace-store-reload" -> 4.2, ...
 * }</pre>
 */
final class ThreadCpuSampler {

    private static final long EVERY_MILLIS = 20;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> startNanos = new HashMap<>();
    private final Map<Long, Long> lastNanos = new HashMap<>();
    private final Map<Long, String> names = new HashMap<>();
    private final Thread sampler;
    private volatile boolean running = true;

    private ThreadCpuSampler() {
        sample(true);
        sampler = new Thread(this::run, "thread-cpu-sampler");
        sampler.setDaemon(true);
    }

    static ThreadCpuSampler start() {
        ThreadCpuSampler tally = new ThreadCpuSampler();
        tally.sampler.start();
        return tally;
    }

    private void run() {
        while (running) {
            sample(false);
            try {
                Thread.sleep(EVERY_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void sample(boolean first) {
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(info.getThreadId());
            if (cpu < 0) {
                continue;
            }
            if (first) {
                startNanos.put(info.getThreadId(), cpu);
            }
            lastNanos.put(info.getThreadId(), cpu);
            names.put(info.getThreadId(), info.getThreadName());
        }
    }

    /** @return CPU seconds spent since {@link #start} by the threads of each name (threads of one name summed) */
    Map<String, Double> stop() throws InterruptedException {
        running = false;
        sampler.join();
        sample(false);
        Map<String, Double> seconds = new TreeMap<>();
        synchronized (this) {
            lastNanos.forEach((id, nanos) -> seconds.merge(names.get(id),
                    (nanos - startNanos.getOrDefault(id, 0L)) / 1e9, Double::sum));
        }
        return seconds;
    }
}
