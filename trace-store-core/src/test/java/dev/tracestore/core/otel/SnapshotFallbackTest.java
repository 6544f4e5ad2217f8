package dev.tracestore.core.otel;

import dev.tracestore.core.log.SpanLog;
import dev.tracestore.core.log.SpanSnapshot;
import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.store.InMemorySpanStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every way a snapshot must not be used: the span files or the settings changed after it was written, it is damaged,
 * cut short or of another version. Each time the start reads the files instead (or, for damage found part way, goes
 * on from them), and builds exactly the store a start without any snapshot builds. A snapshot is read once: deleted
 * when opened, so a crash later finds none. And the shutdown writes none when the store holds other than the files.
 */
class SnapshotFallbackTest {

    private static final int MAX_SPANS = 300;
    private static final UnaryOperator<FileBasedSpanProcessorBuilder> SETTINGS = builder -> builder
            .log(SpanLog.builder(builder.log.directory()).maxFileSize(16 << 10).maxFiles(100_000))
            .maxAttributeLength(64).snapshotOnShutdown(true);

    @TempDir
    Path directory;
    @TempDir
    Path filesOnly;
    private Path snapshot;

    @BeforeEach
    void twoSessionsWithASnapshot() {
        long seed = System.nanoTime();
        System.out.println("SnapshotFallbackTest seed " + seed);
        Random random = new Random(seed);
        for (int session = 0; session < 2; session++) {
            FileBasedSpanProcessor processor = start(directory, SETTINGS);
            new RandomSdkSpans(random).record(processor, 60 + random.nextInt(60));
        }
        snapshot = directory.resolve(SpanSnapshot.FILE_NAME);
        assertThat(snapshot).exists();
    }

    @Test
    void aSnapshotIsUsedOnceAndDeletedWhenOpened() throws IOException {
        FileBasedSpanProcessor processor = start(directory, SETTINGS);
        assertThat(processor.reloadedFromSnapshot()).isTrue();
        assertThat(snapshot).doesNotExist(); // a crash from here on finds none
        processor.shutdown().join(30, TimeUnit.SECONDS);
        assertThat(snapshot).exists();
        assertUsed(true);
    }

    @Test
    void spansAppendedAfterTheSnapshotAreReloadedFromTheFiles() throws IOException {
        try (SpanLog log = SpanLog.open(directory)) {
            log.append(List.of(StoredSpan.builder().traceId("0af7651916cd43dd8448eb211c80319c")
                    .spanId("b7ad6b7169203331").name("appended later").startEpochNanos(1).endEpochNanos(2).build()));
        }
        ReloadedStore reloaded = assertUsed(false);
        assertThat(reloaded.spans().get(reloaded.spans().size() - 1).name()).isEqualTo("appended later");
    }

    @Test
    void aDeletedSpanFileMakesTheStartReadTheFiles() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            Files.delete(files.filter(file -> file.getFileName().toString().startsWith("spans-")).sorted().findFirst()
                    .orElseThrow());
        }
        assertUsed(false);
    }

    @Test
    void aSpanFileRewrittenToTheSameLengthMakesTheStartReadTheFiles() throws IOException, InterruptedException {
        Path current = directory.resolve("spans.jsonl");
        byte[] bytes = Files.readAllBytes(current);
        Thread.sleep(20); // a later last-modified time, as any later write has
        int at = new String(bytes, StandardCharsets.ISO_8859_1).lastIndexOf("\"name\":\"") + 8;
        bytes[at] = (byte) (bytes[at] == 'Z' ? 'Y' : 'Z');
        Files.write(current, bytes);
        assertUsed(false);
    }

    @Test
    void changedSettingsMakeTheStartReadTheFiles() throws IOException {
        UnaryOperator<FileBasedSpanProcessorBuilder> shorter = builder -> SETTINGS.apply(builder).maxAttributeLength(20);
        assertUsed(false, shorter, MAX_SPANS);
    }

    @Test
    void changedRedactionMakesTheStartReadTheFiles() throws IOException {
        UnaryOperator<FileBasedSpanProcessorBuilder> redactMore = builder -> SETTINGS.apply(builder)
                .redact(Redaction.builder().keys(List.of("thread.name")).build());
        assertUsed(false, redactMore, MAX_SPANS);
    }

    @Test
    void changedMaxSpansMakesTheStartReadTheFiles() throws IOException {
        assertUsed(false, SETTINGS, MAX_SPANS - 7);
    }

    @Test
    void aSnapshotOfAnotherVersionIsNotUsed() throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(snapshot.toFile(), "rw")) {
            file.seek(8);
            file.write(2); // the version, little-endian, after the 8-byte magic number
        }
        assertUsed(false);
    }

    @Test
    void aSnapshotCutShortGoesOnFromTheFiles() throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(snapshot.toFile(), "rw")) {
            file.setLength(file.length() * 2 / 3);
        }
        assertUsed(false);
    }

    @Test
    void aDamagedSnapshotGoesOnFromTheFiles() throws IOException {
        // a changed digit in a status message still decodes: only the block's checksum tells
        byte[] bytes = Files.readAllBytes(snapshot);
        int at = new String(bytes, StandardCharsets.ISO_8859_1).lastIndexOf("timeout after ") + "timeout after ".length();
        assertThat(at).isGreaterThan("timeout after ".length());
        bytes[at] = (byte) (bytes[at] == '1' ? '2' : '1');
        Files.write(snapshot, bytes);
        assertUsed(false);
    }

    @Test
    void noSnapshotWhenTheFilesHoldFewerSpansThanTheStore() throws IOException {
        // as when retention deleted files whose spans the store still held (here: all of them)
        FileBasedSpanProcessor processor = start(directory, SETTINGS);
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(file -> file.getFileName().toString().endsWith(".jsonl")).toList()) {
                Files.delete(file);
            }
        }
        processor.shutdown().join(30, TimeUnit.SECONDS);
        assertThat(snapshot).doesNotExist();
    }

    /** Starts from the snapshot's directory and from a copy of its files alone; both must build the same store. */
    private ReloadedStore assertUsed(boolean used) throws IOException {
        return assertUsed(used, SETTINGS, MAX_SPANS);
    }

    private ReloadedStore assertUsed(boolean used, UnaryOperator<FileBasedSpanProcessorBuilder> settings,
            int maxSpans) throws IOException {
        SnapshotReloadDifferentialTest.copyWithoutSnapshot(directory, filesOnly);
        ReloadedStore expected = ReloadedStore.start(filesOnly, maxSpans, settings);
        ReloadedStore reloaded = ReloadedStore.start(directory, maxSpans, settings);
        assertThat(reloaded.fromSnapshot()).isEqualTo(used);
        assertThat(reloaded.size()).isPositive();
        reloaded.assertSameAs(expected);
        return reloaded;
    }

    private static FileBasedSpanProcessor start(Path directory, UnaryOperator<FileBasedSpanProcessorBuilder> settings) {
        FileBasedSpanProcessor processor = settings.apply(FileBasedSpanProcessor.builder(
                new InMemorySpanStore(MAX_SPANS)).directory(directory)).build();
        await().atMost(Duration.ofSeconds(30)).until(() -> !processor.isReloading());
        return processor;
    }
}
