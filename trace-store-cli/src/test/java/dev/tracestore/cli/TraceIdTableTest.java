package dev.tracestore.cli;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class TraceIdTableTest {

    @Test
    void numbersTraceIdsInTheOrderTheyCameAndFindsThemAgain() {
        Random random = new Random(3);
        HexFormat hex = HexFormat.of();
        List<String> ids = new ArrayList<>();
        TraceIdTable table = new TraceIdTable();
        for (int i = 0; i < 10_000; i++) {
            String id = hex.toHexDigits(random.nextLong()) + hex.toHexDigits(i == 5 ? 0 : random.nextLong());
            ids.add(id);
            assertThat(table.add(id)).isEqualTo(i);
        }

        assertThat(table.size()).isEqualTo(10_000);
        for (int i = 0; i < ids.size(); i++) {
            assertThat(table.add(ids.get(i))).isEqualTo(i);
            assertThat(table.indexOf(ids.get(i))).isEqualTo(i);
        }
        assertThat(table.size()).isEqualTo(10_000);
        assertThat(table.indexOf("0af7651916cd43dd8448eb211c80319c")).isEqualTo(-1);
    }

    @Test
    void comparesLikeTheTraceIdStrings() {
        TraceIdTable table = new TraceIdTable();
        List<String> ids = List.of("0000000000000000000000000000000f", "0000000000000001000000000000000e",
                "f0000000000000000000000000000000", "8000000000000000ffffffffffffffff", "80000000000000010000000000000000");
        ids.forEach(table::add);

        for (int a = 0; a < ids.size(); a++) {
            for (int b = 0; b < ids.size(); b++) {
                assertThat(Integer.signum(table.compare(a, b))).isEqualTo(Integer.signum(ids.get(a).compareTo(ids.get(b))));
            }
        }
    }
}
