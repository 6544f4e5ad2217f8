package dev.tracestore.core.otel;

import dev.tracestore.core.log.SpanLog;
import dev.tracestore.core.log.SpanLogBuilder;
import dev.tracestore.core.store.InMemorySpanStore;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The application that {@link CrashSafetyTest} kills: ends spans as fast as it can through a real
 * {@link SdkTracerProvider} and {@link FileBasedSpanProcessor}, and after every {@value #SPANS_PER_FLUSH} spans calls
 * {@code forceFlush} and prints {@code acknowledged <spans> dropped <spans> failed <spans>} once it returns. It never stops by
 * itself.
 *
 * <p>Arguments: the span directory, the prefix of the span names ({@code <prefix>-<number>}, numbered from 0).
 */
final class SpanWritingChild {

    static final int SPANS_PER_FLUSH = 1_000;
    /** Small files: the kill can land in a rotation too. */
    static final long MAX_FILE_SIZE = 256 << 10;

    private SpanWritingChild() {
    }

    static SpanLogBuilder log(Path directory) {
        return SpanLog.builder(directory).maxFileSize(MAX_FILE_SIZE).maxFiles(10_000);
    }

    public static void main(String[] args) {
        Path directory = Path.of(args[0]);
        String prefix = args[1];
        FileBasedSpanProcessor processor = FileBasedSpanProcessor.builder(new InMemorySpanStore(10_000))
                .log(log(directory)).build();
        Tracer tracer = SdkTracerProvider.builder().addSpanProcessor(processor).build().get("crash-test");
        long ended = 0;
        while (true) {
            for (int i = 0; i < SPANS_PER_FLUSH; i++) {
                tracer.spanBuilder(prefix + "-" + ended++)
                        .setAttribute("http.route", "/orders/{id}")
                        .setAttribute("url.path", "/orders/" + ended)
                        .startSpan()
                        .end();
            }
            if (!processor.forceFlush().join(30, TimeUnit.SECONDS).isSuccess()) {
                throw new IllegalStateException("forceFlush did not complete");
            }
            System.out.println("acknowledged " + ended + " dropped " + processor.droppedSpanCount()
                    + " failed " + processor.failedSpanCount());
            System.out.flush();
        }
    }
}
