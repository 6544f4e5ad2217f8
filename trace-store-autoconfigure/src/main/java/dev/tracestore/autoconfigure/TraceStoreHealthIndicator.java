package dev.tracestore.autoconfigure;

import dev.tracestore.core.log.ReadResult;
import dev.tracestore.core.otel.FileBasedSpanProcessor;
import dev.tracestore.core.store.SpanStore;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.util.Assert;

/**
 * The {@code traceStore} health. A fault of the span files (the disk is full, the directory is gone or may not be
 * written), or a stopped ingest or writer thread, shows as {@code error}, naming the file or thread, and
 * {@code fileLogActive: false}; the status stays UP, because the application itself is healthy and spans stay queryable in memory: an orchestrator that restarts apps whose
 * health is DOWN would otherwise restart a healthy app on a read-only disk. With
 * {@code tracestore.health.down-on-file-error=true} such a fault is DOWN instead. The details count what happened to
 * the spans since the start; {@code spansSeen} counts the spans started in the tracer provider that feeds trace-store,
 * and {@code notReceivingSpans} says why none reach it, when that is found (see the startup WARN).
 * <p>
 * Each group of details has its own method below; a new fact about the store is one more such method.
 *
 * <pre>{@code
 * {"status":"UP","details":{"error":"Cannot write span log file /data/trace-store/spans.jsonl: No space left on device",
 *   "directory":"/data/trace-store","fileLogActive":false,"reloading":false,"spansStored":100000,"spansEvicted":31415,
 *   "spansWritten":131000,"spansDropped":0,"spansFailed":415,"spansRejected":0,"spansInStandby":0,
 *   "spansReloaded":52000,"linesSkippedAtReload":1}}
 * }</pre>
 */
public final class TraceStoreHealthIndicator implements HealthIndicator {

    private final FileBasedSpanProcessor processor;
    private final boolean downOnFileError;
    private final @Nullable SpanFeedCheck feed;

    /**
     * A health that stays UP on a fault of the span files.
     *
     * @param processor the processor whose files and store are reported
     */
    public TraceStoreHealthIndicator(FileBasedSpanProcessor processor) {
        this(processor, false);
    }

    /**
     * @param processor the processor whose files and store are reported
     * @param downOnFileError whether a fault of the span files makes the health DOWN
     */
    public TraceStoreHealthIndicator(FileBasedSpanProcessor processor, boolean downOnFileError) {
        this(processor, downOnFileError, null);
    }

    TraceStoreHealthIndicator(FileBasedSpanProcessor processor, boolean downOnFileError,
            @Nullable SpanFeedCheck feed) {
        Assert.notNull(processor, "'processor' must not be null");
        this.processor = processor;
        this.downOnFileError = downOnFileError;
        this.feed = feed;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up();
        files(health);
        counts(health);
        feed(health);
        return health.build();
    }

    // Whether spans reach the processor at all: a wiring fault, shown without turning the app DOWN.
    private void feed(Health.Builder health) {
        if (feed == null) {
            return;
        }
        health.withDetail("spansSeen", feed.spansSeen());
        String problem = feed.problem();
        if (problem != null) {
            health.withDetail("notReceivingSpans", problem);
        }
    }

    private void files(Health.Builder health) {
        // A stopped ingest thread is reported like a file fault: spans no longer reach the store, the app is fine.
        processor.failure().or(processor::lastWriteError).ifPresent(error -> {
            health.withDetail("error", error);
            if (downOnFileError) {
                health.down();
            }
        });
        processor.directory().ifPresent(directory -> health.withDetail("directory",
                directory.toAbsolutePath().toString()));
        health.withDetail("fileLogActive", processor.isFileLogActive());
    }

    private void counts(Health.Builder health) {
        SpanStore store = processor.store();
        ReadResult reloaded = processor.reloaded();
        health.withDetail("reloading", processor.isReloading())
                .withDetail("spansStored", store.size())
                .withDetail("spansEvicted", TraceStoreMetrics.evictedCount(processor))
                .withDetail("spansWritten", processor.writtenSpanCount())
                .withDetail("spansDropped", processor.droppedSpanCount())
                .withDetail("spansFailed", processor.failedSpanCount())
                .withDetail("spansRejected", processor.rejectedSpanCount())
                .withDetail("spansExcluded", processor.excludedSpanCount())
                .withDetail("spansUndecided", processor.undecidedExclusionCount())
                .withDetail("spansInStandby", processor.spansInStandby())
                .withDetail("spansReloaded", processor.isReloading() ? processor.reloadedSpanCount()
                        : reloaded.spansRead())
                .withDetail("linesSkippedAtReload", reloaded.linesSkipped());
    }
}
