package dev.tracestore.benchmarks.jmh;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * The baseline processor: asks for {@code onEnd} like ours does, so the SDK takes the same path, and does nothing.
 *
 * <pre>{@code
 * SdkTracerProvider.builder().addSpanProcessor(new NoopSpanProcessor()).build();
 * }</pre>
 */
public final class NoopSpanProcessor implements SpanProcessor {

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
    }

    @Override
    public boolean isStartRequired() {
        return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
    }

    @Override
    public boolean isEndRequired() {
        return true;
    }
}
