package dev.tracestore.core.model;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HexIdsTest {

    @Test
    void parsesAndFormatsLikeTheJdkForRandomValues() {
        long seed = System.nanoTime();
        System.out.println("HexIdsTest seed " + seed);
        Random random = new Random(seed);
        for (int i = 0; i < 10_000; i++) {
            long value = i < 3 ? new long[] {0, -1, Long.MIN_VALUE}[i] : random.nextLong() >>> random.nextInt(64);
            String reference = String.format("%016x", value);
            assertThat(HexIds.toHex(value)).as("seed %d", seed).isEqualTo(reference);
            String traceId = reference + HexIds.toHex(~value);
            assertThat(HexIds.parseLong(traceId, 0)).as("seed %d", seed).isEqualTo(value);
            assertThat(HexIds.parseLong(traceId.toUpperCase(Locale.ROOT), 16)).isEqualTo(~value);
            assertThat(HexIds.parseLong(traceId, 16)).isEqualTo(Long.parseUnsignedLong(traceId, 16, 32, 16));
        }
    }

    @Test
    void rejectsWhatIsNotSixteenHexDigits() {
        assertThatIllegalArgumentException().isThrownBy(() -> HexIds.parseLong("00f067aa0ba902bg", 0))
                .withMessageContaining("'g' at 15");
        assertThatThrownBy(() -> HexIds.parseLong("00f067aa0ba902b", 0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void readsEveryCharacterAsCharacterDigitDoes() {
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            String id = "000000000000000" + c;
            int digit = Character.digit(c, 16);
            if (digit < 0) {
                assertThatIllegalArgumentException().as("char %d", (int) c).isThrownBy(() -> HexIds.parseLong(id, 0));
            } else {
                assertThat(HexIds.parseLong(id, 0)).as("char %d", (int) c).isEqualTo(digit);
            }
        }
    }
}
