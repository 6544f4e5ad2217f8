package dev.tracestore.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ops}, {@code deps} and {@code problems} over the span files of two services that one failing checkout
 * crossed (see {@link TestSpans#checkout()}).
 */
class OperationsCommandsTest {

    @TempDir
    Path directory;

    private String shop;
    private String payments;

    @BeforeEach
    void eachServiceWritesItsOwnDirectory() throws IOException {
        Path shopDirectory = Files.createDirectory(directory.resolve("shop"));
        Path paymentsDirectory = Files.createDirectory(directory.resolve("payments"));
        TestSpans.write(shopDirectory, TestSpans.checkout().stream()
                .filter(span -> !span.serviceName().equals("payments")).toList());
        TestSpans.write(paymentsDirectory, TestSpans.checkout().stream()
                .filter(span -> span.serviceName().equals("payments")).toList());
        shop = shopDirectory.toString();
        payments = paymentsDirectory.toString();
    }

    @Test
    void opsCountsServerSpansPerServiceAndName() {
        Cli.Result result = Cli.run("ops", shop, payments);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().lines().findFirst().orElseThrow()).contains("service.name", "span.name", "count",
                "err%", "p50", "p99", "max");
        assertThat(result.out()).contains("GET /orders/{id}", "POST /payments", "100.0%", "120.0 ms")
                .doesNotContain("charge card", "SELECT");
    }

    @Test
    void opsAsJsonGroupedByRouteInBuckets() throws IOException {
        Cli.Result result = Cli.run("ops", "--group-by", "http.route", "--kind", "any", "--bucket", "1m",
                "--format", "json", shop, payments);

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode report = JsonMapper.builder().build().readTree(result.out());
        assertThat(report.get("spans").asLong()).isEqualTo(7);
        JsonNode first = report.get("operations").get(0);
        // six spans have no route (their group has no value), one has /orders/{id}
        assertThat(first.get("group").has("http.route")).isFalse();
        assertThat(first.get("total").get("count").asLong()).isEqualTo(6);
        JsonNode route = report.get("operations").get(1);
        assertThat(route.get("group").get("http.route").asString()).isEqualTo("/orders/{id}");
        assertThat(route.get("buckets").get(0).get("start").asString()).isEqualTo("2026-01-05T10:00:00Z");
        assertThat(route.get("total").get("p99Nanos").asLong()).isEqualTo(120_000_000L);
    }

    @Test
    void depsFromTheFilesOfBothServices() {
        Cli.Result result = Cli.run("deps", shop, payments);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).containsPattern("shop\\s+payments\\s+1\\s+1\\s+100.0%")
                .containsPattern("shop\\s+postgresql\\s+1\\s+0\\s+0.0%\\s+stores no spans");
        // one service's files alone show only the call it can see: to a database that stores no spans
        assertThat(Cli.run("deps", shop).out()).doesNotContain("payments").contains("postgresql");
    }

    @Test
    void problemsShowTheDeclinedPaymentAndItsException() {
        Cli.Result result = Cli.run("problems", "--limit", "1", shop, payments);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("Slowest operations", "GET /orders/{id}", "Most failing operations",
                "Exceptions", "dev.shop.PaymentDeclinedException", TestSpans.TRACE_ID);
        assertThat(result.out()).containsPattern("dev.shop.PaymentDeclinedException\\s+3\\s+1");
    }

    @Test
    void badValuesAreUsageErrorsNamingTheOption() {
        Cli.Result bucket = Cli.run("ops", "--bucket", "soon", shop);
        assertThat(bucket.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(bucket.err()).contains("--bucket");
        Cli.Result kind = Cli.run("problems", "--kind", "sideways", shop);
        assertThat(kind.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(kind.err()).contains("--kind");
        Cli.Result empty = Cli.run("ops", "--service", "nobody", shop);
        assertThat(empty.exitCode()).isEqualTo(ExitCode.NOTHING_MATCHED);
    }
}
