package dev.tracestore.core.store;

import dev.tracestore.core.model.HexIds;
import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.FailureRules;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;

import java.util.List;

/** {@link TraceSpans} over spans already unpacked. */
final class UnpackedTraceSpans implements TraceSpans {

    private final List<StoredSpan> spans;
    private final FailureRules failureRules;

    UnpackedTraceSpans(List<StoredSpan> spans, FailureRules failureRules) {
        this.spans = List.copyOf(spans);
        this.failureRules = failureRules;
    }

    @Override
    public int size() {
        return spans.size();
    }

    @Override
    public String traceId() {
        return spans.get(0).traceId();
    }

    @Override
    public long spanId(int i) {
        return HexIds.parseLong(spans.get(i).spanId(), 0);
    }

    @Override
    public long parentSpanId(int i) {
        StoredSpan span = spans.get(i);
        return span.isRoot() ? 0 : HexIds.parseLong(span.parentSpanId(), 0);
    }

    @Override
    public String name(int i) {
        return spans.get(i).name();
    }

    @Override
    public SpanKind kind(int i) {
        return spans.get(i).kind();
    }

    @Override
    public StatusCode status(int i) {
        return spans.get(i).statusCode();
    }

    @Override
    public String statusMessage(int i) {
        return spans.get(i).statusMessage();
    }

    @Override
    public long startEpochNanos(int i) {
        return spans.get(i).startEpochNanos();
    }

    @Override
    public long durationNanos(int i) {
        return spans.get(i).durationNanos();
    }

    @Override
    public String service(int i) {
        return spans.get(i).serviceName();
    }

    @Override
    public Resource resource(int i) {
        return spans.get(i).resource();
    }

    @Override
    public InstrumentationScopeInfo scope(int i) {
        return spans.get(i).scope();
    }

    @Override
    public Object attribute(int i, String name) {
        return attribute(spans.get(i).attributes(), name);
    }

    /** @return the attribute of that name in the type order {@link TraceSpans#attribute} gives, or {@code null} */
    static Object attribute(Attributes attributes, String name) {
        Object[] best = new Object[1];
        int[] bestRank = {Integer.MAX_VALUE};
        attributes.forEach((AttributeKey<?> key, Object value) -> {
            if (key.getKey().equals(name)) {
                int rank = AttributeTypeRank.of(key.getType());
                if (rank < bestRank[0]) {
                    bestRank[0] = rank;
                    best[0] = value;
                }
            }
        });
        return best[0];
    }

    @Override
    public boolean failed(int i) {
        return failureRules.isFailure(spans.get(i));
    }

    @Override
    public FailureRules failureRules() {
        return failureRules;
    }

    @Override
    public StoredSpan span(int i) {
        return spans.get(i);
    }
}
