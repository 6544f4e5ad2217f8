package dev.tracestore.core.store;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class TraceChainsTest {

    private record Trace(long high, long low) {
    }

    @Test
    void answersLikeAMapUnderRandomLinksAndUnlinks() {
        long seed = System.nanoTime();
        System.out.println("TraceChainsTest seed: " + seed);
        SplittableRandom random = new SplittableRandom(seed);
        // few distinct IDs, some differing only in the low half or only in the high half: long probe runs,
        // many deletions inside them, growing and shrinking tables
        List<Trace> pool = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            pool.add(switch (i % 3) {
                case 0 -> new Trace(random.nextLong(), random.nextLong());
                case 1 -> new Trace(7, i);
                default -> new Trace(i, 7);
            });
        }
        TraceChains chains = new TraceChains();
        Map<Trace, Integer> reference = new HashMap<>();
        for (int step = 0; step < 200_000; step++) {
            Trace trace = pool.get(random.nextInt(phase(step, pool.size())));
            int slot = random.nextInt(1_000);
            if (random.nextInt(3) == 0) {
                Integer previous = reference.put(trace, slot);
                assertThat(chains.link(trace.high(), trace.low(), slot)).as("link at step %d", step)
                        .isEqualTo(previous == null ? -1 : previous);
            } else {
                Integer newest = reference.get(trace);
                int unlinked = random.nextBoolean() && newest != null ? newest : slot;
                if (newest != null && newest == unlinked) {
                    reference.remove(trace);
                }
                chains.unlink(trace.high(), trace.low(), unlinked);
            }
            if (step % 97 == 0) {
                for (Trace each : pool) {
                    assertThat(chains.newest(each.high(), each.low())).as("newest at step %d", step)
                            .isEqualTo(reference.getOrDefault(each, -1));
                }
                assertThat(chains.size()).isEqualTo(reference.size());
            }
        }
    }

    /** Uses the whole pool, then a tenth of it, in turns: the table grows, then shrinks as traces leave. */
    private static int phase(int step, int poolSize) {
        return (step / 20_000) % 2 == 0 ? poolSize : poolSize / 10;
    }

    @Test
    void findsEveryTraceOfAFullStoreAndForgetsThemWithTheirLastSpan() {
        TraceChains chains = new TraceChains();
        for (int i = 0; i < 10_000; i++) {
            assertThat(chains.link(i, -i, 2 * i)).isEqualTo(-1);
            assertThat(chains.link(i, -i, 2 * i + 1)).isEqualTo(2 * i);
        }
        for (int i = 0; i < 10_000; i++) {
            assertThat(chains.newest(i, -i)).isEqualTo(2 * i + 1);
            chains.unlink(i, -i, 2 * i); // not its newest: the trace stays
        }
        assertThat(chains.size()).isEqualTo(10_000);
        for (int i = 0; i < 10_000; i++) {
            chains.unlink(i, -i, 2 * i + 1);
        }
        assertThat(chains.size()).isZero();
        assertThat(chains.newest(3, -3)).isEqualTo(-1);
    }
}
