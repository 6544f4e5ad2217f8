package dev.tracestore.core.log;

import java.time.Duration;

/**
 * When to try a failed span file again: {@value #FIRST_MILLIS} ms after the first failure, twice as long after every
 * further failure in a row, at most every {@value #LAST_MILLIS} ms while the fault lasts. Not thread-safe; the writer
 * guards it.
 */
final class RetryBackoff {

    private static final long FIRST_MILLIS = 250;
    private static final long LAST_MILLIS = 5_000;

    /** The pause after the first failure. */
    static final Duration FIRST = Duration.ofMillis(FIRST_MILLIS);
    /** The longest pause, also the pause between attempts to take a directory another writer holds. */
    static final Duration LAST = Duration.ofMillis(LAST_MILLIS);

    private int consecutiveFailures;
    private long retryAtMillis;

    /** @return whether the next attempt may be made at {@code nowMillis} */
    boolean due(long nowMillis) {
        return nowMillis >= retryAtMillis;
    }

    /** Records a failure at {@code nowMillis}: the next attempt waits longer than the last. */
    void failed(long nowMillis) {
        retryAtMillis = nowMillis + Math.min(LAST_MILLIS, FIRST_MILLIS << Math.min(consecutiveFailures, 16));
        consecutiveFailures++;
    }

    /** Records that the directory is held by another writer: the next attempt in {@link #LAST}. */
    void standBy(long nowMillis) {
        retryAtMillis = nowMillis + LAST_MILLIS;
    }

    /** Records a success: the next failure waits {@link #FIRST} again. */
    void succeeded() {
        consecutiveFailures = 0;
    }
}
