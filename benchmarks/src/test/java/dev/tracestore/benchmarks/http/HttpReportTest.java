package dev.tracestore.benchmarks.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class HttpReportTest {

    private static final String HEADER = "round\tconfig\tmaxRps\tcsPerRequest\tcpuMicrosPerRequest\trate\trequests"
            + "\tfailed\tp50\tp99\tp999\tload\tallocKBPerRequest\trequestThreadMicros\ttraceStoreThreadMicros"
            + "\tjitMicros\tgcMicros\n";

    @TempDir
    Path directory;

    @Test
    void ratiosAreTakenWithinEachWindowSoThatTheHostsDriftCancelsOut() throws IOException {
        // The host slows down 5x in window 2; within each window trace-store serves 0.90-0.98 of Boot's maximum.
        Path results = write("results.tsv", HEADER
                + "1\tboot\t1000\t1.0\t100\t500\t10000\t0\t1\t4\t9\t2.0\t30.0\t60\t0\t1\t1\n"
                + "1\ttrace-store\t950\t1.1\t110\t500\t10000\t0\t1\t5\t9\t2.0\t33.0\t62\t12\t1\t2\n"
                + "2\ttrace-store\t180\t1.1\t550\t100\t2000\t0\t2\t20\t40\t8.0\t33.0\t300\t60\t5\t9\n"
                + "2\tboot\t200\t1.0\t500\t100\t2000\t0\t2\t18\t40\t8.0\t30.0\t290\t0\t5\t4\n"
                + "3\tboot\t2000\t1.0\t50\t1000\t20000\t0\t1\t3\t9\t1.0\t30.0\t30\t0\t0\t1\n"
                + "3\ttrace-store\t1960\t1.1\t56\t1000\t20000\t0\t1\t3\t9\t1.0\t33.0\t31\t6\t0\t2\n");

        String report = HttpReport.report(results, null);

        assertThat(report).contains("| max req/s vs Boot tracing, no exporter | 950 | 1000 | 0.95 "
                + "| 0.95 (0.90-0.98, 3 windows) | ≥ 0.95 |");
        assertThat(report).contains("| CPU µs/request vs Boot tracing, no exporter | 110 | 100 | 1.10 "
                + "| 1.10 (1.10-1.12, 3 windows) |");
        assertThat(report).contains("| request threads' CPU µs/request vs Boot tracing, no exporter | 62.00 | 60.00 "
                + "| 1.03 | 1.03 (1.03-1.03, 3 windows) |");
        assertThat(report).contains("| 2 | trace-store, files (defaults) | 180 | 1.1 | 550 | 300 | 60 | 5 | 9 | 33.0 "
                + "| 100 | 2 | 20 | 40 | 0 | 8.0 |");
        // only boot and trace-store ran: no row for the OTLP exporter or tracing off
        assertThat(report).doesNotContain("vs Boot OTLP exporter").doesNotContain("vs tracing off");
    }

    @Test
    void namesAnAppWhoseWarmUpDidNotSettle() throws IOException {
        Path results = write("results.tsv", HEADER
                + "1\tboot\t1000\t1.0\t100\t500\t10000\t0\t1\t4\t9\t2.0\t30.0\t60\t0\t1\t1\n");
        Path warmup = write("warmup.tsv", "config\trequests\tseconds\tcpuMicrosPerRequest\tstable\n"
                + "boot\t201000\t70\t98.5\tyes\n"
                + "trace-store\t150000\t600\t180.2\tno\n");

        String report = HttpReport.report(results, warmup);

        assertThat(report).contains("| Boot tracing, no exporter | 201000 | 70 | 98.5 | yes |");
        assertThat(report).contains("| trace-store, files (defaults) | 150000 | 600 | 180.2 | **not stable**");
    }

    @Test
    void aRunOfOneConfigurationHasNoSummary() throws IOException {
        Path results = write("results.tsv", HEADER
                + "1\ttrace-store\t950\t1.1\t110\t500\t10000\t0\t1\t5\t9\t2.0\t33.0\t62\t12\t1\t2\n");

        String report = HttpReport.report(results, null);

        assertThat(report).contains("| 1 | trace-store, files (defaults) | 950 |").doesNotContain("| figure");
    }

    @Test
    void readsTheResultsOfOlderRunsWithoutThreadColumns() throws IOException {
        Path results = write("results.tsv", "round\tconfig\tmaxRps\tcsPerRequest\tcpuMicrosPerRequest\trate"
                + "\trequests\tfailed\tp50\tp99\tp999\tload\tallocKBPerRequest\n"
                + "1\tboot\t1000\t1.0\t100\t500\t10000\t0\t1\t4\t9\t2.0\t30.0\n"
                + "1\ttrace-store\t900\t1.1\t110\t500\t10000\t0\t1\t5\t9\t2.0\t33.0\n");

        String report = HttpReport.report(results, null);

        assertThat(report).contains("| 1 | trace-store, files (defaults) | 900 | 1.1 | 110 | - | - | - | - | 33.0 ");
        assertThat(report).contains("| max req/s vs Boot tracing, no exporter | 900 | 1000 | 0.90 "
                + "| 0.90 (0.90-0.90, 1 windows) |");
        assertThat(report).doesNotContain("request threads' CPU");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(directory.resolve(name), content);
    }
}
