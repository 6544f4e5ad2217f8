package dev.tracestore.core.testing;

import java.util.function.LongConsumer;

/**
 * Runs a randomized check once per seed: a number of consecutive seeds from {@link System#nanoTime()}, or only
 * {@code -Dseed=N} when given. A failure names its seed and how to rerun it; the seeds that passed are printed.
 *
 * <pre>{@code
 * @Test
 * void indexedQueriesEqualBruteForce() {
 *     Seeds.check("RandomizedQueryTest", 60, this::runOneSeed);
 * }
 * }</pre>
 */
public final class Seeds {

    private Seeds() {
    }

    /**
     * @param test what to name in the line of seeds printed
     * @param seeds how many seeds to check without {@code -Dseed}
     * @param check one check of one seed, failing with an {@link AssertionError} or a runtime exception
     */
    public static void check(String test, int seeds, LongConsumer check) {
        Long given = Long.getLong("seed");
        long firstSeed = given != null ? given : System.nanoTime();
        int count = given != null ? 1 : seeds;
        for (int i = 0; i < count; i++) {
            long seed = firstSeed + i;
            try {
                check.accept(seed);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("failed with seed " + seed + " (rerun with -Dseed=" + seed + ")", e);
            }
        }
        System.out.println(test + " passed seeds " + firstSeed + ".." + (firstSeed + count - 1));
    }
}
