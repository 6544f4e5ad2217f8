package dev.tracestore.cli;

import dev.tracestore.core.model.StoredSpan;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several paths, directories and files, read as one: the checkout trace crosses the shop and the payments service,
 * each of which wrote its own span directory, and only both together show the whole trace.
 */
class SeveralPathsTest {

    @TempDir
    Path directory;

    private Path shop;
    private Path payments;

    @BeforeEach
    void eachServiceWritesItsOwnDirectory() throws IOException {
        shop = Files.createDirectory(directory.resolve("shop"));
        payments = Files.createDirectory(directory.resolve("payments"));
        TestSpans.write(shop, ofService("shop"));
        TestSpans.write(payments, ofService("payments"));
    }

    private static List<StoredSpan> ofService(String service) {
        return TestSpans.checkout().stream().filter(span -> span.serviceName().equals(service)).toList();
    }

    @Test
    void aTraceAcrossTwoServicesDirectoriesIsOneWaterfall() {
        Cli.Result result = Cli.run("trace", TestSpans.TRACE_ID, shop.toString(), payments.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("GET /orders/{id}", "SELECT shop.orders", "POST /payments", "charge card");
        assertThat(Cli.run("trace", TestSpans.TRACE_ID, shop.toString()).out()).doesNotContain("charge card");
    }

    @Test
    void directoriesAndFilesByArgumentOrDirAreMerged() throws IOException {
        Path file = Files.list(payments).filter(path -> path.toString().endsWith(".jsonl")).findFirst().orElseThrow();

        Cli.Result byArguments = Cli.run("stats", shop.toString(), file.toString());
        Cli.Result byDirs = Cli.run("stats", "--dir", shop.toString(), "--dir", file.toString());

        assertThat(byArguments.exitCode()).isZero();
        assertThat(byArguments.out()).contains("files read    2", "spans         6", "services      2: payments, shop");
        assertThat(byDirs.out()).isEqualTo(byArguments.out());
    }

    @Test
    void aFileInsideADirectoryGivenIsReadOnce() throws IOException {
        Path file = Files.list(payments).filter(path -> path.toString().endsWith(".jsonl")).findFirst().orElseThrow();

        Cli.Result result = Cli.run("query", "--format", "jsonl", payments.toString(), file.toString(),
                payments.toString());

        assertThat(result.out().lines()).hasSize(2);
    }

    @Test
    void queriesAndTraceSearchSeeEveryPath() {
        Cli.Result failures = Cli.run("failures", "--now", "2026-01-05T10:30:00Z", "--lookback", "1h",
                "--format", "jsonl", shop.toString(), payments.toString());
        Cli.Result traces = Cli.run("traces", "--format", "json", shop.toString(), payments.toString());

        assertThat(failures.out().lines()).hasSize(4);
        assertThat(traces.out()).contains("\"spanCount\" : 6", "\"services\" : [ \"payments\", \"shop\" ]");
    }
}
