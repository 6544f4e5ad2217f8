package dev.tracestore.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

class TableTest {

    @TempDir
    Path directory;

    @Test
    void linesUpColumnsAlignsNumbersRightAndCutsLongCells() {
        Table table = new Table(List.of(Table.Column.left("NAME", 8), Table.Column.right("COUNT"),
                Table.Column.left("NOTE", 100)));
        table.add(UnaryOperator.identity(), "checkout-service", "7", "");
        table.add(UnaryOperator.identity(), "cart", "1234567", "tab\there");
        StringWriter out = new StringWriter();

        table.print(new PrintWriter(out, true), Style.PLAIN, Integer.MAX_VALUE);

        assertThat(out.toString()).isEqualTo("""
                NAME        COUNT  NOTE
                checkou…        7
                cart      1234567  tab\\there
                """);
    }

    @Test
    void cutsTheLastColumnToTheTerminalButNotInAPipe() {
        TestSpans.write(directory, TestSpans.checkout());

        Cli.Result terminal = Cli.run(new Terminal(true, false, 130), "failures", directory.toString());
        Cli.Result pipe = Cli.run("failures", directory.toString());

        assertThat(terminal.out().lines()).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(130));
        assertThat(terminal.out()).contains("…");
        assertThat(pipe.out()).contains("dev.shop.PaymentDeclinedException: card declined");
    }
}
