package dev.tracestore.core.json;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Randomized against the reference, {@link Instant#toString()}: the seed is printed. */
class IsoInstantsTest {

    @Test
    void formatsInstantsAsInstantToStringDoes() {
        long seed = System.nanoTime();
        System.out.println("IsoInstantsTest seed " + seed);
        Random random = new Random(seed);
        IsoInstants instants = new IsoInstants();
        long now = 1_735_725_600_123_456_789L;
        List<Long> edges = List.of(0L, -1L, 1L, 999_999_999L, 1_000_000_000L, now - now % 1_000_000_000L,
                now - now % 1_000_000L, now - now % 1_000L, Long.MAX_VALUE, Long.MIN_VALUE,
                Instant.parse("9999-12-31T23:59:59.999999999Z").getEpochSecond() * 1_000_000_000L);
        for (long nanos : edges) {
            assertThat(instants.format(nanos)).as("%d", nanos).isEqualTo(Instant.ofEpochSecond(0, nanos).toString());
        }
        for (int i = 0; i < 100_000; i++) {
            long nanos = switch (i % 4) {
                case 0 -> now + random.nextLong(10_000_000_000L);
                case 1 -> (now / 1_000_000 + random.nextInt(100_000)) * 1_000_000;
                case 2 -> (now / 1_000 + random.nextInt(100_000)) * 1_000;
                default -> random.nextLong();
            };
            assertThat(instants.format(nanos)).as("%d (seed %d)", nanos, seed)
                    .isEqualTo(Instant.ofEpochSecond(0, nanos).toString());
        }
    }
}
