package dev.tracestore.core.otel;

import dev.tracestore.core.log.Faults;
import dev.tracestore.core.log.ReadResult;
import dev.tracestore.core.log.SpanLog;
import dev.tracestore.core.log.SpanLogBuilder;
import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.store.InMemorySpanStore;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The disk fails under a running processor: the application never sees it, spans stay in memory, the failures are
 * counted and told, and writing resumes once the fault clears.
 */
class FileBasedSpanProcessorFaultTest {

    @TempDir
    Path temp;

    private final Faults faults = new Faults();
    private final List<SdkTracerProvider> providers = new ArrayList<>();

    @AfterEach
    void closeProviders() {
        faults.release();
        providers.forEach(provider -> provider.shutdown().join(10, TimeUnit.SECONDS));
    }

    private FileBasedSpanProcessor processor(InMemorySpanStore store, SpanLogBuilder log, int queueCapacity) {
        return FileBasedSpanProcessor.builder(store).log(log).queueCapacity(queueCapacity)
                .flushInterval(Duration.ofMillis(50)).build();
    }

    private Tracer tracer(FileBasedSpanProcessor processor) {
        SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(processor).build();
        providers.add(provider);
        return provider.get("test");
    }

    private static void end(Tracer tracer, String name, int count) {
        for (int i = 0; i < count; i++) {
            tracer.spanBuilder(name).startSpan().end();
        }
    }

    private static void flush(FileBasedSpanProcessor processor) {
        assertThat(processor.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
    }

    private static void flushFails(FileBasedSpanProcessor processor) {
        assertThat(processor.forceFlush().join(10, TimeUnit.SECONDS).isSuccess())
                .as("a flush of spans that were not written fails, as the SDK expects").isFalse();
    }

    @Test
    void aFullDiskKeepsSpansInMemoryCountsTheFailedWritesAndWritingResumesWhenSpaceIsBack() throws IOException {
        InMemorySpanStore store = new InMemorySpanStore(10_000);
        FileBasedSpanProcessor processor = processor(store, faults.builder(temp), 8192);
        Tracer tracer = tracer(processor);
        end(tracer, "before", 100);
        flush(processor);

        faults.diskFull(true);
        end(tracer, "during", 200);
        flushFails(processor);

        assertThat(store.size()).isEqualTo(300);
        assertThat(processor.writtenSpanCount()).isEqualTo(100);
        assertThat(processor.failedSpanCount()).isEqualTo(200);
        assertThat(processor.lastWriteError()).hasValueSatisfying(error -> assertThat(error)
                .contains(temp.resolve("spans.jsonl").toString(), "No space left on device"));

        faults.diskFull(false);
        await().atMost(Duration.ofSeconds(10)).until(processor::isFileLogActive);
        end(tracer, "after", 50);
        flush(processor);

        assertThat(processor.lastWriteError()).isEmpty();
        assertThat(processor.writtenSpanCount()).isEqualTo(150);
        assertThat(processor.failedSpanCount()).isEqualTo(200);
        List<StoredSpan> fromFiles = new ArrayList<>();
        SpanLog.read(temp, fromFiles::add);
        assertThat(fromFiles).extracting(StoredSpan::name).containsOnly("before", "after").hasSize(150);
    }

    @Test
    void aHungDiskNeverBlocksTheApplication() throws InterruptedException {
        InMemorySpanStore store = new InMemorySpanStore(100_000);
        FileBasedSpanProcessor processor = processor(store, faults.builder(temp), 100);
        Tracer tracer = tracer(processor);
        faults.hang();

        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> end(tracer, "request", 5_000));
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join(20_000);
            assertThat(thread.isAlive()).as("an application thread is blocked").isFalse();
        }

        // The worker waits for the hung writer, the queue fills, and the spans beyond it are dropped and counted.
        assertThat(processor.droppedSpanCount()).isPositive();
        faults.release();
        flush(processor);
        assertThat(store.size() + processor.droppedSpanCount()).isEqualTo(20_000);
        assertThat(processor.writtenSpanCount()).isEqualTo(store.size());
    }

    @Test
    void aRemovedDirectoryIsCreatedAgainAndWritingGoesOn() throws IOException {
        Path directory = temp.resolve("traces");
        InMemorySpanStore store = new InMemorySpanStore(1_000);
        FileBasedSpanProcessor processor = processor(store, SpanLog.builder(directory), 8192);
        Tracer tracer = tracer(processor);
        end(tracer, "before", 10);
        flush(processor);

        deleteRecursively(directory);
        end(tracer, "after", 10);
        flush(processor);

        assertThat(processor.lastWriteError()).isEmpty();
        assertThat(store.size()).isEqualTo(20);
        List<StoredSpan> fromFiles = new ArrayList<>();
        SpanLog.read(directory, fromFiles::add);
        assertThat(fromFiles).extracting(StoredSpan::name).containsOnly("after").hasSize(10);
    }

    @Test
    void aDeniedDirectoryAtStartupKeepsSpansInMemoryUntilItMayBeWritten() throws IOException {
        faults.denyOpen(true);
        InMemorySpanStore store = new InMemorySpanStore(1_000);
        FileBasedSpanProcessor processor = processor(store, faults.builder(temp), 8192);
        Tracer tracer = tracer(processor);
        end(tracer, "denied", 5);
        flushFails(processor);

        assertThat(store.size()).isEqualTo(5);
        assertThat(processor.isFileLogActive()).isFalse();
        assertThat(processor.failedSpanCount()).isEqualTo(5);
        assertThat(processor.lastWriteError()).hasValueSatisfying(error -> assertThat(error)
                .contains(temp.resolve("spans.jsonl").toString(), "permission denied"));

        faults.denyOpen(false);
        await().atMost(Duration.ofSeconds(10)).until(processor::isFileLogActive);
        end(tracer, "allowed", 5);
        flush(processor);

        assertThat(processor.lastWriteError()).isEmpty();
        List<StoredSpan> fromFiles = new ArrayList<>();
        ReadResult read = SpanLog.read(temp, fromFiles::add);
        assertThat(read.linesSkipped()).isZero();
        assertThat(fromFiles).extracting(StoredSpan::name).containsOnly("allowed").hasSize(5);
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
