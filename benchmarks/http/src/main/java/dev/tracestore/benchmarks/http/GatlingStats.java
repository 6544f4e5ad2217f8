package dev.tracestore.benchmarks.http;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Prints the figures of the {@code measured} request of the newest Gatling run in a results folder, as one
 * tab-separated line: {@code requests failed p50 p99 p99.9 meanRequestsPerSecond} (times in whole milliseconds,
 * Gatling's resolution; percentiles as configured in {@code gatling.conf}). They come from the report's
 * {@code js/stats.js}, a JavaScript object literal that Jackson reads with unquoted field names allowed.
 *
 * <pre>{@code
 * java -cp "target/classes:$(cat target/classpath.txt)" dev.tracestore.benchmarks.http.GatlingStats results/
 * }</pre>
 */
public final class GatlingStats {

    private static final String REQUEST = "measured";

    private GatlingStats() {
    }

    /**
     * @param args the folder Gatling was given with {@code -rf}
     * @throws IOException when no report is found or it cannot be read
     */
    public static void main(String[] args) throws IOException {
        Path run = newestRun(Path.of(args[0]));
        String script = Files.readString(run.resolve("js/stats.js"));
        JsonNode root = JsonMapper.builder()
                .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
                .build()
                .readTree(script.substring(script.indexOf('{')));
        JsonNode stats = null;
        for (JsonNode content : root.path("contents")) {
            if (REQUEST.equals(content.path("name").asText())) {
                stats = content.path("stats");
            }
        }
        if (stats == null) {
            throw new IOException("no request '" + REQUEST + "' in " + run);
        }
        System.out.println(String.join("\t",
                stats.path("numberOfRequests").path("total").asText(),
                stats.path("numberOfRequests").path("ko").asText().replace("-", "0"),
                stats.path("percentiles1").path("total").asText(),
                stats.path("percentiles2").path("total").asText(),
                stats.path("percentiles3").path("total").asText(),
                stats.path("meanNumberOfRequestsPerSecond").path("total").asText()));
    }

    private static Path newestRun(Path results) throws IOException {
        try (Stream<Path> runs = Files.list(results)) {
            return runs.filter(Files::isDirectory)
                    .max(Comparator.comparing(path -> path.toFile().lastModified()))
                    .orElseThrow(() -> new IOException("no Gatling run in " + results));
        }
    }
}
