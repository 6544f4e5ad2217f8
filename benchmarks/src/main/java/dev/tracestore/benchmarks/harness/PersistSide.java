package dev.tracestore.benchmarks.harness;

import dev.tracestore.core.otel.FileBasedSpanProcessor;
import dev.tracestore.core.otel.FileBasedSpanProcessorBuilder;
import dev.tracestore.core.store.InMemorySpanStore;
import io.opentelemetry.exporter.logging.otlp.internal.traces.OtlpStdoutSpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessorBuilder;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A processor that persists spans to a directory, with the count of spans it wrote: ours
 * ({@link FileBasedSpanProcessor}, memory store included) or the SDK's {@link BatchSpanProcessor} feeding
 * {@link OtlpStdoutSpanExporter} writing to a buffered file. Both write the same OTLP/JSON lines.
 *
 * <pre>{@code
 * PersistSide side = PersistSide.create("otlp", 0, directory);   // 0: the processor's default queue
 * side.processor().onEnd(span);
 * side.flush();
 * long written = side.written();
 * }</pre>
 */
interface PersistSide {

    /** Our store's capacity: a realistic default, so onEnd also pays for eviction once it is full. */
    int STORE_CAPACITY = 100_000;

    /** @return the processor to feed */
    SpanProcessor processor();

    /** @return spans that reached the file so far */
    long written();

    /** Waits until every accepted span is written and handed to the OS. */
    void flush();

    /**
     * @param side {@code ours} or {@code otlp}
     * @param queueCapacity the queue size, 0 for the processor's default
     * @param directory where to write
     * @return the side
     * @throws IOException when the file cannot be opened
     */
    static PersistSide create(String side, int queueCapacity, Path directory) throws IOException {
        if (side.equals("ours")) {
            FileBasedSpanProcessorBuilder builder = FileBasedSpanProcessor
                    .builder(new InMemorySpanStore(STORE_CAPACITY)).directory(directory);
            if (queueCapacity > 0) {
                builder.queueCapacity(queueCapacity);
            }
            FileBasedSpanProcessor ours = builder.build();
            return new PersistSide() {
                @Override
                public SpanProcessor processor() {
                    return ours;
                }

                @Override
                public long written() {
                    return ours.writtenSpanCount();
                }

                @Override
                public void flush() {
                    ours.forceFlush().join(5, TimeUnit.MINUTES);
                }
            };
        }
        CountingExporter exporter = new CountingExporter(OtlpStdoutSpanExporter.builder()
                .setOutput(new BufferedOutputStream(Files.newOutputStream(directory.resolve("spans.jsonl")), 64 << 10))
                .build());
        BatchSpanProcessorBuilder builder = BatchSpanProcessor.builder(exporter);
        if (queueCapacity > 0) {
            builder.setMaxQueueSize(queueCapacity);
        }
        BatchSpanProcessor batch = builder.build();
        return new PersistSide() {
            @Override
            public SpanProcessor processor() {
                return batch;
            }

            @Override
            public long written() {
                return exporter.exported();
            }

            @Override
            public void flush() {
                batch.forceFlush().join(5, TimeUnit.MINUTES);
                exporter.flush().join(1, TimeUnit.MINUTES);
            }
        };
    }
}
