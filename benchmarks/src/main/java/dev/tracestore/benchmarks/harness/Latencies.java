package dev.tracestore.benchmarks.harness;

import java.util.Arrays;

/**
 * Collects latency samples in nanoseconds and reports nearest-rank percentiles in microseconds.
 *
 * <pre>{@code
 * Latencies latencies = new Latencies(200);
 * latencies.add(System.nanoTime() - start);
 * double p99 = latencies.percentileMicros(99);
 * }</pre>
 */
final class Latencies {

    private long[] samples;
    private int count;

    Latencies(int expected) {
        samples = new long[Math.max(1, expected)];
    }

    void add(long nanos) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, count * 2);
        }
        samples[count++] = nanos;
    }

    int count() {
        return count;
    }

    /** @param percentile 0 (exclusive) to 100 @return the nearest-rank percentile, in microseconds */
    double percentileMicros(double percentile) {
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100 * count);
        return sorted[Math.max(0, rank - 1)] / 1000.0;
    }
}
