package dev.tracestore.core.log;

import dev.tracestore.core.model.StoredSpan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SpanLogRotationTest {

    private static final Instant T0 = Instant.parse("2026-01-05T10:15:30.123Z");

    @TempDir
    Path temp;

    private final ManualClock clock = new ManualClock(T0);

    private SpanLogBuilder builder() {
        return new Faults().builder(temp, clock);
    }

    @Test
    void rotatesBetweenBatchesSoThatEveryLineStaysWhole() throws IOException {
        long maxFileSize = 4_000;
        int spans = 0;
        try (SpanLog log = builder().maxFileSize(maxFileSize).maxFiles(1_000).build()) {
            for (int batch = 0; batch < 60; batch++) {
                int size = 1 + batch % 7;
                log.append(TestSpans.numbered(spans, size));
                spans += size;
                clock.advance(Duration.ofMillis(10));
            }
        }

        List<Path> files = SpanDirectory.filesInReadOrder(temp);
        assertThat(files).hasSizeGreaterThan(5);
        assertThat(files.get(files.size() - 1).getFileName()).hasToString("spans.jsonl");
        long largestLine = 0;
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file);
            largestLine = Math.max(largestLine, lines.stream().mapToLong(String::length).max().orElse(0) + 1);
            assertThat(Files.readString(file)).endsWith("}\n");
        }
        for (Path rotated : files.subList(0, files.size() - 1)) {
            assertThat(rotated.getFileName().toString()).matches("spans-2026-01-05T10-1\\d-\\d\\d\\.\\d{3}Z\\.jsonl");
            assertThat(Files.size(rotated)).isBetween(maxFileSize, maxFileSize + largestLine);
        }
        List<StoredSpan> read = new ArrayList<>();
        assertThat(SpanLog.read(temp, read::add)).isEqualTo(new ReadResult(spans, 0, files.size()));
        assertThat(read).isEqualTo(TestSpans.numbered(0, spans));
    }

    @Test
    void namesRotatedFilesInIncreasingOrderAlsoWhenTheClockStandsStillOrStepsBack() throws IOException {
        try (SpanLog log = builder().maxFileSize(1).maxFiles(100).build()) {
            for (int i = 0; i < 4; i++) {
                log.append(TestSpans.numbered(i, 1));
            }
            clock.set(T0.minus(Duration.ofHours(1)));
            log.append(TestSpans.numbered(4, 1));
        }

        assertThat(rotatedNames()).containsExactly(
                "spans-2026-01-05T10-15-30.123Z.jsonl",
                "spans-2026-01-05T10-15-30.124Z.jsonl",
                "spans-2026-01-05T10-15-30.125Z.jsonl",
                "spans-2026-01-05T10-15-30.126Z.jsonl");
        List<StoredSpan> read = new ArrayList<>();
        SpanLog.read(temp, read::add);
        assertThat(read).isEqualTo(TestSpans.numbered(0, 5));
    }

    @Test
    void keepsAtMostMaxFilesDeletingTheOldestRotatedOnes() throws IOException {
        try (SpanLog log = builder().maxFileSize(1).maxFiles(3).build()) {
            for (int i = 0; i < 10; i++) {
                log.append(TestSpans.numbered(i, 1));
                clock.advance(Duration.ofSeconds(1));
            }
        }

        assertThat(SpanDirectory.filesInReadOrder(temp)).hasSize(3);
        List<StoredSpan> read = new ArrayList<>();
        SpanLog.read(temp, read::add);
        assertThat(read).isEqualTo(TestSpans.numbered(7, 3));
    }

    @Test
    void listsTheDirectoryAtOpenNotAtEveryRotation() throws IOException {
        Faults faults = new Faults();
        try (SpanLog log = faults.builder(temp, clock).maxFileSize(1).maxFiles(5).build()) {
            for (int i = 0; i < 200; i++) {
                log.append(TestSpans.numbered(i, 1));
                clock.advance(Duration.ofMillis(1));
            }
            assertThat(faults.listings()).as("listings after 199 rotations").isEqualTo(1);
        }

        assertThat(SpanDirectory.filesInReadOrder(temp)).as("retention still applied").hasSize(5);
        List<StoredSpan> read = new ArrayList<>();
        SpanLog.read(temp, read::add);
        assertThat(read).isEqualTo(TestSpans.numbered(195, 5));
    }

    @Test
    void listsTheDirectoryAgainWhenItOpensTheFileAfterAFailure() throws IOException {
        Faults faults = new Faults();
        try (SpanLog log = faults.builder(temp, clock).maxFileSize(1).maxFiles(3).build()) {
            log.append(TestSpans.numbered(0, 1));
            faults.diskFull(true);
            assertThatIOException().isThrownBy(() -> log.append(TestSpans.numbered(1, 1)));
            faults.diskFull(false);
            // Meanwhile, files rotated by an earlier writer came back from a backup: retention must see them.
            for (int minute = 1; minute <= 3; minute++) {
                Files.writeString(temp.resolve("spans-2026-01-04T00-0" + minute + "-00.000Z.jsonl"), "");
            }
            clock.advance(Duration.ofSeconds(1));
            assertThatIOException().as("the spans lost to the full disk").isThrownBy(log::flush);

            assertThat(faults.listings()).isEqualTo(2);
            assertThat(rotatedNames()).hasSize(2);
        }
    }

    @Test
    void maxFilesOfOneKeepsOnlyTheCurrentFile() throws IOException {
        try (SpanLog log = builder().maxFileSize(1).maxFiles(1).build()) {
            log.append(TestSpans.numbered(0, 1));
            log.append(TestSpans.numbered(1, 1));
        }

        assertThat(SpanDirectory.filesInReadOrder(temp)).containsExactly(temp.resolve("spans.jsonl"));
    }

    @Test
    void deletesRotatedFilesOlderThanMaxFileAgeAtTheNextFlush() throws IOException {
        try (SpanLog log = builder().maxFileSize(1).maxFiles(100).maxFileAge(Duration.ofHours(1)).build()) {
            log.append(TestSpans.numbered(0, 1));
            log.append(TestSpans.numbered(1, 1));     // rotates the file holding span 0 at T0
            clock.advance(Duration.ofMinutes(30));
            log.append(TestSpans.numbered(2, 1));     // rotates the file holding span 1 at T0 + 30 min
            clock.advance(Duration.ofMinutes(31));
            log.flush();

            assertThat(rotatedNames()).containsExactly("spans-2026-01-05T10-45-30.123Z.jsonl");
            clock.advance(Duration.ofMinutes(30));
            log.flush();
            assertThat(rotatedNames()).isEmpty();
        }
        List<StoredSpan> read = new ArrayList<>();
        SpanLog.read(temp, read::add);
        assertThat(read).as("the current file is kept").isEqualTo(TestSpans.numbered(2, 1));
    }

    @Test
    void retentionNeverDeletesFilesItDidNotRotate() throws IOException {
        Path collector = Files.writeString(temp.resolve("collector.json"), "{}\n");
        Path handRotated = Files.writeString(temp.resolve("spans-1.jsonl"), "{}\n");
        Path notes = Files.writeString(temp.resolve("spans-2026-01-01T00-00-00.000Z.jsonl.txt"), "x");
        try (SpanLog log = builder().maxFileSize(1).maxFiles(1).maxFileAge(Duration.ofMillis(1)).build()) {
            for (int i = 0; i < 3; i++) {
                log.append(TestSpans.numbered(i, 1));
            }
            clock.advance(Duration.ofDays(1));
            log.flush();
        }

        assertThat(collector).exists();
        assertThat(handRotated).exists();
        assertThat(notes).exists();
    }

    @Test
    void aNewLogContinuesAfterTheRotatedFilesItFindsAndAppliesItsLimitsToThem() throws IOException {
        try (SpanLog log = builder().maxFileSize(1).maxFiles(10).build()) {
            for (int i = 0; i < 6; i++) {
                log.append(TestSpans.numbered(i, 1));
            }
        }
        assertThat(rotatedNames()).hasSize(5);

        clock.set(T0.minus(Duration.ofDays(1)));
        try (SpanLog log = builder().maxFileSize(1).maxFiles(3).build()) {
            assertThat(rotatedNames()).as("deleted at open").hasSize(2);
            log.append(TestSpans.numbered(6, 1));
        }

        assertThat(rotatedNames()).containsExactly(
                "spans-2026-01-05T10-15-30.127Z.jsonl",
                "spans-2026-01-05T10-15-30.128Z.jsonl");
        List<StoredSpan> read = new ArrayList<>();
        SpanLog.read(temp, read::add);
        assertThat(read).isEqualTo(TestSpans.numbered(4, 3));
    }

    @Test
    void everyNewCurrentFileIsOwnerOnly() throws IOException {
        assumeTrue(temp.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX file system");
        try (SpanLog log = builder().maxFileSize(1).build()) {
            log.append(TestSpans.numbered(0, 1));
            log.append(TestSpans.numbered(1, 1));
            log.flush();
        }

        try (Stream<Path> files = Files.list(temp)) {
            assertThat(files.toList()).hasSize(3).allSatisfy(file -> assertThat(
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------"));
        }
    }

    @Test
    void builderRejectsBadSettingsByName() {
        SpanLogBuilder builder = SpanLog.builder(temp);
        assertThatIllegalArgumentException().isThrownBy(() -> builder.maxFileSize(0)).withMessageStartingWith("maxFileSize");
        assertThatIllegalArgumentException().isThrownBy(() -> builder.maxFiles(0)).withMessageStartingWith("maxFiles");
        assertThatIllegalArgumentException().isThrownBy(() -> builder.maxFileAge(Duration.ZERO))
                .withMessageStartingWith("maxFileAge");
        assertThat(builder.maxFileAge(null).directory()).isEqualTo(temp);
    }

    private List<String> rotatedNames() throws IOException {
        try (Stream<Path> files = Files.list(temp)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.startsWith("spans-"))
                    .sorted()
                    .toList();
        }
    }
}
