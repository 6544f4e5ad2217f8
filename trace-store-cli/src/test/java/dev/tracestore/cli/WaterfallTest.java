package dev.tracestore.cli;

import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.api.trace.SpanKind;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Broken data still draws every span once. */
class WaterfallTest {

    @Test
    void spansWhoseParentsFormACycleOrRepeatAnIdAreDrawnOnce() {
        List<StoredSpan> trace = List.of(
                span("000000000000000a", "000000000000000b", 0, 10),
                span("000000000000000b", "000000000000000a", 1, 9),
                span("000000000000000c", "000000000000000c", 2, 8),
                span("000000000000000d", "", 3, 7),
                span("000000000000000d", "", 4, 6),
                span("000000000000000e", "000000000000000d", 5, 6));

        String out = draw(trace, 80);

        // The trace is not in start order here, so the tops come in list order, the cycle last.
        assertThat(out.lines().filter(line -> line.matches("^\\W*s[a-e] .*")).map(line -> line.replaceAll("\\s{2,}.*", "")))
                .containsExactly("sc", "sd", "└─ se", "sd", "sa", "└─ sb");
    }

    @Test
    void givesTheBarTheRoomOfTheMissingStatusColumn() {
        String out = draw(List.of(span("000000000000000a", "", 0, 10)), 60);

        assertThat(out.lines().filter(line -> line.startsWith("sa"))).singleElement()
                .satisfies(line -> assertThat(line).hasSize(60));
    }

    private static String draw(List<StoredSpan> trace, int columns) {
        StringWriter out = new StringWriter();
        new Waterfall(Style.PLAIN, columns, false).print(trace, new PrintWriter(out, true));
        return out.toString();
    }

    private static StoredSpan span(String id, String parent, long startMillis, long endMillis) {
        return TestSpans.span(id, parent, "s" + (char) ('a' + Integer.parseInt(id, 16) - 10), SpanKind.INTERNAL,
                TestSpans.service("shop"), startMillis * 1_000, endMillis * 1_000).build();
    }
}
