package dev.tracestore.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Colour on a terminal that wants it; never in a pipe, with NO_COLOR, TERM=dumb or --no-color. */
class ColorTest {

    private static final Terminal COLOR_TERMINAL = new Terminal(true, true, 120);
    private static final String RED = "\u001b[31m";

    @TempDir
    Path directory;

    @BeforeEach
    void writeSpans() {
        TestSpans.write(directory, TestSpans.checkout());
    }

    @Test
    void marksFailuresRedOnAColourTerminal() {
        Cli.Result result = Cli.run(COLOR_TERMINAL, "trace", TestSpans.TRACE_ID, directory.toString());

        assertThat(result.out()).contains(RED + "ERROR", RED + "error: dev.shop.PaymentDeclinedException: card declined",
                "\u001b[36m█");
        assertThat(result.out().replaceAll("\u001b\\[[0-9;]*m", ""))
                .isEqualTo(Cli.run("trace", TestSpans.TRACE_ID, directory.toString()).out());
    }

    @Test
    void colourStaysOutOfTheColumnWidths() {
        String coloured = Cli.run(COLOR_TERMINAL, "failures", directory.toString()).out();
        String plain = Cli.run(new Terminal(true, false, 120), "failures", directory.toString()).out();

        assertThat(coloured).contains(RED);
        assertThat(coloured.replaceAll("\u001b\\[[0-9;]*m", "")).isEqualTo(plain);
    }

    @Test
    void noColorOptionTurnsColourOff() {
        Cli.Result result = Cli.run(COLOR_TERMINAL, "trace", TestSpans.TRACE_ID, "--no-color", directory.toString());

        assertThat(result.out()).doesNotContain("\u001b");
    }

    @Test
    void colourOnlyOnATerminalWithoutNoColorOrDumbTerm() {
        assertThat(Terminal.detect(Map.of(), true).color()).isTrue();
        assertThat(Terminal.detect(Map.of(), false).color()).isFalse();
        assertThat(Terminal.detect(Map.of("NO_COLOR", "1"), true).color()).isFalse();
        assertThat(Terminal.detect(Map.of("NO_COLOR", ""), true).color()).isTrue();
        assertThat(Terminal.detect(Map.of("TERM", "dumb"), true).color()).isFalse();
    }

    @Test
    void widthComesFromColumns() {
        assertThat(Terminal.detect(Map.of("COLUMNS", "200"), true).columns()).isEqualTo(200);
        assertThat(Terminal.detect(Map.of("COLUMNS", "10"), true).columns()).isEqualTo(40);
        assertThat(Terminal.detect(Map.of("COLUMNS", "wide"), true).columns()).isEqualTo(Terminal.DEFAULT_COLUMNS);
        assertThat(Terminal.detect(Map.of(), false).columns()).isEqualTo(Terminal.DEFAULT_COLUMNS);
    }
}
