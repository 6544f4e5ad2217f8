package dev.tracestore.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({
            "0, 0 ns",
            "999, 999 ns",
            "1000, 1.0 µs",
            "999949, 999.9 µs",
            "999950, 1.0 ms",
            "120000000, 120.0 ms",
            "999950000, 1.000 s",
            "2350000000, 2.350 s",
            "59999500000, 1m 00s",
            "185000000000, 3m 05s",
            "7800000000000, 2h 10m",
            "180000000000000, 2d 02h"})
    void formatsShortWithAUnit(long nanos, String text) {
        assertThat(Durations.format(nanos)).isEqualTo(text);
    }
}
