package dev.tracestore.core.log;

import dev.tracestore.core.model.StoredSpan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIOException;

class SpanLogFaultTest {

    @TempDir
    Path temp;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-05T10:00:00Z"));
    private final Faults faults = new Faults();

    /** Issue 10, item 5 (the log side): a flush after a batch that was not written must fail, whatever failed. */
    @Test
    void aFlushFailsWhenSpansSinceThePreviousFlushWereNotWrittenAndSucceedsAgainAfterwards() throws IOException {
        try (SpanLog log = faults.builder(temp, clock).build()) {
            log.append(TestSpans.numbered(0, 2));
            log.flush();

            faults.diskFull(true);
            log.append(TestSpans.numbered(2, 3));
            assertThatExceptionOfType(SpansNotWrittenException.class).isThrownBy(log::flush)
                    .withMessageContaining("No space left on device")
                    .satisfies(e -> assertThat(e.spans()).isEqualTo(3));

            // The file is closed until the retry: the append fails at once, the flush does nothing with the file.
            assertThatIOException().isThrownBy(() -> log.append(TestSpans.numbered(5, 4)));
            assertThatExceptionOfType(SpansNotWrittenException.class).isThrownBy(log::flush)
                    .satisfies(e -> assertThat(e.spans()).isEqualTo(4));

            faults.diskFull(false);
            clock.advance(RetryBackoff.FIRST.multipliedBy(4));
            log.append(TestSpans.numbered(9, 1));
            log.flush();
            assertThat(log.spansFailed()).isEqualTo(7);
        }
    }

    @Test
    void closeFailsWhenTheLastSpansWereNotWritten() throws IOException {
        SpanLog log = faults.builder(temp, clock).build();
        log.append(TestSpans.numbered(0, 2));
        faults.diskFull(true);

        assertThatExceptionOfType(SpansNotWrittenException.class).isThrownBy(log::close)
                .satisfies(e -> assertThat(e.spans()).isEqualTo(2));
        assertThat(log.state()).isEqualTo(SpanLog.State.CLOSED);
    }

    @Test
    void aFullDiskDropsAndCountsWhatWasBufferedThenWritingResumesOnANewLine() throws IOException {
        try (SpanLog log = faults.builder(temp, clock).build()) {
            log.append(TestSpans.numbered(0, 2));
            log.flush();
            log.append(TestSpans.numbered(2, 3));
            faults.diskFull(true);

            assertThatIOException().isThrownBy(log::flush)
                    .withMessageContaining(log.currentFile().toString())
                    .withMessageContaining("No space left on device");
            assertThat(log.spansFailed()).isEqualTo(3);
            assertThat(log.spansWritten()).isEqualTo(2);
            assertThat(log.isOpen()).isFalse();
            assertThat(log.lastError()).hasValueSatisfying(error -> assertThat(error)
                    .contains(log.currentFile().toString(), "No space left on device"));

            faults.diskFull(false);
            clock.advance(RetryBackoff.FIRST);
            log.append(TestSpans.numbered(5, 1));
            log.flush();

            assertThat(log.lastError()).isEmpty();
            assertThat(log.isOpen()).isTrue();
            assertThat(log.spansWritten()).isEqualTo(3);
        }

        List<StoredSpan> read = new ArrayList<>();
        ReadResult result = SpanLog.read(temp, read::add);
        assertThat(result.linesSkipped()).as("the half line the full disk took").isEqualTo(1);
        assertThat(read).isEqualTo(List.of(TestSpans.numbered(0, 1).get(0), TestSpans.numbered(1, 1).get(0),
                TestSpans.numbered(5, 1).get(0)));
    }

    @Test
    void retriesAFailedFileWithGrowingPausesAndFailsBatchesAtOnceMeanwhile() throws IOException {
        faults.denyOpen(true);
        SpanLog log = faults.builder(temp, clock).build();

        assertThat(log.isOpen()).isFalse();
        assertThat(log.lastError()).hasValueSatisfying(error -> assertThat(error)
                .contains(log.currentFile().toString(), "permission denied"));
        assertThat(faults.opens()).isEqualTo(1);

        // Pauses of 250 ms, 500 ms, 1 s, 2 s, 4 s, then 5 s: count the attempts over 20 s of batches every 50 ms.
        List<Long> attempts = new ArrayList<>();
        for (int tick = 1; tick <= 400; tick++) {
            clock.advance(Duration.ofMillis(50));
            int before = faults.opens();
            assertThatIOException().isThrownBy(() -> log.append(TestSpans.numbered(0, 1)))
                    .withMessageContaining("permission denied");
            if (faults.opens() > before) {
                attempts.add(tick * 50L);
            }
        }
        assertThat(attempts).startsWith(250L, 750L, 1_750L, 3_750L, 7_750L, 12_750L, 17_750L);
        assertThat(log.spansFailed()).isEqualTo(400);

        faults.denyOpen(false);
        clock.advance(Duration.ofSeconds(5));
        log.append(TestSpans.numbered(1, 1));
        assertThatExceptionOfType(SpansNotWrittenException.class).as("the 400 failed batches").isThrownBy(log::close)
                .withMessageContaining("permission denied");
        assertThat(log.lastError()).isEmpty();
        assertThat(Files.readAllLines(log.currentFile())).hasSize(1);
    }

    @Test
    void openThrowsWhatBuildRecords() {
        faults.denyOpen(true);

        assertThatIOException().isThrownBy(() -> faults.builder(temp, clock).open())
                .withMessageContaining(temp.resolve("spans.jsonl").toString())
                .withMessageContaining("permission denied");
    }

    @Test
    void createsTheDirectoryAgainWhenItIsRemovedWhileOpen() throws IOException {
        Path directory = temp.resolve("traces");
        try (SpanLog log = faults.builder(directory, clock).build()) {
            log.append(TestSpans.numbered(0, 1));
            log.flush();
            deleteRecursively(directory);

            log.append(TestSpans.numbered(1, 1));
            log.flush();

            assertThat(log.lastError()).isEmpty();
        }
        List<StoredSpan> read = new ArrayList<>();
        SpanLog.read(directory, read::add);
        assertThat(read).as("what was buffered when it vanished").isEqualTo(TestSpans.numbered(1, 1));
    }

    @Test
    void aFileInThePlaceOfTheDirectoryFailsUntilItIsGone() throws IOException {
        Path directory = temp.resolve("traces");
        try (SpanLog log = faults.builder(directory, clock).build()) {
            log.append(TestSpans.numbered(0, 1));
            log.flush();
            deleteRecursively(directory);
            Files.writeString(directory, "in the way");

            log.append(TestSpans.numbered(1, 1));
            assertThatIOException().isThrownBy(log::flush).withMessageContaining(directory + " as span log directory");
            assertThat(log.spansFailed()).isEqualTo(1);

            Files.delete(directory);
            clock.advance(RetryBackoff.FIRST);
            log.flush();
            assertThat(log.isOpen()).isTrue();
            log.append(TestSpans.numbered(2, 1));
        }
        List<StoredSpan> read = new ArrayList<>();
        SpanLog.read(directory, read::add);
        assertThat(read).isEqualTo(TestSpans.numbered(2, 1));
    }

    @Test
    void forcesToTheDiskOnFlushOnlyWhenFsyncIsOnAndSomethingWasWritten() throws IOException {
        try (SpanLog log = faults.builder(temp.resolve("plain"), clock).build()) {
            log.append(TestSpans.numbered(0, 1));
            log.flush();
        }
        assertThat(faults.forces()).isZero();

        try (SpanLog log = faults.builder(temp.resolve("synced"), clock).fsync(true).build()) {
            log.flush();
            assertThat(faults.forces()).as("nothing written yet").isZero();
            log.append(TestSpans.numbered(0, 1));
            log.flush();
            assertThat(faults.forces()).isEqualTo(1);
            log.flush();
            assertThat(faults.forces()).isEqualTo(1);
            log.append(TestSpans.numbered(1, 1));
        }
        assertThat(faults.forces()).as("close forces the last lines").isEqualTo(2);
    }

    @Test
    void aFailedForceIsAFailureLikeAFailedWrite() throws IOException {
        try (SpanLog log = faults.builder(temp, clock).fsync(true).build()) {
            log.append(TestSpans.numbered(0, 1));
            log.flush();
            log.append(TestSpans.numbered(1, 1));
            faults.failForce(true);
            assertThatIOException().isThrownBy(log::flush).withMessageContaining("Cannot force");
            assertThat(log.lastError()).hasValueSatisfying(error -> assertThat(error)
                    .contains(log.currentFile().toString(), "Input/output error"));
            assertThat(log.isOpen()).isFalse();
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
