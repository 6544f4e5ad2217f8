package dev.tracestore.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The waterfall of a known trace, character for character, without colour. */
class WaterfallGoldenTest {

    @TempDir
    Path directory;

    @Test
    void drawsTheTreeTheTimeAxisAndTheFailures() throws IOException {
        TestSpans.write(directory, TestSpans.checkout());

        Cli.Result result = Cli.run("trace", TestSpans.TRACE_ID, directory.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).isEmpty();
        assertMatchesGolden(result.out(), "waterfall.txt");
    }

    @Test
    void listsAttributesEventsAndStatusUnderEachSpan() throws IOException {
        TestSpans.write(directory, TestSpans.checkout());

        Cli.Result result = Cli.run("trace", TestSpans.TRACE_ID, "--attributes", "--dir", directory.toString());

        assertThat(result.exitCode()).isZero();
        assertMatchesGolden(result.out(), "waterfall-attributes.txt");
    }

    @Test
    void fitsANarrowTerminal() throws IOException {
        TestSpans.write(directory, TestSpans.checkout());

        Cli.Result result = Cli.run(new Terminal(false, false, 80), "trace", TestSpans.TRACE_ID, directory.toString());

        assertMatchesGolden(result.out(), "waterfall-80.txt");
        assertThat(result.out().lines().dropWhile(line -> !line.startsWith("SPAN")))
                .allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(80));
    }

    /** On a mismatch the actual output lands in target/golden-actual, to diff and, if right, copy over. */
    private static void assertMatchesGolden(String actual, String name) throws IOException {
        String expected;
        try (InputStream in = WaterfallGoldenTest.class.getResourceAsStream("/golden/" + name)) {
            expected = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!actual.equals(expected)) {
            Path file = Path.of("target", "golden-actual", name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).as("output of %s (actual in target/golden-actual)", name).isEqualTo(expected);
    }
}
