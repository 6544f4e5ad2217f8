package dev.tracestore.core.log;

import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** {@link SpanLog#readNewest}: what a restart reloads into a bounded store, and how little it decodes for it. */
class SpanLogReloadTest {

    @TempDir
    Path temp;

    @Test
    void handsOverTheNewestSpansAcrossRotatedFilesOldestFirst() throws IOException {
        int total = writeRotated(TestSpans.numbered(0, 100), 10, 5);
        assertThat(total).isEqualTo(100);

        for (int maxSpans : new int[] {1, 7, 10, 49, 50, 51, 99, 100, 101, 10_000}) {
            List<StoredSpan> read = new ArrayList<>();
            ReadResult result = SpanLog.readNewest(temp, maxSpans, read::add);

            int expected = Math.min(maxSpans, 100);
            assertThat(read).as("max %d", maxSpans).isEqualTo(TestSpans.numbered(100 - expected, expected));
            assertThat(result.spansRead()).isEqualTo(expected);
            assertThat(result.linesSkipped()).isZero();
        }
    }

    @Test
    void handsOverPreparedSpansALineAtATimePreparedOffTheCallersThread() throws IOException {
        writeRotated(TestSpans.numbered(0, 100), 10, 5);
        Thread caller = Thread.currentThread();
        List<Thread> preparers = java.util.Collections.synchronizedList(new ArrayList<>());
        List<List<StoredSpan>> batches = new ArrayList<>();

        ReadResult result = SpanLog.readNewest(temp, 42, span -> {
            preparers.add(Thread.currentThread());
            return prepared(span);
        }, batch -> batches.add(List.copyOf(batch)));

        List<StoredSpan> expected = TestSpans.numbered(58, 42).stream()
                .map(SpanLogReloadTest::prepared).toList();
        assertThat(batches.stream().flatMap(List::stream).toList()).isEqualTo(expected);
        // a line of the files is a batch of 5 written at once; spans 58 and 59 end the first line read
        assertThat(batches).extracting(List::size).first().isEqualTo(2);
        assertThat(batches).extracting(List::size).doesNotContain(0).allMatch(size -> size <= 5);
        assertThat(result.spansRead()).isEqualTo(42);
        assertThat(preparers).isNotEmpty().doesNotContain(caller);
    }

    @Test
    void readsOnlyTheFilesItNeeds() throws IOException {
        writeRotated(TestSpans.numbered(0, 100), 10, 5);
        assertThat(SpanDirectory.filesInReadOrder(temp)).hasSize(10);

        assertThat(SpanLog.readNewest(temp, 10, span -> { }).filesRead()).isEqualTo(1);
        assertThat(SpanLog.readNewest(temp, 11, span -> { }).filesRead()).isEqualTo(2);
        assertThat(SpanLog.readNewest(temp, 35, span -> { }).filesRead()).isEqualTo(4);
        assertThat(SpanLog.read(temp, span -> { }).filesRead()).isEqualTo(10);
    }

    @Test
    void aTornLastLineNeitherCountsNorShortensTheReload() throws IOException {
        writeRotated(TestSpans.numbered(0, 20), 2, 5);
        byte[] torn = new OtlpJsonWriter().toBytes(TestSpans.numbered(100, 5));
        Files.write(temp.resolve("spans.jsonl"), Arrays.copyOf(torn, torn.length - 3), StandardOpenOption.APPEND);

        List<StoredSpan> read = new ArrayList<>();
        ReadResult result = SpanLog.readNewest(temp, 12, read::add);

        assertThat(read).isEqualTo(TestSpans.numbered(8, 12));
        assertThat(result.linesSkipped()).isEqualTo(1);
    }

    @Test
    void countsSpansNotLookalikesInStringsKeysOrEvents() throws IOException {
        StoredSpan tricky = StoredSpan.builder()
                .traceId(TestSpans.TRACE_A)
                .spanId("00000000000000aa")
                .name("\"startTimeUnixNano\":")
                .startEpochNanos(TestSpans.T0)
                .endEpochNanos(TestSpans.T0 + 1)
                .attributes(Attributes.builder()
                        .put("note", "\"startTimeUnixNano\":\"1\"")
                        .put("startTimeUnixNano", "as an attribute key")
                        .put(AttributeKey.stringKey("path\\"), "\\\"startTimeUnixNano\\\":")
                        .build())
                .build();
        List<StoredSpan> spans = new ArrayList<>(TestSpans.everything());
        spans.add(tricky);
        Path file = temp.resolve("tricky.jsonl");
        Files.write(file, new OtlpJsonWriter().toBytes(spans));

        SpanCounter counter = new SpanCounter(new OtlpJsonReader(), SpanFileReader.MAX_LINE_BYTES);
        assertThat(count(counter, file)).isEqualTo(6);
        List<StoredSpan> read = new ArrayList<>();
        SpanLog.readNewest(temp, 1, read::add);
        assertThat(read).hasSize(1);
    }

    @Test
    void countsTheSpansOfOpenTelemetryJavasExporterAndToleratesSpaceBeforeTheColon() throws IOException {
        Path exported = Files.write(temp.resolve("otel-java.jsonl"), OtlpJsonReaderTest.stdoutExporterLines());
        SpanCounter counter = new SpanCounter(new OtlpJsonReader(), SpanFileReader.MAX_LINE_BYTES);

        assertThat(count(counter, exported)).isEqualTo(2);
        byte[] spaced = "{\"startTimeUnixNano\" \t:\"1\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(SpanCounter.countKeys(spaced, 0, spaced.length)).isEqualTo(1);
    }

    @Test
    void countsExactlyAcrossTheChunksOfALargeFile() throws IOException {
        long seed = System.nanoTime();
        System.out.println("SpanLogReloadTest large file seed " + seed);
        Random random = new Random(seed);
        Path file = temp.resolve("large.jsonl");
        OtlpJsonWriter writer = new OtlpJsonWriter();
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        byte[] key = "\"startTimeUnixNano\"".getBytes(StandardCharsets.US_ASCII);
        int firstChunkEnd = 1 << 20;
        int spans = 0;
        while (content.size() < 3 << 20) {
            int batch = 1 + random.nextInt(50);
            byte[] line = writer.toBytes(TestSpans.numbered(spans, batch));
            int padding = random.nextInt(100);
            int keyAt = indexOf(line, key);
            // This line's first key crosses the end of the counter's first chunk: "startTimeU | nixNano". The line
            // that can still do it is padded; the margin covers the next line's key lying further in than this one's
            // (without it, some seeds passed the chunk's end with no line able to straddle it).
            int straddling = firstChunkEnd - 15 - keyAt - content.size();
            if (straddling >= 0 && straddling < line.length + padding + 1 + 4096) {
                padding = straddling;
            }
            content.write(" ".repeat(padding).getBytes(StandardCharsets.US_ASCII));
            content.write(line);
            content.write('\n');
            spans += batch;
        }
        Files.write(file, content.toByteArray());
        assertThat(indexOf(Arrays.copyOfRange(content.toByteArray(), firstChunkEnd - key.length, firstChunkEnd + key.length),
                key)).as("a key crosses the first chunk's end").isPositive();

        SpanCounter counter = new SpanCounter(new OtlpJsonReader(), SpanFileReader.MAX_LINE_BYTES);
        assertThat(count(counter, file)).as("seed %d", seed).isEqualTo(spans);
        int maxSpans = 1 + random.nextInt(spans);
        List<StoredSpan> newest = new ArrayList<>();
        SpanLog.readNewest(temp, maxSpans, newest::add);
        assertThat(newest).as("seed %d", seed).isEqualTo(TestSpans.numbered(spans - maxSpans, maxSpans));
    }

    @Test
    void startsWithTheFilesOfOtherToolsAsTheOldest() throws IOException {
        Files.write(temp.resolve("otel-java.jsonl"), OtlpJsonReaderTest.stdoutExporterLines());
        writeRotated(TestSpans.numbered(0, 6), 2, 3);

        List<StoredSpan> read = new ArrayList<>();
        SpanLog.readNewest(temp, 7, read::add);

        assertThat(read).hasSize(7);
        assertThat(read.get(0).name()).isEqualTo("POST /checkout");
        assertThat(read.subList(1, 7)).isEqualTo(TestSpans.numbered(0, 6));
    }

    /** Issue 10, item 7: a metrics file holds startTimeUnixNano too (data points); it must not count as spans. */
    @Test
    void readsPastANewerFileOfAnotherSignal() throws IOException {
        Path traces = Files.write(temp.resolve("traces.jsonl"), new OtlpJsonWriter().toBytes(TestSpans.numbered(0, 10)));
        Path metrics = Files.writeString(temp.resolve("metrics.jsonl"), metricsLine(50) + "\n");
        Files.setLastModifiedTime(traces, java.nio.file.attribute.FileTime.from(Instant.parse("2026-01-05T10:00:00Z")));
        Files.setLastModifiedTime(metrics, java.nio.file.attribute.FileTime.from(Instant.parse("2026-01-05T11:00:00Z")));
        Files.writeString(temp.resolve("logs.jsonl"), "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":"
                + "[{\"timeUnixNano\":\"1\",\"observedTimeUnixNano\":\"2\",\"body\":{\"stringValue\":\"x\"}}]}]}]}\n");

        List<StoredSpan> read = new ArrayList<>();
        ReadResult result = SpanLog.readNewest(temp, 7, read::add);

        assertThat(read).isEqualTo(TestSpans.numbered(3, 7));
        assertThat(result.linesSkipped()).isZero();
        SpanCounter counter = new SpanCounter(new OtlpJsonReader(), SpanFileReader.MAX_LINE_BYTES);
        assertThat(count(counter, metrics)).isZero();
    }

    /** One OTLP/JSON ExportMetricsServiceRequest with {@code points} sum data points, as the Collector writes it. */
    static String metricsLine(int points) {
        StringBuilder line = new StringBuilder("{\"resourceMetrics\":[{\"resource\":{\"attributes\":[{\"key\":"
                + "\"service.name\",\"value\":{\"stringValue\":\"orders\"}}]},\"scopeMetrics\":[{\"scope\":"
                + "{\"name\":\"meter\"},\"metrics\":[{\"name\":\"requests\",\"sum\":{\"dataPoints\":[");
        for (int i = 0; i < points; i++) {
            line.append(i == 0 ? "" : ",").append("{\"startTimeUnixNano\":\"1700000000000000000\",")
                    .append("\"timeUnixNano\":\"1700000060000000000\",\"asInt\":\"").append(i).append("\"}");
        }
        return line.append("],\"aggregationTemporality\":2,\"isMonotonic\":true}}]}]}]}").toString();
    }

    @Test
    void rejectsBadArgumentsByName() throws IOException {
        Path file = Files.writeString(temp.resolve("spans.jsonl"), "");
        assertThatIllegalArgumentException().isThrownBy(() -> SpanLog.readNewest(temp, 0, span -> { }))
                .withMessageStartingWith("maxSpans");
        assertThatIOException().isThrownBy(() -> SpanLog.readNewest(file, 1, span -> { }))
                .withMessageContaining(file + ": it is not a directory");
    }

    @Test
    void aSinkThatThrowsStopsTheReadingAndTheCallerGetsItsException() throws IOException {
        writeRotated(TestSpans.numbered(0, 100), 4, 5);
        IllegalStateException full = new IllegalStateException("store full");
        int[] accepted = {0};

        assertThatThrownBy(() -> SpanLog.readNewest(temp, 100, span -> {
            if (++accepted[0] == 7) {
                throw full;
            }
        })).isSameAs(full);
        assertThatThrownBy(() -> SpanLog.read(temp, span -> {
            throw full;
        })).isSameAs(full);
        await().atMost(Duration.ofSeconds(5)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(thread -> thread.getName().equals("trace-store-reader")));
    }

    /** Any batch sizes, any rotation, any bound: the same spans as the tail of a full read. */
    @Test
    void agreesWithTheTailOfAFullReadForRandomFiles() throws IOException {
        long seed = System.nanoTime();
        System.out.println("SpanLogReloadTest seed " + seed);
        Random random = new Random(seed);
        for (int round = 0; round < 20; round++) {
            Path directory = Files.createDirectory(temp.resolve("round-" + round));
            ManualClock clock = new ManualClock(Instant.parse("2026-01-05T10:00:00Z"));
            int written = 0;
            try (SpanLog log = new Faults().builder(directory, clock).maxFileSize(1 + random.nextInt(6_000))
                    .maxFiles(1 + random.nextInt(8)).build()) {
                for (int batch = random.nextInt(30); batch > 0; batch--) {
                    int size = 1 + random.nextInt(40);
                    log.append(TestSpans.numbered(written, size));
                    written += size;
                    clock.advance(Duration.ofMillis(random.nextInt(3)));
                }
            }
            List<StoredSpan> all = new ArrayList<>();
            SpanLog.read(directory, all::add);
            int maxSpans = 1 + random.nextInt(Math.max(1, all.size() + 10));

            List<StoredSpan> newest = new ArrayList<>();
            ReadResult result = SpanLog.readNewest(directory, maxSpans, newest::add);

            List<StoredSpan> expected = all.subList(Math.max(0, all.size() - maxSpans), all.size());
            assertThat(newest).as("seed %d round %d max %d", seed, round, maxSpans).isEqualTo(expected);
            assertThat(result.spansRead()).isEqualTo(expected.size());
        }
    }

    private static long count(SpanCounter counter, Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return counter.count(channel);
        }
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        for (int i = 0; i + part.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        return -1;
    }

    /** Writes {@code spans} in batches of {@code perBatch} to {@code files} files, oldest rotated first. */
    private static StoredSpan prepared(StoredSpan span) {
        return new StoredSpan(span.traceId(), span.spanId(), span.parentSpanId(), "prepared " + span.name(),
                span.kind(), span.startEpochNanos(), span.endEpochNanos(), span.statusCode(), span.statusMessage(),
                span.attributes(), span.events(), span.links(), span.resource(), span.scope());
    }

    private int writeRotated(List<StoredSpan> spans, int files, int perBatch) throws IOException {
        ManualClock clock = new ManualClock(Instant.parse("2026-01-05T10:00:00Z"));
        int perFile = spans.size() / files;
        int written = 0;
        for (int file = 0; file < files; file++) {
            // A 1-byte limit rotates the previous file before this file's first batch.
            try (SpanLog log = new Faults().builder(temp, clock).maxFileSize(1).maxFiles(files).build()) {
                log.append(spans.subList(written, written + perBatch));
                written += perBatch;
            }
            try (SpanLog log = new Faults().builder(temp, clock).maxFileSize(Long.MAX_VALUE).maxFiles(files).build()) {
                for (int i = perBatch; i < perFile; i += perBatch) {
                    log.append(spans.subList(written, written + perBatch));
                    written += perBatch;
                }
            }
            clock.advance(Duration.ofSeconds(1));
        }
        return written;
    }
}
