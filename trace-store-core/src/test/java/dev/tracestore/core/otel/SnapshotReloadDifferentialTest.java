package dev.tracestore.core.otel;

import dev.tracestore.core.log.SpanLog;
import dev.tracestore.core.log.SpanSnapshot;
import dev.tracestore.core.store.InMemorySpanStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A reload from the snapshot written at a clean shutdown builds exactly the store a reload of the span files builds:
 * random spans through the real SDK and processor over three sessions (each reloads the last one's snapshot and
 * adds spans, the last maybe none), then the same directory reloaded once from the snapshot and once, copied without it, from the files.
 */
class SnapshotReloadDifferentialTest {

    @TempDir
    Path directory;
    @TempDir
    Path filesOnly;

    @Test
    void theSnapshotReloadsWhatTheFilesReload() throws IOException {
        long seed = System.nanoTime();
        System.out.println("SnapshotReloadDifferentialTest seed " + seed);
        Random random = new Random(seed);
        int maxSpans = 50 + random.nextInt(400);
        long settingsSeed = random.nextLong();
        UnaryOperator<FileBasedSpanProcessorBuilder> fixed = builder -> {
            Random same = new Random(settingsSeed);
            return builder.log(SpanLog.builder(directoryOf(builder)).maxFileSize(16 << 10).maxFiles(100_000))
                    .maxAttributeLength(40 + same.nextInt(2) * 30) // long values are cut, and cut again when reloaded
                    .maxAttributes(4 + same.nextInt(2) * 100).snapshotOnShutdown(true);
        };
        for (int session = 0; session < 3; session++) {
            InMemorySpanStore store = new InMemorySpanStore(maxSpans);
            FileBasedSpanProcessor processor = fixed.apply(FileBasedSpanProcessor.builder(store).directory(directory))
                    .build();
            await().atMost(Duration.ofSeconds(30)).until(() -> !processor.isReloading());
            assertThat(processor.reloadedFromSnapshot()).as("session %d", session).isEqualTo(session > 0);
            // the last session may add nothing: its snapshot is then the reloaded store again
            new RandomSdkSpans(random).record(processor, session == 2 ? random.nextInt(3) : maxSpans / 4
                    + random.nextInt(maxSpans));
            assertThat(directory.resolve(SpanSnapshot.FILE_NAME)).as("session %d", session).exists();
        }
        copyWithoutSnapshot(directory, filesOnly);

        ReloadedStore fromFiles = ReloadedStore.start(filesOnly, maxSpans, fixed);
        ReloadedStore fromSnapshot = ReloadedStore.start(directory, maxSpans, fixed);

        assertThat(fromFiles.fromSnapshot()).isFalse();
        assertThat(fromSnapshot.fromSnapshot()).isTrue();
        assertThat(fromSnapshot.size()).isPositive();
        fromSnapshot.assertSameAs(fromFiles);
    }

    private static Path directoryOf(FileBasedSpanProcessorBuilder builder) {
        return builder.log.directory();
    }

    static void copyWithoutSnapshot(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".jsonl") || name.endsWith(".json")) {
                    Files.copy(file, to.resolve(name));
                }
            }
        }
    }
}
