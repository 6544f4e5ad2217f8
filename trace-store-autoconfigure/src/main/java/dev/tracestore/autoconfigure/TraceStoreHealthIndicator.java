package dev.tracestore.autoconfigure;

import dev.tracestore.core.log.ReadResult;
import dev.tracestore.core.otel.FileBasedSpanProcessor;
import dev.tracestore.core.store.SpanStore;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.util.Assert;

/**
 * The {@code traceStore} health: DOWN while the span files cannot be written (the disk is full, the directory is
 * gone or may not be written), with the reason naming the file; UP otherwise, also when spans are kept in memory
 * only by configuration. Spans stay queryable in memory either way. The details count what happened to the spans
 * since the start.
 *
 * <pre>{@code
 * {"status":"DOWN","details":{"error":"Cannot write span log file /data/trace-store/spans.jsonl: No space left on device",
 *   "directory":"/data/trace-store","reloading":false,"fileLogActive":false,"spansStored":100000,"spansEvicted":31415,
 *   "spansWritten":131000,"spansDropped":0,"spansFailed":415,"spansRejected":0,
 *   "spansReloaded":52000,"linesSkippedAtReload":1}}
 * }</pre>
 */
public final class TraceStoreHealthIndicator implements HealthIndicator {

    private final FileBasedSpanProcessor processor;

    /**
     * @param processor the processor whose files and store are reported
     */
    public TraceStoreHealthIndicator(FileBasedSpanProcessor processor) {
        Assert.notNull(processor, "'processor' must not be null");
        this.processor = processor;
    }

    @Override
    public Health health() {
        Health.Builder health = processor.failure().or(processor::lastWriteError)
                .map(error -> Health.down().withDetail("error", error))
                .orElseGet(Health::up);
        processor.directory().ifPresent(directory -> health.withDetail("directory",
                directory.toAbsolutePath().toString()));
        SpanStore store = processor.store();
        ReadResult reloaded = processor.reloaded();
        return health.withDetail("reloading", processor.isReloading())
                .withDetail("fileLogActive", processor.isFileLogActive())
                .withDetail("spansStored", store.size())
                .withDetail("spansEvicted", store.evictedCount())
                .withDetail("spansWritten", processor.writtenSpanCount())
                .withDetail("spansDropped", processor.droppedSpanCount())
                .withDetail("spansFailed", processor.failedSpanCount())
                .withDetail("spansRejected", processor.rejectedSpanCount())
                .withDetail("spansReloaded", processor.isReloading() ? processor.reloadedSpanCount()
                        : reloaded.spansRead())
                .withDetail("linesSkippedAtReload", reloaded.linesSkipped())
                .build();
    }
}
