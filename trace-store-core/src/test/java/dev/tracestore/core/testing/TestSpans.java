package dev.tracestore.core.testing;

import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.resources.Resource;

/** Builds valid spans for tests with readable IDs derived from small numbers. */
public final class TestSpans {

    private TestSpans() {
    }

    /** @return a 32-character trace ID ending in {@code n} in hex */
    public static String traceId(long n) {
        return String.format("%032x", n + 1);
    }

    /** @return a 16-character span ID ending in {@code n} in hex */
    public static String spanId(long n) {
        return String.format("%016x", n + 1);
    }

    /** @return a builder for a span of trace {@code trace}, id {@code span}, starting at {@code startNanos} */
    public static StoredSpan.Builder span(long trace, long span, long startNanos) {
        return StoredSpan.builder()
                .traceId(traceId(trace))
                .spanId(spanId(span))
                .name("span-" + span)
                .kind(SpanKind.INTERNAL)
                .startEpochNanos(startNanos)
                .endEpochNanos(startNanos + 1_000)
                .resource(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "test")));
    }
}
