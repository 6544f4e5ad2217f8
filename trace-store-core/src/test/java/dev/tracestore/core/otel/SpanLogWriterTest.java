package dev.tracestore.core.otel;

import dev.tracestore.core.log.SpanLog;
import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.sdk.common.CompletableResultCode;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The file writer thread against interrupts that race the tasks handed to it. */
class SpanLogWriterTest {

    private static final StoredSpan SPAN = StoredSpan.builder().traceId("4bf92f3577b34da6a3ce929d0e0e4736")
            .spanId("00f067aa0ba902b7").name("unwritten").startEpochNanos(1).endEpochNanos(2).build();

    private static ConditionFactory soon() {
        return await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1));
    }

    @TempDir
    Path directory;

    /**
     * A task handed over right after the interrupt may wake the waiting writer before the interrupt does; take()
     * then returns the task with the interrupt set again. It used to be written anyway (by the close), so that the
     * span was neither failed nor lost while the flush behind it failed. Many rounds: the window is narrow.
     */
    @Test
    void aBatchHandedOverRightAfterTheInterruptIsCountedAsNotWrittenEveryTime() {
        for (int round = 0; round < 50; round++) {
            Path roundDirectory = directory.resolve("round-" + round);
            Set<Thread> before = Thread.getAllStackTraces().keySet();
            SpanLogWriter writer = new SpanLogWriter(SpanLog.builder(roundDirectory));
            writer.start();
            Thread thread = Thread.getAllStackTraces().keySet().stream()
                    .filter(candidate -> !before.contains(candidate) && candidate.getName().equals("trace-store-writer"))
                    .findFirst().orElseThrow();
            // parked in take(), the file open
            soon().until(() -> thread.getState() == Thread.State.WAITING);

            thread.interrupt();
            writer.submit(new SpanLogWriter.Task.Append(List.of(SPAN)));
            CompletableResultCode flush = new CompletableResultCode();
            writer.submit(new SpanLogWriter.Task.Flush(List.of(flush)));

            assertThat(flush.join(10, TimeUnit.SECONDS).isDone()).as("round %d: the flush is answered", round).isTrue();
            assertThat(flush.isSuccess()).as("round %d: the flush fails", round).isFalse();
            assertThat(writer.failure()).as("round %d", round).contains("interrupted");
            soon().until(() -> !thread.isAlive());
            assertThat(writer.writtenSpanCount()).as("round %d: written", round).isZero();
            assertThat(writer.unwrittenCount()).as("round %d: counted as not written", round).isEqualTo(1);
        }
    }
}
