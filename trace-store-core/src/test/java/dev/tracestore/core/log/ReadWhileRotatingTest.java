package dev.tracestore.core.log;

import dev.tracestore.core.model.StoredSpan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10, item 9: reading a directory while the writer rotates it. Before, files were listed first and opened by name
 * later, so a {@code spans.jsonl} renamed in between was read as its (new, nearly empty) successor: its spans were
 * skipped. Every read must now see a gap-free prefix of what was written.
 */
class ReadWhileRotatingTest {

    /** About five rotations (two batches a file) while each read is made. */
    private static final int APPENDS_PER_READ = 10;

    @TempDir
    Path temp;

    @Test
    void everyReadIsAGapFreePrefixOfWhatWasWritten() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger rotations = new AtomicInteger();
        AtomicInteger reads = new AtomicInteger();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (SpanLog log = SpanLog.builder(temp).maxFileSize(3_000).maxFiles(Integer.MAX_VALUE).open()) {
            Future<Integer> writer = executor.submit(() -> {
                int written = 0;
                for (int appends = 1; !stop.get(); appends++) {
                    log.append(TestSpans.numbered(written, 5));
                    log.flush();
                    written += 5;
                    if (appends % APPENDS_PER_READ == 0) {
                        // A few rotations during every read, not thousands of files that each read must go through:
                        // the writer waits for the next read, which it then overlaps.
                        awaitNextRead(reads, stop);
                    }
                }
                return written;
            });
            int lastFileCount = 0;
            while (reads.get() < 100 || rotations.get() < 50) {
                List<StoredSpan> read = new ArrayList<>();
                ReadResult result = SpanLog.read(temp, read::add);
                // A last line caught half-written is skipped; everything before it must be there, in order.
                assertThat(firstGap(read)).as("read %d of %d files: the first span out of place", reads.get(),
                        result.filesRead()).isEqualTo(-1);
                int files = SpanLog.spanFiles(temp).size();
                if (files > lastFileCount) {
                    rotations.addAndGet(files - lastFileCount);
                    lastFileCount = files;
                }
                if (reads.incrementAndGet() > 5_000) {
                    break;
                }
            }
            stop.set(true);
            assertThat(writer.get(30, TimeUnit.SECONDS)).isPositive();
            assertThat(rotations.get()).as("the writer rotated while we read").isGreaterThan(10);
        } finally {
            stop.set(true);
            executor.shutdownNow();
        }
    }

    /**
     * No {@code spans.jsonl} to hold on to (a writer between its rename and the new file, or none at all) while rotated
     * files keep appearing: a directory listing is not atomic, so one listing can show a file that appeared during it
     * and miss an older one that appeared just before. Files are moved in one at a time, oldest first, as rotation
     * does, and every read must still be a gap-free prefix. The directory must grow well past what one read of it by
     * the system returns (some 600 names on Linux): a smaller one is listed at once. With the fix undone, the reads
     * went wrong at 640 to 720 files.
     */
    @Test
    void filesAppearingWhileNoCurrentFileExistsLeaveNoGap() throws Exception {
        Path source = temp.resolve("source");
        Path staged = Files.createDirectories(temp.resolve("staged"));
        Path target = Files.createDirectories(temp.resolve("target"));
        try (SpanLog log = SpanLog.builder(source).maxFileSize(1_000).maxFiles(Integer.MAX_VALUE).open()) {
            for (int i = 0; i < 6_000; i += 2) {
                log.append(TestSpans.numbered(i, 2));
                log.flush();
                if (i % 400 == 0) {
                    // The writer lists its directory at every rotation: kept small, writing 1 500 files takes
                    // seconds, not half a minute. The newest stays, so that the next rotated name is later still.
                    List<Path> done = rotatedFiles(source);
                    moveAll(done.subList(0, Math.max(0, done.size() - 1)), staged);
                }
            }
        }
        moveAll(rotatedFiles(source), staged);
        List<Path> rotated = rotatedFiles(staged);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger reads = new AtomicInteger();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> mover = executor.submit(() -> {
                int moved = 0;
                for (Path file : rotated) {
                    if (stop.get()) {
                        break;
                    }
                    Files.move(file, target.resolve(file.getFileName()));
                    moved++;
                    LockSupport.parkNanos(200_000);
                    if (moved % 20 == 0) {
                        // the reader reads while files keep appearing, however slow this machine is
                        awaitNextRead(reads, stop);
                    }
                }
                return moved;
            });
            while (!mover.isDone()) {
                List<StoredSpan> read = new ArrayList<>();
                ReadResult result = SpanLog.read(target, read::add);
                assertThat(firstGap(read)).as("read %d of %d files: the first span out of place", reads.get(),
                        result.filesRead()).isEqualTo(-1);
                reads.incrementAndGet();
            }
            assertThat(mover.get()).isEqualTo(rotated.size());
            assertThat(reads.get()).as("reads made while files were moved in").isGreaterThanOrEqualTo(rotated.size() / 20);
        } finally {
            stop.set(true);
            executor.shutdownNow();
        }
    }

    /** Waits until the reader has made one more read, or is stopped. */
    private static void awaitNextRead(AtomicInteger reads, AtomicBoolean stop) {
        int seen = reads.get();
        while (reads.get() == seen && !stop.get()) {
            LockSupport.parkNanos(100_000);
        }
    }

    /** @return the rotated files of {@code directory}, oldest first ({@code spans.jsonl} left out) */
    private static List<Path> rotatedFiles(Path directory) throws IOException {
        return SpanLog.spanFiles(directory).stream()
                .filter(file -> !file.getFileName().toString().equals(SpanLog.CURRENT_FILE_NAME)).toList();
    }

    private static void moveAll(List<Path> files, Path directory) throws IOException {
        for (Path file : files) {
            Files.move(file, directory.resolve(file.getFileName()));
        }
    }

    /** @return the index of the first span that is not span number {@code index}, or -1 */
    private static int firstGap(List<StoredSpan> read) {
        for (int i = 0; i < read.size(); i++) {
            if (!read.get(i).name().equals("op-" + i)) {
                System.out.println("Span " + i + " of " + read.size() + " is " + read.get(i).name());
                return i;
            }
        }
        return -1;
    }
}
