package dev.tracestore.autoconfigure;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the spans that start in the tracer provider it is registered with, next to trace-store's processor, so
 * that {@link SpanFeedCheck} can tell whether spans reach trace-store at all (excluded and unsampled ones included).
 * One uncontended increment per span.
 */
final class SpanArrivals implements SpanProcessor {

    private final LongAdder started = new LongAdder();

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        started.increment();
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
    }

    @Override
    public boolean isEndRequired() {
        return false;
    }

    /** @return how many spans started since the application started */
    long count() {
        return started.sum();
    }
}
