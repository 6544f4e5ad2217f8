package dev.tracestore.core.otel;

import dev.tracestore.core.log.Faults;
import dev.tracestore.core.log.SpanLog;
import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.store.InMemorySpanStore;
import dev.tracestore.core.store.SpanStore;
import dev.tracestore.core.testing.ForwardingSpanStore;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Interrupts, shutdowns and flushes in every order: nothing hangs, a stopped thread is told, and every span ended
 * is stored or counted as dropped.
 */
class ProcessorLifecycleTest {

    @TempDir
    Path directory;

    /** Builds the processor and returns the thread of that name it started. */
    private static Thread startedThread(Supplier<FileBasedSpanProcessor> build, String name,
            List<FileBasedSpanProcessor> built) {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        built.add(build.get());
        return startedSince(before, name);
    }

    private static Tracer tracer(FileBasedSpanProcessor processor) {
        return SdkTracerProvider.builder().addSpanProcessor(processor).build().get("test");
    }

    private static boolean completes(CompletableResultCode result) {
        return result.join(10, TimeUnit.SECONDS).isDone();
    }

    @Test
    void anInterruptedIngestThreadStopsCleanlyAndIsTold() throws IOException {
        InMemorySpanStore store = new InMemorySpanStore(100);
        List<FileBasedSpanProcessor> built = new ArrayList<>();
        Thread ingest = startedThread(() -> FileBasedSpanProcessor.builder(store).directory(directory).build(),
                "trace-store-ingest", built);
        FileBasedSpanProcessor processor = built.get(0);
        Tracer tracer = tracer(processor);
        tracer.spanBuilder("before").startSpan().end();
        assertThat(processor.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();

        ingest.interrupt();
        CompletableResultCode flush = processor.forceFlush();
        assertThat(completes(flush)).as("forceFlush after the interrupt completes").isTrue();
        assertThat(completes(processor.shutdown())).as("shutdown after the interrupt completes").isTrue();
        assertThat(processor.failure()).hasValueSatisfying(reason -> assertThat(reason).contains("interrupted"));

        tracer.spanBuilder("after").startSpan().end();
        assertThat(processor.droppedSpanCount()).as("a span after the stop is counted").isEqualTo(1);
        assertThat(store.size()).isEqualTo(1);
        assertThat(SpanLog.read(directory, span -> { }).spansRead()).isEqualTo(1);
    }

    @Test
    void anInterruptedWriterThreadFailsTheFlushesInsteadOfHangingThem() {
        InMemorySpanStore store = new InMemorySpanStore(100);
        List<FileBasedSpanProcessor> built = new ArrayList<>();
        Thread writer = startedThread(() -> FileBasedSpanProcessor.builder(store).directory(directory).build(),
                "trace-store-writer", built);
        FileBasedSpanProcessor processor = built.get(0);
        Tracer tracer = tracer(processor);

        writer.interrupt();
        tracer.spanBuilder("unwritten").startSpan().end();
        CompletableResultCode flush = processor.forceFlush();
        assertThat(completes(flush)).isTrue();
        assertThat(flush.isSuccess()).as("the span was not written").isFalse();
        assertThat(processor.failure()).hasValueSatisfying(reason -> assertThat(reason).contains("writer"));
        assertThat(processor.isFileLogActive()).isFalse();
        assertThat(processor.failedSpanCount()).isEqualTo(1);
        assertThat(store.size()).as("kept in memory").isEqualTo(1);

        CompletableResultCode shutdown = processor.shutdown();
        assertThat(completes(shutdown)).isTrue();
        assertThat(shutdown.isSuccess()).isFalse();
    }

    @Test
    void anInterruptedStoreThreadStopsCleanlyAndTheSpansStillReachTheFilesCountedAsRejected() throws IOException {
        InMemorySpanStore store = new InMemorySpanStore(100);
        List<FileBasedSpanProcessor> built = new ArrayList<>();
        Thread storing = startedThread(() -> FileBasedSpanProcessor.builder(store).directory(directory).build(),
                "trace-store-store", built);
        FileBasedSpanProcessor processor = built.get(0);
        Tracer tracer = tracer(processor);
        tracer.spanBuilder("before").startSpan().end();
        assertThat(processor.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();

        storing.interrupt();
        soon().until(() -> processor.failure().isPresent());
        assertThat(processor.failure()).hasValueSatisfying(reason -> assertThat(reason).contains("store", "interrupted"));
        tracer.spanBuilder("after").startSpan().end();
        assertThat(processor.awaitIngest(Duration.ofSeconds(10))).as("not stored, and told at once").isFalse();
        CompletableResultCode flush = processor.forceFlush();
        assertThat(completes(flush) && flush.isSuccess()).as("the files have every span").isTrue();
        assertThat(completes(processor.shutdown())).as("shutdown after the interrupt completes").isTrue();

        assertThat(processor.rejectedSpanCount()).isEqualTo(1);
        assertThat(processor.droppedSpanCount()).isZero();
        assertThat(store.size()).isEqualTo(1);
        assertThat(SpanLog.read(directory, span -> { }).spansRead()).isEqualTo(2);
    }

    /**
     * A store that throws an Error (here: out of memory) stops the thread that stores, as any error does; the span it
     * was storing was then neither stored nor counted. The spans go on to the files, and those not stored are
     * counted as rejected.
     */
    @Test
    void aSpanWhoseStoringStopsTheStoreThreadWithAnErrorIsCountedAsRejected() {
        InMemorySpanStore memory = new InMemorySpanStore(100);
        SpanStore store = new ForwardingSpanStore(memory) {
            @Override
            public void add(StoredSpan span) {
                if (span.name().equals("too-big")) {
                    throw new OutOfMemoryError("Java heap space");
                }
                super.add(span);
            }
        };
        FileBasedSpanProcessor processor = FileBasedSpanProcessor.builder(store).build();
        Tracer tracer = tracer(processor);
        tracer.spanBuilder("stored").startSpan().end();
        assertThat(processor.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();

        tracer.spanBuilder("too-big").startSpan().end();
        assertThat(completes(processor.forceFlush())).isTrue();
        assertThat(processor.failure()).hasValueSatisfying(reason -> assertThat(reason).contains("OutOfMemoryError"));
        tracer.spanBuilder("after").startSpan().end();

        assertThat(processor.awaitIngest(Duration.ofSeconds(10))).as("not stored").isFalse();

        assertThat(memory.size()).isEqualTo(1);
        assertThat(processor.rejectedSpanCount()).as("the span the thread stopped on, and the one after").isEqualTo(2);
        assertThat(processor.droppedSpanCount()).isZero();
        assertThat(completes(processor.shutdown())).isTrue();
    }

    /**
     * An Error from a file write (NIO's "Direct buffer memory") stopped the writer in the middle of a flush: that
     * flush never completed, nor did the shutdown, and the buffered span was counted nowhere.
     */
    @Test
    void anErrorInTheWriterFailsTheFlushAndTheShutdownInsteadOfHangingThem() {
        Faults faults = new Faults();
        InMemorySpanStore store = new InMemorySpanStore(100);
        FileBasedSpanProcessor processor = FileBasedSpanProcessor.builder(store).log(faults.builder(directory))
                .build();
        Tracer tracer = tracer(processor);
        tracer.spanBuilder("written").startSpan().end();
        assertThat(processor.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();

        faults.outOfDirectMemory(true);
        tracer.spanBuilder("unwritten").startSpan().end();
        CompletableResultCode flush = processor.forceFlush();
        assertThat(completes(flush)).as("the flush is answered").isTrue();
        assertThat(flush.isSuccess()).isFalse();
        assertThat(processor.failure()).hasValueSatisfying(reason -> assertThat(reason).contains("writer"));
        assertThat(processor.writtenSpanCount()).isEqualTo(1);
        assertThat(processor.failedSpanCount()).isEqualTo(1);
        assertThat(store.size()).as("kept in memory").isEqualTo(2);

        CompletableResultCode shutdown = processor.shutdown();
        assertThat(completes(shutdown)).as("the shutdown is answered").isTrue();
        assertThat(shutdown.isSuccess()).isFalse();
    }

    /**
     * Gap C: the ingest thread interrupted while its shutdown waits for room in the writer's queue (the disk is
     * slow) rejected the writer's close: the file stayed open, the directory locked, and the buffered spans were
     * counted nowhere. The test fills the writer's queue behind a hung write, so that the close is the task that
     * waits, and interrupts the thread that hands it over (the store thread, once the last spans are stored) only
     * once it waits there.
     */
    @Test
    void anInterruptWhileShutdownWaitsForASlowDiskStillClosesTheFileAndReleasesTheDirectory() throws IOException {
        Faults faults = new Faults();
        InMemorySpanStore store = new InMemorySpanStore(100);
        List<FileBasedSpanProcessor> built = new ArrayList<>();
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        // one span per batch, and no periodic flush: every task the writer gets is one the test asked for
        built.add(FileBasedSpanProcessor.builder(store).log(faults.builder(directory)).maxBatchSize(1)
                .ingestDelay(Duration.ZERO).flushInterval(Duration.ofHours(1)).build());
        Thread storing = startedSince(before, "trace-store-store");
        Thread writer = startedSince(before, "trace-store-writer");
        FileBasedSpanProcessor processor = built.get(0);
        Tracer tracer = tracer(processor);
        soon().until(() -> !processor.isReloading());
        try {
            faults.hang();
            tracer.spanBuilder("hung").startSpan().end();
            CompletableResultCode hungFlush = processor.forceFlush();
            soon().until(() -> isIn(writer, "FaultyChannel", "write"));
            for (int i = 0; i < WRITER_QUEUE_CAPACITY; i++) {
                tracer.spanBuilder("queued-" + i).startSpan().end();
            }
            assertThat(processor.awaitIngest(Duration.ofSeconds(10))).as("the appends are handed over").isTrue();

            CompletableResultCode shutdown = processor.shutdown();
            soon().until(() -> isIn(storing, "SpanLogWriter", "submit")); // the close: the flush went through
            storing.interrupt();
            faults.release();

            assertThat(completes(hungFlush) && hungFlush.isSuccess()).as("the hung write went through").isTrue();
            assertThat(completes(shutdown)).isTrue();
            assertThat(shutdown.isSuccess()).as("every span was written").isTrue();
        } finally {
            faults.release();
        }
        assertThat(processor.writtenSpanCount()).isEqualTo(1 + WRITER_QUEUE_CAPACITY);
        assertThat(SpanLog.read(directory, span -> { }).spansRead()).isEqualTo(1 + WRITER_QUEUE_CAPACITY);
        try (SpanLog next = SpanLog.builder(directory).open()) {
            assertThat(next.state()).as("the directory lock was released").isEqualTo(SpanLog.State.WRITING);
        }
    }

    /**
     * A {@link StackOverflowError} (an application thread deep in its stack) inside {@code onEnd} after the span
     * took its queue slot and before it was queued kept the slot for ever: shutdown waited for that span without
     * end. The probe ends spans at each of the last stack depths before the overflow, so that {@code onEnd} runs
     * out of stack at every point of its way, the window included.
     */
    @Test
    void aStackOverflowInsideOnEndNeitherHangsShutdownNorLeavesTheSpanUncounted() {
        InMemorySpanStore store = new InMemorySpanStore(100_000);
        FileBasedSpanProcessor processor = FileBasedSpanProcessor.builder(store).queueCapacity(100_000).build();
        SdkTracerProvider elsewhere = SdkTracerProvider.builder().build();
        Tracer tracer = elsewhere.get("test");
        StackProbe probe = new StackProbe(processor, 40_000, tracer);
        for (int i = 0; i < 10; i++) {
            processor.onEnd(probe.spans[probe.next++]); // loads and links every class on the way first
        }
        probe.completed = 10;
        Thread deepApplication = new Thread(() -> {
            while (probe.next + StackProbe.DEPTHS < probe.spans.length) {
                probe.deepest = Integer.MAX_VALUE;
                probe.probe(0);
            }
        }, "deep-application");
        deepApplication.start();
        assertThat(joined(deepApplication)).isTrue();
        assertThat(probe.failed).as("onEnd ran out of stack").isPositive();

        CompletableResultCode shutdown = processor.shutdown();
        assertThat(completes(shutdown)).as("shutdown completes").isTrue();
        long accounted = store.size() + processor.droppedSpanCount();
        assertThat(accounted).as("every onEnd that returned is stored or counted")
                .isBetween((long) probe.completed, (long) probe.completed + probe.failed);
        elsewhere.shutdown();
    }

    private static boolean joined(Thread thread) {
        try {
            thread.join(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    /** Recurses to the end of the stack, then ends a span at each of the last depths on the way back. */
    private static final class StackProbe {
        static final int DEPTHS = 200;
        final FileBasedSpanProcessor processor;
        final ReadableSpan[] spans;
        int next;
        int deepest;
        int completed;
        int failed;

        StackProbe(FileBasedSpanProcessor processor, int spanCount, Tracer tracer) {
            this.processor = processor;
            this.spans = new ReadableSpan[spanCount];
            for (int i = 0; i < spanCount; i++) {
                Span span = tracer.spanBuilder("deep").startSpan();
                span.end();
                spans[i] = (ReadableSpan) span;
            }
        }

        // No call but the recursion and onEnd itself: each may be where the stack runs out.
        void probe(int depth) {
            try {
                probe(depth + 1);
            } catch (StackOverflowError e) {
                if (deepest == Integer.MAX_VALUE) {
                    deepest = depth;
                }
            }
            if (depth > deepest - DEPTHS && next < spans.length) {
                ReadableSpan span = spans[next++];
                try {
                    processor.onEnd(span);
                    completed++;
                } catch (StackOverflowError e) {
                    failed++;
                }
            }
        }
    }

    /** What {@link SpanLogWriter}'s queue holds. */
    private static final int WRITER_QUEUE_CAPACITY = 8;

    private static boolean isIn(Thread thread, String className, String method) {
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getClassName().endsWith(className) && frame.getMethodName().equals(method)) {
                return true;
            }
        }
        return false;
    }

    private static ConditionFactory soon() {
        return await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1));
    }

    private static Thread startedSince(Set<Thread> before, String name) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread) && thread.getName().equals(name))
                .findFirst().orElseThrow();
    }

    /** Spans kept in memory because another writer holds the directory were also counted as failed at shutdown. */
    @Test
    void aProcessorInStandbyShutsDownWithoutCountingItsSpansAsFailed() {
        FileBasedSpanProcessor holder = FileBasedSpanProcessor.builder(new InMemorySpanStore(100))
                .directory(directory).build();
        try {
            assertThat(holder.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
            InMemorySpanStore store = new InMemorySpanStore(100);
            FileBasedSpanProcessor standby = FileBasedSpanProcessor.builder(store).directory(directory).build();
            Tracer tracer = tracer(standby);
            for (int i = 0; i < 10; i++) {
                tracer.spanBuilder("kept-in-memory-" + i).startSpan().end();
            }
            assertThat(standby.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
            assertThat(standby.spansInStandby()).isEqualTo(10);

            CompletableResultCode shutdown = standby.shutdown();
            assertThat(completes(shutdown)).isTrue();
            assertThat(shutdown.isSuccess()).as("nothing failed, as the flush said").isTrue();
            assertThat(standby.failedSpanCount()).isZero();
            assertThat(standby.spansInStandby()).isEqualTo(10);
            assertThat(store.size()).isEqualTo(10);
        } finally {
            holder.shutdown().join(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void everySpanIsStoredOrCountedAndEveryFlushCompletesWhateverTheInterleavingWithShutdown() throws Exception {
        long seed = System.nanoTime();
        System.out.println("ProcessorLifecycleTest seed " + seed);
        Random random = new Random(seed);
        for (int round = 0; round < 50; round++) {
            InMemorySpanStore store = new InMemorySpanStore(1_000_000);
            FileBasedSpanProcessor processor = FileBasedSpanProcessor.builder(store).queueCapacity(64)
                    .maxBatchSize(8).build();
            Tracer tracer = tracer(processor);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong ended = new AtomicLong();
            List<CompletableResultCode> flushes = new ArrayList<>();
            Thread application = new Thread(() -> {
                while (!stop.get()) {
                    tracer.spanBuilder("span").startSpan().end();
                    ended.incrementAndGet();
                }
            });
            Thread flusher = new Thread(() -> {
                while (!stop.get()) {
                    synchronized (flushes) {
                        flushes.add(processor.forceFlush());
                    }
                }
            });
            application.start();
            flusher.start();
            Thread.sleep(random.nextInt(3));
            CompletableResultCode shutdown = processor.shutdown();
            Thread.sleep(random.nextInt(3));
            stop.set(true);
            application.join();
            flusher.join();

            assertThat(completes(shutdown)).as("seed %d round %d: shutdown", seed, round).isTrue();
            synchronized (flushes) {
                assertThat(flushes).as("seed %d round %d: every flush completes", seed, round)
                        .allSatisfy(flush -> assertThat(completes(flush)).isTrue());
            }
            assertThat(store.size() + processor.droppedSpanCount())
                    .as("seed %d round %d: stored or counted", seed, round).isEqualTo(ended.get());
        }
    }
}
