package dev.tracestore.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** Every error path: a one-line message naming what is wrong, and the exit code a script can rely on. */
class ExitCodesTest {

    @TempDir
    Path directory;

    private String dir;

    @BeforeEach
    void writeSpans() {
        TestSpans.write(directory, TestSpans.checkout());
        dir = directory.toString();
    }

    @Test
    void missingPathIsOneLineAndExitCodeTwo() {
        Cli.Result result = Cli.run("failures", directory.resolve("nope").toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("tracestore: No span files at " + directory.resolve("nope")
                + ": no such file or directory (give the directory with --dir or as the last argument)\n");
    }

    @Test
    void defaultPathIsTheStartersDirectory() {
        // The tests run in the module directory, which normally has no trace-store directory.
        assumeFalse(Files.exists(Path.of(SourceOptions.DEFAULT_PATH)), "./trace-store exists here");
        Cli.Result result = Cli.run("stats");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith("tracestore: No ./trace-store directory here, where the starter writes "
                + "its span files by default: run tracestore in the app's working directory, or give the app's "
                + "tracestore.directory");
    }

    @Test
    void unreadablePathIsOneLineAndExitCodeTwo() throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")), "root reads every file");
        Path locked = Files.createDirectory(directory.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));

        Cli.Result result = Cli.run("stats", locked.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("tracestore: Cannot read " + locked + ": permission denied\n");
    }

    @Test
    void badDurationIsAUsageErrorNamingTheOption() {
        Cli.Result result = Cli.run("query", "--min-duration", "fast", dir);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("""
                --min-duration must be a duration such as 250ms, 2s, 15m, 2h, 1d or PT2H, but was 'fast'
                Usage: tracestore query [OPTIONS] [PATH...]
                Try 'tracestore query --help' for more information.
                """);
    }

    @Test
    void theApisCamelCaseNameAndTheOptionTogetherAreGivenTwice() {
        Cli.Result result = Cli.run("query", "--errorType", "a", "--error-type", "b", dir);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("--error-type may be given once, but was given 2 times\n");
    }

    @Test
    void camelCaseOptionNamesWorkAndErrorsUseTheKebabName() {
        Cli.Result result = Cli.run("query", "--minDuration", "1x", dir);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("--min-duration must be a duration");
    }

    @Test
    void badAttributeFilterIsAUsageErrorNamingTheOption() {
        Cli.Result result = Cli.run("query", "--attr", "http.response.status_code>=lots", dir);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().lines().findFirst()).hasValue(
                "--attr: operator >= needs a number, but the value was 'lots'");
    }

    @Test
    void aRegexThatBacktracksWithoutEndIsAUsageErrorNamingTheOption() {
        Cli.Result result = Cli.run("query", "--attr", "error.type=~(.*.*){12}x", dir);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith("tracestore: --attr: the regular expression '(.*.*){12}x' needs more than")
                .doesNotContain("Exception");
    }

    @Test
    void conflictingWindowIsAUsageError() {
        Cli.Result result = Cli.run("failures", "--lookback", "1h", "--from", "2026-01-05T10:00:00Z", dir);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("--lookback cannot be combined with from or to");
    }

    @Test
    void badNowIsAUsageErrorNamingTheOption() {
        Cli.Result result = Cli.run("failures", "--lookback", "1h", "--now", "yesterday", dir);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("--now must be an ISO-8601 time such as 2026-11-25T10:00:00Z, "
                + "but was 'yesterday'");
    }

    @Test
    void badTraceIdIsAUsageError() {
        Cli.Result result = Cli.run("trace", "xyz", dir);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("TRACE_ID must be 32 hex characters (upper or lower case), not all zeros, "
                + "but was 'xyz'");
    }

    @Test
    void upperCaseTraceIdIsAccepted() {
        Cli.Result result = Cli.run("trace", TestSpans.TRACE_ID.toUpperCase(), dir);

        assertThat(result.exitCode()).isZero();
    }

    @Test
    void unknownTraceIsExitCodeOne() {
        Cli.Result result = Cli.run("trace", "0af7651916cd43dd8448eb211c80319c", dir);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("No span of trace 0af7651916cd43dd8448eb211c80319c in " + dir
                + " (read 7 spans in 1 file).\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"query", "failures", "traces"})
    void nothingMatchedIsExitCodeOne(String command) {
        Cli.Result result = Cli.run(command, "--service", "nobody", dir);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith("No ").contains(" matched (read 7 spans in 1 file).");
    }

    @Test
    void nothingMatchedInJsonIsAnEmptyArray() {
        Cli.Result result = Cli.run("errors", "--type", "NoSuchError", "--format", "json", dir);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEqualTo("[ ]\n");
    }

    @Test
    void emptyDirectoryIsExitCodeOne() throws IOException {
        Path empty = Files.createDirectory(directory.resolve("empty"));

        Cli.Result result = Cli.run("stats", empty.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("files read    0", "spans         0");
        assertThat(result.err()).isEqualTo("No spans in " + empty + ".\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"trace", "query", "traces", "failures", "errors", "stats"})
    void helpOfEveryCommandHasExamplesAndExitCodeZero(String command) {
        Cli.Result result = Cli.run(command, "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("Usage: tracestore " + command).contains("Examples:", "  tracestore " + command);
        assertThat(result.err()).isEmpty();
    }

    @Test
    void helpOfTheToolListsTheCommandsAndExitCodes() {
        Cli.Result result = Cli.run("--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("trace ", "query ", "traces ", "failures ", "errors ", "stats ", "Exit codes:");
    }

    @Test
    void noCommandIsAUsageError() {
        Cli.Result result = Cli.run();

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("Missing command: trace, query, traces, failures, errors or stats\n");
    }

    @Test
    void unknownOptionIsAUsageError() {
        Cli.Result result = Cli.run("query", "--servce", "shop", dir);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("Unknown option: '--servce'").contains("Possible solutions: --service");
    }

    @Test
    void badFormatIsAUsageError() {
        Cli.Result result = Cli.run("query", "--format", "xml", dir);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("Invalid value for option '--format'");
    }

    @Test
    void aMissingPathAmongSeveralIsOneLineAndExitCodeTwo() {
        Cli.Result result = Cli.run("stats", "--dir", dir, directory.resolve("nope").toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("tracestore: No span files at " + directory.resolve("nope")
                + ": no such file or directory (give the directory with --dir or as the last argument)\n");
    }

    @Test
    void errorsNeedsAType() {
        Cli.Result result = Cli.run("errors", dir);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("Missing required option: '--type=TYPE'");
    }
}
