package dev.tracestore.core.store;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class LongCountsTest {

    @Test
    void countsLikeAMapThroughGrowthDeletionAndShrinking() {
        long seed = System.nanoTime();
        System.out.println("LongCountsTest seed " + seed);
        Random random = new Random(seed);
        LongCounts counts = new LongCounts();
        Map<Long, Integer> reference = new HashMap<>();
        for (int phase = 0; phase < 6; phase++) {
            // alternate a wide key range (growth, long probe runs) with a narrow one (deletions down to empty)
            int range = phase % 2 == 0 ? 5_000 : 40;
            for (int step = 0; step < 60_000; step++) {
                long key = phase == 4 ? (long) random.nextInt(range) << 3 : random.nextInt(range);
                if (random.nextInt(100) < (phase % 2 == 0 ? 60 : 35)) {
                    counts.increment(key);
                    reference.merge(key, 1, Integer::sum);
                } else {
                    counts.decrement(key);
                    reference.computeIfPresent(key, (k, count) -> count == 1 ? null : count - 1);
                }
            }
            assertThat(contents(counts)).as("seed %d, phase %d", seed, phase).isEqualTo(reference);
            assertThat(counts.isEmpty()).isEqualTo(reference.isEmpty());
        }
        reference.forEach((key, count) -> {
            for (int i = 0; i < count; i++) {
                counts.decrement(key);
            }
        });
        assertThat(counts.isEmpty()).isTrue();
        assertThat(contents(counts)).isEmpty();
    }

    @Test
    void decrementingAKeyNotCountedChangesNothing() {
        LongCounts counts = new LongCounts();
        counts.increment(7);
        counts.decrement(8);
        counts.decrement(15);
        assertThat(contents(counts)).containsExactly(Map.entry(7L, 1));
    }

    private static Map<Long, Integer> contents(LongCounts counts) {
        Map<Long, Integer> contents = new HashMap<>();
        counts.forEach((key, count) -> assertThat(contents.put(key, count)).isNull());
        return contents;
    }
}
