package dev.tracestore.cli;

import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Span data never reaches the terminal raw: an escape sequence in a span name must not recolour the screen. */
class EscapingTest {

    private static final String HOSTILE = "GET /\u001b]0;pwned\u0007\u001b[2J\r\nfake line\u009b31m\u202eevil\tend";
    private static final String ESCAPED = "GET /\\x1b]0;pwned\\x07\\x1b[2J\\r\\nfake line\\x9b31m\\u202eevil\\tend";

    @TempDir
    Path directory;

    @Test
    void escapesJsonTextWithoutChangingItsMeaning() {
        assertThat(TerminalText.escapeJson("[ {\n  \"a\" : \"x\u009by\u007f\u2066\"\n} ]"))
                .isEqualTo("[ {\n  \"a\" : \"x\\u009by\\u007f\\u2066\"\n} ]");
    }

    @Test
    void escapesControlCharactersC1ControlsAndBidiOverrides() {
        assertThat(TerminalText.escape(HOSTILE)).isEqualTo(ESCAPED);
        assertThat(TerminalText.escape("plain café ✓")).isEqualTo("plain café ✓");
        assertThat(TerminalText.escape("\u2028\u2066\u007f\u0000")).isEqualTo("\\u2028\\u2066\\x7f\\x00");
        assertThat(TerminalText.escape(null)).isEmpty();
    }

    @Test
    void noCommandPrintsSpanDataRaw() {
        StoredSpan span = TestSpans.span("00f067aa0ba902b7", "", HOSTILE, SpanKind.SERVER,
                        TestSpans.service("shop\u001b[31m"), 0, 1_000)
                .status(StatusCode.ERROR, "boom\u001b[0m")
                .attributes(Attributes.of(AttributeKey.stringKey("error.type"), "Bad\u001bType",
                        AttributeKey.stringKey("note\u001b"), "x\u001by"))
                .build();
        TestSpans.write(directory, List.of(span));
        String dir = directory.toString();

        List<Cli.Result> results = List.of(
                Cli.run("trace", TestSpans.TRACE_ID, "--attributes", dir),
                Cli.run("query", dir),
                Cli.run("failures", dir),
                Cli.run("traces", dir),
                Cli.run("stats", dir),
                Cli.run("query", "--format", "json", dir),
                Cli.run("query", "--format", "jsonl", dir),
                Cli.run("trace", TestSpans.TRACE_ID, "--format", "otlp", dir),
                Cli.run("query", "--name", HOSTILE, "--limit", "0", dir));

        for (Cli.Result result : results) {
            assertThat(result.out() + result.err()).doesNotContain("\u001b", "\u0007", "\r", "\u009b", "\u202e");
        }
        // Tables cut long names; JSON has them whole.
        String start = ESCAPED.substring(0, ESCAPED.indexOf("line") + 4);
        assertThat(results.get(0).out()).contains(start, "shop\\x1b[31m", "boom\\x1b[0m", "note\\x1b=\"x\\x1by\"");
        assertThat(results.get(1).out()).contains(start, "Bad\\x1bType: boom\\x1b[0m");
        assertThat(results.get(5).out()).contains("\\u001B]0;pwned", "fake line\\u009b31m\\u202eevil");
        assertThat(results.get(7).out()).contains("fake line\\u009b31m\\u202eevil");
        assertThat(results.get(8).exitCode()).isEqualTo(2);
    }

    @Test
    void listingsEscapeControlCharactersInTablesAndJson() {
        StoredSpan span = TestSpans.span("00f067aa0ba902b7", "", "GET /", SpanKind.SERVER,
                        TestSpans.service("shop\u009b31m"), 0, 1_000)
                .attributes(Attributes.of(AttributeKey.stringKey("note"), "a\u202eb\u001bc\u0085d"))
                .build();
        TestSpans.write(directory, List.of(span));
        String dir = directory.toString();

        Cli.Result services = Cli.run("list", "services", "--format", "json", dir);
        Cli.Result values = Cli.run("list", "values", "note", "--format", "json", dir);
        Cli.Result table = Cli.run("list", "values", "note", dir);

        for (Cli.Result result : List.of(services, values, table)) {
            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).doesNotContain("\u001b", "\u009b", "\u202e", "\u0085");
        }
        assertThat(services.out()).contains("\"shop\\u009b31m\"");
        assertThat(values.out()).contains("\"a\\u202eb\\u001Bc\\u0085d\"");
        assertThat(table.out()).contains("a\\u202eb\\x1bc\\x85d");
    }
}
