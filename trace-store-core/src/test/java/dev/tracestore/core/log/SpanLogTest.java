package dev.tracestore.core.log;

import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SpanLogTest {

    @TempDir
    Path temp;

    @Test
    void roundTripsEveryFeatureOfTheModel() throws IOException {
        List<StoredSpan> spans = TestSpans.everything();
        try (SpanLog log = SpanLog.open(temp)) {
            log.append(spans);
        }

        List<StoredSpan> read = readAll(temp);

        assertThat(read).containsExactlyInAnyOrderElementsOf(spans);
        // Grouping by resource, then scope, is the only reordering.
        assertThat(read).containsExactly(spans.get(0), spans.get(3), spans.get(1), spans.get(2), spans.get(4));
    }

    @Test
    void aBatchTooLargeForOneReadableLineIsSplitIntoSeveral() throws IOException {
        // Three spans of 22 MB each: one line of 66 MB would be skipped by the reader (64 MB at most).
        String megabyte = "x".repeat(1 << 20);
        AttributesBuilder huge = Attributes.builder();
        for (int i = 0; i < 22; i++) {
            huge.put("value." + i, megabyte);
        }
        List<StoredSpan> batch = TestSpans.numbered(0, 3).stream()
                .map(span -> new StoredSpan(span.traceId(), span.spanId(), "", span.name(), span.kind(),
                        span.startEpochNanos(), span.endEpochNanos(), span.statusCode(), "", huge.build(), List.of(),
                        List.of(), span.resource(), span.scope()))
                .toList();
        try (SpanLog log = SpanLog.open(temp)) {
            log.append(batch);
        }

        List<StoredSpan> read = new ArrayList<>();
        ReadResult result = SpanLog.read(temp, read::add);
        assertThat(result.linesSkipped()).isZero();
        assertThat(read).isEqualTo(batch);
        try (var lines = Files.lines(temp.resolve("spans.jsonl"))) {
            assertThat(lines.count()).isEqualTo(2);
        }
    }

    @Test
    void writesOneOtlpJsonLinePerNonEmptyBatch() throws IOException {
        try (SpanLog log = SpanLog.open(temp)) {
            log.append(TestSpans.everything());
            log.append(List.of());
            log.append(TestSpans.numbered(0, 3));
        }

        String content = Files.readString(temp.resolve("spans.jsonl"));
        List<String> lines = content.lines().toList();

        assertThat(content).endsWith("}\n");
        assertThat(lines).hasSize(2).allSatisfy(line -> assertThat(line).startsWith("{\"resourceSpans\":[").endsWith("]}"));
        assertThat(lines.get(0))
                .containsPattern("\"startTimeUnixNano\":\"\\d+\"")
                .contains("{\"intValue\":\"42\"}")
                .contains("\"kind\":2")
                .containsPattern("\"traceId\":\"[0-9a-f]{32}\",\"spanId\":\"[0-9a-f]{16}\"");
    }

    @Test
    void skipsAndCountsATornLastLineAndAGarbageLine() throws IOException {
        try (SpanLog log = SpanLog.open(temp)) {
            log.append(TestSpans.numbered(0, 2));
        }
        Path file = temp.resolve("spans.jsonl");
        byte[] good = new OtlpJsonWriter().toBytes(TestSpans.numbered(2, 2));
        Files.write(file, "this is not json {\n".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        Files.write(file, good, StandardOpenOption.APPEND);
        Files.write(file, "\n\n   \n".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        Files.write(file, Arrays.copyOf(good, good.length / 2), StandardOpenOption.APPEND);

        List<StoredSpan> read = new ArrayList<>();
        ReadResult result = SpanLog.read(file, read::add);

        assertThat(result).isEqualTo(new ReadResult(4, 2, 1));
        assertThat(read).isEqualTo(TestSpans.numbered(0, 4));
    }

    @Test
    void appendsOnAFreshLineAfterATornTail() throws IOException {
        try (SpanLog log = SpanLog.open(temp)) {
            log.append(TestSpans.numbered(0, 2));
        }
        byte[] torn = new OtlpJsonWriter().toBytes(TestSpans.numbered(100, 5));
        Files.write(temp.resolve("spans.jsonl"), Arrays.copyOf(torn, torn.length - 7), StandardOpenOption.APPEND);

        try (SpanLog log = SpanLog.open(temp)) {
            log.append(TestSpans.numbered(2, 2));
            log.append(TestSpans.numbered(4, 1));
        }

        List<StoredSpan> read = new ArrayList<>();
        ReadResult result = SpanLog.read(temp, read::add);
        assertThat(result).isEqualTo(new ReadResult(5, 1, 1));
        assertThat(read).isEqualTo(TestSpans.numbered(0, 5));
    }

    @Test
    void acceptsACompleteLastLineWithoutNewline() throws IOException {
        Path file = temp.resolve("other-tool.json");
        Files.write(file, new OtlpJsonWriter().toBytes(TestSpans.numbered(0, 3)));

        List<StoredSpan> read = new ArrayList<>();
        assertThat(SpanLog.read(file, read::add)).isEqualTo(new ReadResult(3, 0, 1));
        assertThat(read).isEqualTo(TestSpans.numbered(0, 3));
    }

    @Test
    void createsTheDirectoryAndTheFileOwnerOnly() throws IOException {
        assumeTrue(temp.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX file system");
        Path directory = temp.resolve("a/b/traces");

        try (SpanLog log = SpanLog.open(directory)) {
            assertThat(log.directory()).isEqualTo(directory);
            assertThat(log.currentFile()).isEqualTo(directory.resolve("spans.jsonl"));
        }

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve("a")))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve("spans.jsonl"))))
                .isEqualTo("rw-------");
    }

    @Test
    void refusesAFileAsDirectoryNamingThePath() throws IOException {
        Path file = Files.writeString(temp.resolve("not-a-directory"), "x");

        assertThatIOException().isThrownBy(() -> SpanLog.open(file))
                .withMessageContaining(file.toString())
                .withMessageContaining("not a directory");
        assertThatIOException().isThrownBy(() -> SpanLog.open(file.resolve("below")))
                .withMessageContaining(file.resolve("below").toString());
    }

    @Test
    void refusesANonWritableDirectoryNamingThePath() throws IOException {
        assumeTrue(temp.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX file system");
        assumeFalse("root".equals(System.getProperty("user.name")), "root writes to read-only directories");
        Path directory = Files.createDirectory(temp.resolve("read-only"));
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("r-x------"));
        try {
            assertThatIOException().isThrownBy(() -> SpanLog.open(directory))
                    .withMessageContaining(directory.toString())
                    .withMessageContaining("not writable");
        } finally {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void refusesADirectoryInThePlaceOfTheFile() throws IOException {
        Files.createDirectories(temp.resolve("spans.jsonl"));

        assertThatIOException().isThrownBy(() -> SpanLog.open(temp))
                .withMessageContaining(temp.resolve("spans.jsonl").toString());
    }

    @Test
    void readingAMissingPathNamesIt() {
        Path missing = temp.resolve("nowhere");

        assertThatExceptionOfType(NoSuchFileException.class).isThrownBy(() -> SpanLog.read(missing, span -> { }))
                .withMessageContaining(missing.toString());
    }

    @Test
    void readsTheFilesOfOtherToolsFirstThenTheRotatedFilesByNameThenTheCurrentFile() throws IOException {
        Path rotated1 = write("spans-2025-12-31T23-59-59.999Z.jsonl", TestSpans.numbered(0, 2));
        Path rotated2 = write("spans-2026-01-01T00-00-00.000Z.jsonl", TestSpans.numbered(2, 2));
        Path current = write("spans.jsonl", TestSpans.numbered(4, 2));
        Path foreign = write("collector.json", TestSpans.numbered(6, 1));
        Path handRotated = write("spans-1.jsonl", TestSpans.numbered(7, 1));
        Files.writeString(temp.resolve("notes.txt"), "ignored");
        Files.createDirectory(temp.resolve("sub.jsonl"));
        // Modification times that contradict the names, as copying a directory can leave them.
        Files.setLastModifiedTime(rotated1, FileTime.from(Instant.parse("2026-02-01T00:00:00Z")));
        Files.setLastModifiedTime(rotated2, FileTime.from(Instant.parse("2025-01-01T00:00:00Z")));
        Files.setLastModifiedTime(current, FileTime.from(Instant.parse("2024-01-01T00:00:00Z")));
        Files.setLastModifiedTime(foreign, FileTime.from(Instant.parse("2025-06-01T00:00:00Z")));
        Files.setLastModifiedTime(handRotated, FileTime.from(Instant.parse("2024-06-01T00:00:00Z")));

        assertThat(SpanDirectory.filesInReadOrder(temp)).containsExactly(handRotated, foreign, rotated1, rotated2, current);
        List<StoredSpan> read = new ArrayList<>();
        assertThat(SpanLog.read(temp, read::add)).isEqualTo(new ReadResult(8, 0, 5));
        assertThat(read).extracting(StoredSpan::name)
                .containsExactly("op-7", "op-6", "op-0", "op-1", "op-2", "op-3", "op-4", "op-5");
    }

    @Test
    void readsAnEmptyDirectory() throws IOException {
        assertThat(SpanLog.read(temp, span -> { })).isEqualTo(new ReadResult(0, 0, 0));
    }

    @Test
    void streamsThousandsOfSpansInOrder() throws IOException {
        int batches = 200;
        int perBatch = 25;
        try (SpanLog log = SpanLog.open(temp)) {
            for (int b = 0; b < batches; b++) {
                log.append(TestSpans.numbered(b * perBatch, perBatch));
            }
            assertThat(log.bytesWritten()).isPositive();
        }
        assertThat(Files.readAllLines(temp.resolve("spans.jsonl"))).hasSize(batches);

        List<StoredSpan> read = new ArrayList<>();
        ReadResult result = SpanLog.read(temp, read::add);

        assertThat(result).isEqualTo(new ReadResult(batches * perBatch, 0, 1));
        assertThat(read).isEqualTo(TestSpans.numbered(0, batches * perBatch));
    }

    @Test
    void splitsLinesAcrossReadChunksAndSkipsOverlongLines() throws IOException {
        Path file = temp.resolve("spans.jsonl");
        byte[] small = new OtlpJsonWriter().toBytes(TestSpans.numbered(0, 1));
        byte[] large = new OtlpJsonWriter().toBytes(TestSpans.numbered(1, 40));
        Files.write(file, small);
        Files.write(file, "\n".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        Files.write(file, large, StandardOpenOption.APPEND);
        Files.write(file, "\n".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        Files.write(file, small, StandardOpenOption.APPEND);
        assertThat(large.length).isGreaterThan(4 * small.length);

        List<StoredSpan> read = new ArrayList<>();
        SpanFileReader reader = new SpanFileReader(new OtlpJsonReader(), 2 * small.length);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            reader.forEachLine(file, channel, 0, (buffer, offset, length, fileOffset) ->
                    read.addAll(reader.decode(file, fileOffset, buffer, offset, length)));
        }

        assertThat(reader.linesSkipped()).isEqualTo(1);
        assertThat(read).containsExactly(TestSpans.numbered(0, 1).get(0), TestSpans.numbered(0, 1).get(0));
    }

    @Test
    void countsBytesFlushesAndClosesOnce() throws IOException {
        SpanLog log = SpanLog.open(temp);
        Path file = log.currentFile();
        log.append(TestSpans.numbered(0, 1));
        long expected = new OtlpJsonWriter().toBytes(TestSpans.numbered(0, 1)).length + 1;

        assertThat(log.bytesWritten()).isEqualTo(expected);
        assertThat(Files.size(file)).as("buffered until flushed").isZero();
        log.flush();
        assertThat(Files.size(file)).isEqualTo(expected);

        log.append(TestSpans.numbered(1, 1));
        log.close();
        log.close();
        log.flush();
        assertThat(Files.readAllLines(file)).hasSize(2);
        assertThatIOException().isThrownBy(() -> log.append(TestSpans.numbered(2, 1))).withMessageContaining("closed");
    }

    @Test
    void appendsToAnExistingFile() throws IOException {
        try (SpanLog log = SpanLog.open(temp)) {
            log.append(TestSpans.numbered(0, 1));
        }
        try (SpanLog log = SpanLog.open(temp)) {
            log.append(TestSpans.numbered(1, 1));
        }

        assertThat(readAll(temp)).isEqualTo(TestSpans.numbered(0, 2));
    }

    @Test
    void readsAFileWrittenByOpenTelemetryJava() throws IOException {
        Files.write(temp.resolve("otel-java.jsonl"), OtlpJsonReaderTest.stdoutExporterLines());

        List<StoredSpan> read = new ArrayList<>();
        ReadResult result = SpanLog.read(temp, read::add);

        assertThat(result).isEqualTo(new ReadResult(2, 0, 1));
        OtlpJsonReaderTest.assertRecordedSpans(read);
    }

    private Path write(String name, List<StoredSpan> spans) throws IOException {
        byte[] json = new OtlpJsonWriter().toBytes(spans);
        Path file = temp.resolve(name);
        Files.write(file, json);
        Files.write(file, new byte[] {'\n'}, StandardOpenOption.APPEND);
        return file;
    }

    private static List<StoredSpan> readAll(Path path) throws IOException {
        List<StoredSpan> read = new ArrayList<>();
        ReadResult result = SpanLog.read(path, read::add);
        assertThat(result.linesSkipped()).isZero();
        return read;
    }
}
