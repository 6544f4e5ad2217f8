package dev.tracestore.cli;

import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.api.trace.SpanKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tracestore search '<TraceQL>'} over span files: a table or JSON of the matches, syntax errors pointed at. */
class TraceQlSearchCommandTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path directory;

    @BeforeAll
    static void writeCheckout() {
        TestSpans.write(directory, TestSpans.checkout());
    }

    @Test
    void aStructuralQueryPrintsTheTraceAndTheMatchedSpans() {
        Cli.Result result = Cli.run("search", "{ resource.service.name = \"shop\" } >> { status = error }",
                directory.toString());
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("MATCHED SPANS", TestSpans.TRACE_ID, "POST /payments, POST /payments, "
                + "charge card");
    }

    @Test
    void jsonHasTheSpansetsWithGroupsAndSelections() {
        Cli.Result result = Cli.run("search", "{ status = error } | by(resource.service.name) | select(status)",
                "--format", "json", directory.toString());
        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode traces = JSON.readTree(result.out());
        JsonNode spansets = traces.get(0).get("spansets");
        assertThat(spansets).hasSize(2);
        assertThat(spansets.get(0).get("groupedBy").get("resource.service.name").asString()).isEqualTo("shop");
        assertThat(spansets.get(1).get("spans")).hasSize(2);
        assertThat(spansets.get(1).get("spans").get(0).get("span").get("name").asString()).isEqualTo("POST /payments");
        assertThat(spansets.get(1).get("spans").get(0).get("selected").get("status").asString()).isEqualTo("error");
    }

    @Test
    void nothingMatchedIsExitCodeOne() {
        Cli.Result result = Cli.run("search", "{ status = error } | count() > 5", directory.toString());
        assertThat(result.exitCode()).isEqualTo(ExitCode.NOTHING_MATCHED);
        assertThat(result.err()).contains("No traces matched");
    }

    @Test
    void aSyntaxErrorIsAUsageErrorPointingAtTheColumn() {
        Cli.Result result = Cli.run("search", "{ status = }", directory.toString());
        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("syntax error at column 12", "{ status = }\n             ^");
    }

    /**
     * {@code --lookback} is {@code [now - lookback, now]}, both ends inclusive, as the endpoint's {@code lookback}
     * with {@code q}: traces that start after {@code --now} are not answered.
     */
    @Test
    void lookbackEndsAtNow(@TempDir Path files) {
        List<StoredSpan> spans = new ArrayList<>();
        for (int trace = 0; trace < 5; trace++) {
            long startMicros = trace * 60_000_000L;
            spans.add(TestSpans.span("0000000000000001", "", "step", SpanKind.INTERNAL, TestSpans.service("shop"),
                    startMicros, startMicros + 500).traceId("%032x".formatted(trace + 1)).build());
        }
        TestSpans.write(files, spans);

        Cli.Result result = Cli.run("search", "{ name = \"step\" }", "--now", TestSpans.START.plusSeconds(120).toString(),
                "--lookback", "1m", "--format", "jsonl", files.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().lines().map(line -> JSON.readTree(line).get("traceId").asString()))
                .containsExactly("%032x".formatted(3), "%032x".formatted(2));
    }

    /**
     * Six traces of five spans, one a minute, written out of time order into two directories: with --max-spans 10
     * the search holds only the newest two traces (by start time, over both directories) and says so.
     */
    @Test
    void searchesOnlyTheNewestMaxSpansAndSaysWhatItLeftOut(@TempDir Path shop, @TempDir Path payments) {
        for (int trace : new int[] {4, 0, 5, 2, 1, 3}) {
            String traceId = "%032x".formatted(trace + 1);
            List<StoredSpan> spans = new ArrayList<>();
            for (int span = 0; span < 5; span++) {
                long startMicros = trace * 60_000_000L + span * 1_000L;
                spans.add(TestSpans.span("%016x".formatted(span + 1), span == 0 ? "" : "0000000000000001",
                                "step " + span, SpanKind.INTERNAL, TestSpans.service("shop"), startMicros,
                                startMicros + 500)
                        .traceId(traceId).build());
            }
            TestSpans.write(trace % 2 == 0 ? shop : payments, spans);
        }

        Cli.Result bounded = Cli.run("search", "{ name = \"step 0\" }", "--max-spans", "10", "--format", "jsonl",
                shop.toString(), payments.toString());
        assertThat(bounded.exitCode()).as(bounded.err()).isZero();
        assertThat(bounded.out().lines().map(line -> JSON.readTree(line).get("traceId").asString()))
                .containsExactly("%032x".formatted(6), "%032x".formatted(5));
        assertThat(bounded.err()).contains("Partial answer: searched only the newest 10 spans of 30 (starting at or "
                + "after " + TestSpans.START.plusSeconds(4 * 60) + "); raise --max-spans to search further back.");

        Cli.Result whole = Cli.run("search", "{ name = \"step 0\" }", "--format", "jsonl", shop.toString(),
                payments.toString());
        assertThat(whole.exitCode()).as(whole.err()).isZero();
        assertThat(whole.out().lines()).hasSize(6);
        assertThat(whole.err()).doesNotContain("Partial answer");

        assertThat(Cli.run("search", "{ }", "--max-spans", "0", shop.toString()).err())
                .contains("--max-spans must be from 1 to");
    }
}
