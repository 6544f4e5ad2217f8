package dev.tracestore.it.nonweb;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A non-web app in a JVM of its own, as {@code java -jar} runs it: it ends by itself, its spans are in
 * {@code ./trace-store} after it exits, and the CLI's jar, in another JVM, reads them back.
 */
class NonWebAppTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path CLI_JAR = Path.of(System.getProperty("tracestore.cli.jar"));

    @TempDir
    Path workingDirectory;

    @Test
    void spansAreInTheFilesAfterTheAppExitsAndTheCliReadsThem() throws Exception {
        Run app = run(List.of("-cp", System.getProperty("java.class.path"), NightlyImport.class.getName()));
        assertThat(app.exitCode()).as(app.output()).isZero();
        assertThat(workingDirectory.resolve("trace-store/spans.jsonl")).isRegularFile();

        Run failures = run(List.of("-jar", CLI_JAR.toString(), "failures", "--lookback", "1h", "--format", "json",
                "trace-store"));
        assertThat(failures.exitCode()).as(failures.output()).isZero();
        JsonNode failed = JSON.readTree(failures.output());
        assertThat(failed).singleElement().satisfies(span -> {
            assertThat(span.get("name").asString()).isEqualTo("import.batch");
            assertThat(span.get("attributes").get("batch").asString()).isEqualTo("2");
            assertThat(span.get("status").get("code").asString()).isEqualTo("ERROR");
        });
        String traceId = failed.get(0).get("traceId").asString();

        Run trace = run(List.of("-jar", CLI_JAR.toString(), "trace", traceId, "--format", "json", "trace-store"));
        assertThat(trace.exitCode()).as(trace.output()).isZero();
        JsonNode spans = JSON.readTree(trace.output()).get("spans");
        assertThat(spans).extracting(span -> span.get("name").asString())
                .containsExactlyInAnyOrder("nightly.import", "import.batch", "import.batch", "import.batch");
        assertThat(spans).allSatisfy(span ->
                assertThat(span.get("service").asString()).isEqualTo("nightly-import"));
    }

    /** Another JVM, started in the working directory; its output (stdout and stderr) once it ended. */
    private Run run(List<String> arguments) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(arguments);
        Path output = Files.createTempFile(workingDirectory, "output", ".txt");
        Process process = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("did not end within 60 s: " + command + "\n" + Files.readString(output));
        }
        return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    private record Run(int exitCode, String output) {
    }
}
