package dev.tracestore.core.otel;

import dev.tracestore.core.testing.Seeds;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verdicts remembered for late-ending children: every span among the last {@code capacity} decided is
 * answered with its latest verdict, whatever the IDs; a remembered verdict is never a stale one; memory stays
 * bounded.
 */
class SpanVerdictsTest {

    @Test
    void answersEveryRecentSpanWithItsLatestVerdictAndNeverAStaleOne() {
        Seeds.check("SpanVerdictsTest", 40, seed -> {
            Random random = new Random(seed);
            int capacity = 1 + random.nextInt(64);
            SpanVerdicts verdicts = new SpanVerdicts(capacity);
            Map<Long, Boolean> latest = new HashMap<>();
            Map<Long, Integer> lastPut = new HashMap<>();
            // a small ID space decides the same span again (a verdict that changes) and makes probes collide
            long idSpace = 1 + random.nextInt(4 * capacity);
            int puts = 0;
            for (int step = 0; step < 4_000; step++) {
                long id = random.nextInt(5) == 0 ? random.nextLong() : 1 + random.nextLong(idSpace);
                if (random.nextInt(3) > 0 && id != 0) {
                    boolean excluded = random.nextBoolean();
                    verdicts.put(id, excluded);
                    latest.put(id, excluded);
                    lastPut.put(id, puts++);
                }
                long asked = random.nextBoolean() ? id : 1 + random.nextLong(idSpace);
                Boolean answer = verdicts.get(asked);
                Integer putAt = lastPut.get(asked);
                if (putAt != null && puts - 1 - putAt < capacity) {
                    assertThat(answer).as("verdict of %s, put %s puts ago", asked, puts - 1 - putAt)
                            .isEqualTo(latest.get(asked));
                } else if (answer != null) {
                    assertThat(answer).as("a remembered verdict of %s is its latest", asked)
                            .isEqualTo(latest.get(asked));
                }
                if (putAt == null) {
                    assertThat(answer).as("never put: %s", asked).isNull();
                }
            }
        });
    }

    @Test
    void forgetsTheOldestOnceTwiceItsCapacityOfOtherSpansWereDecided() {
        SpanVerdicts verdicts = new SpanVerdicts(100);
        for (long id = 1; id <= 201; id++) {
            verdicts.put(id, id % 2 == 0);
        }
        assertThat(verdicts.get(1)).isNull();
        for (long id = 102; id <= 201; id++) {
            assertThat(verdicts.get(id)).isEqualTo(id % 2 == 0);
        }
    }

    @Test
    void theInvalidSpanIdIsNeverRemembered() {
        SpanVerdicts verdicts = new SpanVerdicts(8);
        verdicts.put(0, true);
        assertThat(verdicts.get(0)).isNull();
        verdicts.put(-1L, true);
        verdicts.put(Long.MIN_VALUE, false);
        assertThat(verdicts.get(-1L)).isTrue();
        assertThat(verdicts.get(Long.MIN_VALUE)).isFalse();
    }

}
