package dev.tracestore.core.log;

import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.otel.FileBasedSpanProcessor;
import dev.tracestore.core.store.InMemorySpanStore;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Issue 10, item 8: two writers on one directory lost spans; now the second stands by. */
class OneWriterPerDirectoryTest {

    private static final Instant T0 = Instant.parse("2026-01-05T10:15:30.123Z");

    @TempDir
    Path temp;

    @Test
    void aSecondLogStandsByAndEveryBatchOfTheFirstStaysReadable() throws IOException {
        ManualClock clock = new ManualClock(T0);
        try (SpanLog first = new Faults().builder(temp, clock).maxFileSize(4_000).maxFiles(10_000).build();
                SpanLog second = new Faults().builder(temp, clock).maxFileSize(4_000).maxFiles(10_000).build()) {
            assertThat(first.state()).isEqualTo(SpanLog.State.WRITING);
            assertThat(second.state()).isEqualTo(SpanLog.State.STANDBY);
            assertThat(second.isOpen()).isFalse();
            for (int batch = 0; batch < 100; batch++) {
                first.append(TestSpans.numbered(batch * 20, 20));
                second.append(TestSpans.numbered(100_000 + batch * 20, 20));
                // Both rotate within the same millisecond: the names would collide.
                if (batch % 10 == 0) {
                    clock.advance(Duration.ofMillis(1));
                }
            }
            first.flush();
            second.flush();

            assertThat(second.spansInStandby()).isEqualTo(2_000);
            assertThat(second.spansFailed()).isZero();
            assertThat(second.lastError()).isEmpty();
        }
        List<StoredSpan> read = new ArrayList<>();
        ReadResult result = SpanLog.read(temp, read::add);
        assertThat(result.linesSkipped()).isZero();
        assertThat(read).isEqualTo(TestSpans.numbered(0, 2_000));
    }

    @Test
    void theSecondTakesOverOnceTheFirstIsClosed() throws IOException {
        ManualClock clock = new ManualClock(T0);
        SpanLog first = new Faults().builder(temp, clock).build();
        try (SpanLog second = new Faults().builder(temp, clock).build()) {
            first.append(TestSpans.numbered(0, 5));
            second.append(TestSpans.numbered(5, 5));
            first.close();

            second.append(TestSpans.numbered(10, 5));
            assertThat(second.state()).as("retries only when due").isEqualTo(SpanLog.State.STANDBY);
            clock.advance(RetryBackoff.LAST);
            second.append(TestSpans.numbered(15, 5));
            assertThat(second.state()).isEqualTo(SpanLog.State.WRITING);
            assertThat(second.spansInStandby()).isEqualTo(10);
        }
        List<StoredSpan> read = new ArrayList<>();
        SpanLog.read(temp, read::add);
        List<StoredSpan> expected = new ArrayList<>(TestSpans.numbered(0, 5));
        expected.addAll(TestSpans.numbered(15, 5));
        assertThat(read).isEqualTo(expected);
    }

    @Test
    void rotationNeverReplacesAFileOfTheSameName() throws IOException {
        ManualClock clock = new ManualClock(T0);
        Path inTheWay = temp.resolve("spans-2026-01-05T10-15-30.123Z.jsonl");
        byte[] theirs = new OtlpJsonWriter().toBytes(TestSpans.numbered(500, 3));
        try (SpanLog log = new Faults().builder(temp, clock).maxFileSize(1).build()) {
            log.append(TestSpans.numbered(0, 2));
            // Appears after the log listed the directory, under the name its next rotation would take.
            Files.write(inTheWay, theirs);
            log.append(TestSpans.numbered(2, 2));
        }

        assertThat(Files.readAllBytes(inTheWay)).isEqualTo(theirs);
        assertThat(temp.resolve("spans-2026-01-05T10-15-30.124Z.jsonl")).exists();
        List<StoredSpan> read = new ArrayList<>();
        SpanLog.read(temp, read::add);
        assertThat(read).hasSize(7).containsAll(TestSpans.numbered(0, 4)).containsAll(TestSpans.numbered(500, 3));
    }

    /** The reproduction of the issue: two processors (two cached test contexts) on one directory, 4 000 spans. */
    @Test
    void twoProcessorsOnOneDirectoryLoseNothingTheyWrite() throws IOException {
        FileBasedSpanProcessor first = processor();
        FileBasedSpanProcessor second = processor();
        // a reload still reading the directory would also take in the other processor's first batches
        await().atMost(Duration.ofSeconds(30)).until(() -> !first.isReloading() && !second.isReloading());
        Tracer firstTracer = SdkTracerProvider.builder().addSpanProcessor(first).build().get("first");
        Tracer secondTracer = SdkTracerProvider.builder().addSpanProcessor(second).build().get("second");
        for (int i = 0; i < 2_000; i++) {
            firstTracer.spanBuilder("first-" + i).startSpan().end();
            secondTracer.spanBuilder("second-" + i).startSpan().end();
        }
        assertThat(first.forceFlush().join(30, TimeUnit.SECONDS).isSuccess()).isTrue();
        assertThat(second.forceFlush().join(30, TimeUnit.SECONDS).isSuccess()).isTrue();
        long written = first.writtenSpanCount() + second.writtenSpanCount();
        assertThat(first.spansInStandby() + second.spansInStandby()).as("the standby counts what it did not write")
                .isEqualTo(2_000);
        first.shutdown().join(30, TimeUnit.SECONDS);
        second.shutdown().join(30, TimeUnit.SECONDS);

        Set<String> names = new HashSet<>();
        ReadResult result = SpanLog.read(temp, span -> names.add(span.name()));
        assertThat(result.linesSkipped()).isZero();
        assertThat(result.spansRead()).as("every span written is readable").isEqualTo(written).isEqualTo(names.size());
        assertThat(written).isEqualTo(2_000);
        assertThat(first.store().size() + second.store().size()).as("the standby keeps its spans in memory")
                .isEqualTo(4_000);
    }

    /** A second JVM: the lock is the operating system's, and dies with its process. */
    @Test
    void anotherProcessHoldsTheDirectoryUntilItDies() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LockHoldingChild.class.getName(), temp.toString())
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.equals(LockHoldingChild.READY)) {
                // the child's own log lines
            }
            assertThat(line).as("the child took the directory").isEqualTo(LockHoldingChild.READY);

            ManualClock clock = new ManualClock(T0);
            try (SpanLog log = new Faults().builder(temp, clock).build()) {
                assertThat(log.state()).isEqualTo(SpanLog.State.STANDBY);
                log.append(TestSpans.numbered(100, 5));

                child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                clock.advance(RetryBackoff.LAST);
                log.append(TestSpans.numbered(105, 5));
                assertThat(log.state()).isEqualTo(SpanLog.State.WRITING);
            }
            List<StoredSpan> read = new ArrayList<>();
            SpanLog.read(temp, read::add);
            List<StoredSpan> expected = new ArrayList<>(TestSpans.numbered(0, 3));
            expected.addAll(TestSpans.numbered(105, 5));
            assertThat(read).isEqualTo(expected);
        } finally {
            child.destroyForcibly();
        }
    }

    private FileBasedSpanProcessor processor() {
        return FileBasedSpanProcessor.builder(new InMemorySpanStore(10_000))
                .log(SpanLog.builder(temp).maxFileSize(16 << 10).maxFiles(10_000))
                .build();
    }

    /** Takes the directory, writes three spans, says {@value #READY} and waits to be killed. */
    static final class LockHoldingChild {
        static final String READY = "holding the directory";

        public static void main(String[] args) throws Exception {
            SpanLog log = SpanLog.builder(Path.of(args[0])).open();
            log.append(TestSpans.numbered(0, 3));
            log.flush();
            System.out.println(log.state() == SpanLog.State.WRITING ? READY : "not writing: " + log.state());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
