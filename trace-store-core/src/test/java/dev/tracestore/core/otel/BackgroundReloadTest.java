package dev.tracestore.core.otel;

import dev.tracestore.core.log.SpanLog;
import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.SpanQuery;
import dev.tracestore.core.store.InMemorySpanStore;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A restart over a directory of spans: the processor is ready at once, and the reload keeps order and count. */
class BackgroundReloadTest {

    @TempDir
    Path directory;

    private static Tracer tracer(FileBasedSpanProcessor processor) {
        return SdkTracerProvider.builder().addSpanProcessor(processor).build().get("test");
    }

    private static void end(Tracer tracer, String prefix, int count) {
        for (int i = 0; i < count; i++) {
            tracer.spanBuilder(prefix + i).startSpan().end();
        }
    }

    @Test
    void buildingDoesNotWaitForTheReloadAndSpansEndedMeanwhileAreStoredOnceAfterTheReloadedOnes() throws Exception {
        FileBasedSpanProcessor before = FileBasedSpanProcessor.builder(new InMemorySpanStore(100))
                .directory(directory).build();
        end(tracer(before), "old-", 8);
        assertThat(before.shutdown().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();

        // A query holds the store: the reload (any thread but the worker) cannot add until it ends.
        GatedStore store = new GatedStore(10, thread -> !thread.getName().equals("trace-store-ingest"));
        store.holdAsQuery();
        AtomicReference<FileBasedSpanProcessor> built = new AtomicReference<>();
        Thread start = new Thread(() -> built.set(FileBasedSpanProcessor.builder(store).directory(directory)
                .build()), "application start");
        start.start();
        start.join(10_000);
        assertThat(start.isAlive()).as("building the processor waited for the reload").isFalse();
        FileBasedSpanProcessor processor = built.get();
        try {
            assertThat(processor.isReloading()).isTrue();
            end(tracer(processor), "new-", 4);

            store.release();
            await().atMost(Duration.ofSeconds(10)).until(() -> !processor.isReloading());
            assertThat(processor.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();

            assertThat(processor.reloaded().spansRead()).isEqualTo(8);
            assertThat(store.findSpans(SpanQuery.builder().limit(100).build())).extracting(StoredSpan::name)
                    .as("the reloaded spans are older: the two oldest are evicted, no new one")
                    .containsExactlyInAnyOrder("old-2", "old-3", "old-4", "old-5", "old-6", "old-7",
                            "new-0", "new-1", "new-2", "new-3");
            assertThat(store.evictedCount()).isEqualTo(2);
            List<String> fromFiles = new ArrayList<>();
            SpanLog.read(directory, span -> fromFiles.add(span.name()));
            assertThat(fromFiles).hasSize(12).doesNotHaveDuplicates();
        } finally {
            store.release();
            processor.shutdown().join(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void spansHeldBackBeyondTheStoresCapacityDuringTheReloadAreCountedAsEvicted() throws Exception {
        FileBasedSpanProcessor before = FileBasedSpanProcessor.builder(new InMemorySpanStore(100))
                .directory(directory).build();
        end(tracer(before), "old-", 8);
        assertThat(before.shutdown().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();

        GatedStore store = new GatedStore(10, thread -> thread.getName().equals("trace-store-reload"));
        store.holdAsQuery();
        FileBasedSpanProcessor processor = FileBasedSpanProcessor.builder(store).directory(directory)
                .ingestDelay(Duration.ZERO).build();
        try {
            end(tracer(processor), "new-", 13);
            await().atMost(Duration.ofSeconds(10)).until(() -> processor.evictedWhileReloadingCount() == 3);
            assertThat(processor.isReloading()).isTrue();

            store.release();
            await().atMost(Duration.ofSeconds(10)).until(() -> !processor.isReloading());
            assertThat(processor.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
            assertThat(store.findSpans(SpanQuery.builder().limit(100).build())).extracting(StoredSpan::name)
                    .containsExactlyInAnyOrder("new-3", "new-4", "new-5", "new-6", "new-7", "new-8", "new-9",
                            "new-10", "new-11", "new-12");
            assertThat(store.evictedCount() + processor.evictedWhileReloadingCount())
                    .as("every span ended is stored or counted: 8 reloaded + 13 new - 10 stored")
                    .isEqualTo(11);
            List<String> fromFiles = new ArrayList<>();
            SpanLog.read(directory, span -> fromFiles.add(span.name()));
            assertThat(fromFiles).hasSize(21).doesNotHaveDuplicates();
        } finally {
            store.release();
            processor.shutdown().join(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aShutdownDuringTheReloadEndsItAndCompletes() throws IOException, InterruptedException {
        FileBasedSpanProcessor before = FileBasedSpanProcessor.builder(new InMemorySpanStore(100))
                .directory(directory).build();
        end(tracer(before), "old-", 8);
        assertThat(before.shutdown().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();

        GatedStore store = new GatedStore(10, thread -> thread.getName().equals("trace-store-reload"));
        store.holdAsQuery();
        FileBasedSpanProcessor processor = FileBasedSpanProcessor.builder(store).directory(directory).build();
        end(tracer(processor), "new-", 2);
        var shutdown = processor.shutdown();
        store.release();
        assertThat(shutdown.join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
        assertThat(processor.isReloading()).isFalse();
        assertThat(store.findSpans(SpanQuery.builder().spanName("new-1").build())).hasSize(1);
    }
}
