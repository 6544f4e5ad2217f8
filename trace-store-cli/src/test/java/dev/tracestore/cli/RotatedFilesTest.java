package dev.tracestore.cli;

import dev.tracestore.core.model.StoredSpan;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A directory as a crashed app leaves it: a rotated file, the current one, a torn last line, and some garbage. */
class RotatedFilesTest {

    @TempDir
    Path directory;

    @BeforeEach
    void writeFilesLikeACrashedApp() throws IOException {
        List<StoredSpan> trace = TestSpans.checkout();
        TestSpans.write(directory, trace.subList(0, 3));
        Files.move(directory.resolve("spans.jsonl"), directory.resolve("spans-1.jsonl"));
        TestSpans.write(directory, trace.subList(3, trace.size()));
        Files.writeString(directory.resolve("spans.jsonl"), "not json\n{\"resourceSpans\":[{\"resource\":{",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        Files.writeString(directory.resolve("notes.txt"), "not a span file");
    }

    @Test
    void aTraceSpreadOverRotatedFilesIsWhole() {
        Cli.Result result = Cli.run("trace", TestSpans.TRACE_ID, directory.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("7 spans, 4 failed");
        assertThat(result.err()).isEqualTo(
                "Skipped 2 lines that are not OTLP/JSON spans (torn by a crash, corrupt, or other data).\n");
    }

    @Test
    void statsCountFilesAndSkippedLines() {
        Cli.Result result = Cli.run("stats", directory.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("""
                path          %s
                files read    2
                lines skipped 2
                spans         7
                traces        1
                services      3: notifier, payments, shop
                time range    2026-01-05T10:00:00.000Z to 2026-01-05T10:00:00.120Z (120.0 ms)
                error rate    57.14%% of spans failed (4 spans in 1 trace)
                """.formatted(directory));
    }

    @Test
    void listingsNoteTheSkippedLines() {
        Cli.Result result = Cli.run("traces", directory.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out().lines()).hasSize(2);
        assertThat(result.err()).startsWith("Skipped 2 lines");
    }
}
