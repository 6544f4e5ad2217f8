package dev.tracestore.benchmarks.jmh;

import dev.tracestore.core.otel.FileBasedSpanProcessor;
import dev.tracestore.core.store.InMemorySpanStore;
import io.opentelemetry.exporter.logging.otlp.internal.traces.OtlpStdoutSpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The processors the JMH benchmarks compare, by the name used in their {@code processor} parameter:
 * {@code noop}; {@code memory}, ours without files; {@code file}, ours writing to a temporary directory;
 * {@code otlp-file}, the SDK's {@link BatchSpanProcessor} with the OTLP stdout exporter writing to a file.
 * Every store holds {@value #STORE_CAPACITY} spans, a realistic default.
 *
 * <pre>{@code
 * try (Processors.Made made = Processors.make("file")) {
 *     made.processor().onEnd(span);
 * }
 * }</pre>
 */
final class Processors {

    static final int STORE_CAPACITY = 100_000;

    private Processors() {
    }

    /** A processor and the directory it writes to (deleted on close), if any. */
    record Made(SpanProcessor processor, Path directory) implements AutoCloseable {

        /** @return spans ours dropped from the file queue; 0 for the others */
        long dropped() {
            return processor instanceof FileBasedSpanProcessor ours ? ours.droppedSpanCount() : 0;
        }

        @Override
        public void close() {
            processor.shutdown().join(30, TimeUnit.SECONDS);
            if (directory != null) {
                delete(directory);
            }
        }
    }

    static Made make(String name) {
        try {
            return switch (name) {
                case "noop" -> new Made(new NoopSpanProcessor(), null);
                case "memory" -> new Made(FileBasedSpanProcessor.builder(new InMemorySpanStore(STORE_CAPACITY)).build(), null);
                case "file" -> {
                    Path directory = Files.createTempDirectory("trace-store-bench");
                    yield new Made(FileBasedSpanProcessor.builder(new InMemorySpanStore(STORE_CAPACITY))
                            .directory(directory).build(), directory);
                }
                case "otlp-file" -> {
                    Path directory = Files.createTempDirectory("otlp-bench");
                    OutputStream out = new BufferedOutputStream(Files.newOutputStream(directory.resolve("spans.jsonl")), 64 << 10);
                    yield new Made(BatchSpanProcessor.builder(OtlpStdoutSpanExporter.builder().setOutput(out).build())
                            .build(), directory);
                }
                default -> throw new IllegalArgumentException("unknown processor " + name);
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
