package dev.tracestore.core.log;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link SpanCounter} on files large enough to be counted in two halves at once. */
class SpanCounterTest {

    /** A line of another signal: its data points have the key too, but it holds no spans. */
    private static final byte[] METRICS_LINE = ("{\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":[{\"sum\":"
            + "{\"dataPoints\":[{\"startTimeUnixNano\":\"1\",\"timeUnixNano\":\"2\",\"asInt\":\"3\"}]}}]}]}]}\n")
            .getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path temp;

    @Test
    void countsALargeFileInTwoHalvesAsTheSpansItHolds() throws IOException {
        long seed = System.nanoTime();
        System.out.println("SpanCounterTest seed " + seed);
        SplittableRandom random = new SplittableRandom(seed);
        OtlpJsonWriter writer = new OtlpJsonWriter();
        Path file = temp.resolve("spans.jsonl");
        long spans = 0;
        int next = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            while (Files.size(file) < SpanCounter.PARALLEL_MIN_BYTES + random.nextInt(1 << 20)) {
                if (random.nextInt(10) == 0) {
                    out.write(METRICS_LINE);
                } else {
                    int count = 1 + random.nextInt(300);
                    out.write(writer.toBytes(TestSpans.numbered(next, count)));
                    out.write('\n');
                    next += count;
                    spans += count;
                }
                out.flush();
            }
            int torn = 1 + random.nextInt(40);
            byte[] last = writer.toBytes(TestSpans.numbered(next, torn));
            out.write(last, 0, last.length - 1); // a last line cut by a crash: its spans are not read
        }
        SpanCounter counter = new SpanCounter(new OtlpJsonReader(), SpanFileReader.MAX_LINE_BYTES);

        try (FileChannel channel = FileChannel.open(file)) {
            assertThat(channel.size()).isGreaterThanOrEqualTo(SpanCounter.PARALLEL_MIN_BYTES);
            assertThat(counter.count(channel)).isEqualTo(spans);
        }
        // completed, the last line counts
        Files.write(file, new byte[] {'}'}, java.nio.file.StandardOpenOption.APPEND);
        try (FileChannel channel = FileChannel.open(file)) {
            assertThat(counter.count(channel)).isGreaterThan(spans);
        }
    }
}
