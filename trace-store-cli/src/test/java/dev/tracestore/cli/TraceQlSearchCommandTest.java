package dev.tracestore.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tracestore search '<TraceQL>'} over span files: a table or JSON of the matches, syntax errors pointed at. */
class TraceQlSearchCommandTest {

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
        JsonNode traces = JsonMapper.builder().build().readTree(result.out());
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
}
