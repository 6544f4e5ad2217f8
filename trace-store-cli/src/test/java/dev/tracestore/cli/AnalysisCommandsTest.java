package dev.tracestore.cli;

import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.resources.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code trace --stats}, {@code trace --critical-path} and {@code repeats} on span files. */
class AnalysisCommandsTest {

    private static final String LINES_TRACE = "0af7651916cd43dd8448eb211c80319c";

    @TempDir
    Path directory;

    @BeforeEach
    void writeSpans() {
        TestSpans.write(directory, TestSpans.checkout());
        TestSpans.write(directory, orderLines());
    }

    /** GET /orders/{id}/lines: one query for the lines, then one per line (6), one after the other. */
    private static List<StoredSpan> orderLines() {
        Resource shop = TestSpans.service("shop");
        List<StoredSpan> spans = new ArrayList<>();
        spans.add(TestSpans.span("00000000000000a1", "", "GET /orders/{id}/lines", SpanKind.SERVER, shop, 0, 1_000)
                .traceId(LINES_TRACE).build());
        for (int line = 0; line < 6; line++) {
            spans.add(TestSpans.span(String.format("00000000000000b%d", line), "00000000000000a1", "SELECT",
                    SpanKind.CLIENT, shop, 100 + line * 100, 150 + line * 100).traceId(LINES_TRACE)
                    .attributes(Attributes.of(AttributeKey.stringKey("db.statement"),
                            "select name, price from item where sku = 'sku-" + line + "'"))
                    .build());
        }
        return spans;
    }

    @Test
    void statsShowSelfTimePerOperation() {
        Cli.Result result = Cli.run("trace", TestSpans.TRACE_ID, directory.toString(), "--stats");

        assertThat(result.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(result.out()).contains("SELF TOTAL", "SELF MAX");
        assertThat(result.out().lines().filter(line -> line.startsWith("shop ") && line.contains("GET /orders/{id}")))
                .singleElement().satisfies(line -> assertThat(line.split("\\s{2,}")).containsSubsequence(
                        "GET /orders/{id}", "1", "120.0 ms", "120.0 ms", "120.0 ms", "120.0 ms", "39.5 ms"));
    }

    @Test
    void criticalPathIsMarkedOnTheWaterfall() {
        Cli.Result result = Cli.run("trace", TestSpans.TRACE_ID, directory.toString(), "--critical-path");

        assertThat(result.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(result.out()).contains("Critical path: 120.0 ms in 9 segments (100.0% of the trace)");
        assertThat(result.out().lines().filter(line -> line.contains("send receipt"))).singleElement()
                .satisfies(line -> assertThat(line).contains("░").doesNotContain("█"));
        assertThat(result.out().lines().filter(line -> line.contains("charge card"))).singleElement()
                .satisfies(line -> assertThat(line).contains("█").doesNotContain("░"));
    }

    @Test
    void statsAndCriticalPathAsJson() {
        Cli.Result result = Cli.run("trace", TestSpans.TRACE_ID, directory.toString(), "--stats", "--critical-path",
                "--format", "json");

        assertThat(result.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(result.out()).contains("\"operations\"", "\"totalSelfNanos\" : 39500000", "\"segments\"",
                "\"pathNanos\" : 120000000", "\"name\" : \"charge card\"");
        assertThat(Cli.run("trace", TestSpans.TRACE_ID, directory.toString(), "--stats", "--format", "otlp")
                .exitCode()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void repeatsPerEndpointAndPerTrace() {
        Cli.Result endpoints = Cli.run("repeats", directory.toString());
        assertThat(endpoints.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(endpoints.out()).contains("Repeated calls in 2 traces:");
        assertThat(endpoints.out().lines().filter(line -> line.contains("GET /orders/{id}/lines"))).singleElement()
                .satisfies(line -> assertThat(line.split("\\s{2,}")).containsSubsequence("shop",
                        "GET /orders/{id}/lines", "1", "1", "6", "300.0 µs", LINES_TRACE,
                        "select name, price from item where sku = ?"));

        Cli.Result json = Cli.run("repeats", directory.toString(), "--trace-id", LINES_TRACE, "--format", "json");
        assertThat(json.out()).contains("\"count\" : 6", "\"parentName\" : \"GET /orders/{id}/lines\"",
                "\"operation\" : \"select name, price from item where sku = ?\"");

        assertThat(Cli.run("repeats", directory.toString(), "--min-count", "7").out())
                .doesNotContain("GET /orders/{id}/lines");
        assertThat(Cli.run("repeats", directory.toString(), "--min-count", "1").exitCode())
                .isEqualTo(ExitCode.USAGE);
        assertThat(Cli.run("repeats", directory.toString(), "--min-total-duration", "soon").exitCode())
                .isEqualTo(ExitCode.USAGE);
    }
}
