package dev.tracestore.benchmarks.harness;

import java.util.Locale;

/**
 * Reports the figures one harness scenario measured as {@code RESULT key=value} lines on standard output, where
 * the {@link HarnessRunner} picks them out. Each is printed at once, so a scenario that dies later still leaves
 * what it had measured.
 *
 * <pre>{@code
 * results.put("bytesPerSpan", 412.7);   // RESULT bytesPerSpan=412.700
 * }</pre>
 */
final class Results {

    static final String PREFIX = "RESULT ";

    void put(String key, double value) {
        System.out.println(PREFIX + key + "=" + String.format(Locale.ROOT, "%.3f", value));
    }
}
