package dev.tracestore.core.analysis;

import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.resources.Resource;

import java.util.ArrayList;
import java.util.List;

/** Hand-made and random traces for the analysis tests: span {@code n} has span ID {@code n} in hex. */
final class Traces {

    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final long T0 = 1_700_000_000_000_000_000L;

    private final String traceId;
    private final List<StoredSpan> spans = new ArrayList<>();

    private Traces(String traceId) {
        this.traceId = traceId;
    }

    static Traces trace() {
        return new Traces(TRACE);
    }

    static Traces trace(String traceId) {
        return new Traces(traceId);
    }

    static String id(int n) {
        return String.format("%016x", n);
    }

    /** Adds span {@code n} (parent 0 means a root) of service "shop", times in nanoseconds after {@link #T0}. */
    Traces span(int n, int parent, String name, long start, long end) {
        return span(n, parent, name, start, end, SpanKind.INTERNAL, "shop", Attributes.empty());
    }

    Traces span(int n, int parent, String name, long start, long end, SpanKind kind) {
        return span(n, parent, name, start, end, kind, "shop", Attributes.empty());
    }

    Traces query(int n, int parent, String statement, long start, long end) {
        return span(n, parent, "query", start, end, SpanKind.CLIENT, "shop",
                Attributes.of(AttributeKey.stringKey("db.statement"), statement));
    }

    Traces span(int n, int parent, String name, long start, long end, SpanKind kind, String service,
            Attributes attributes) {
        spans.add(StoredSpan.builder()
                .traceId(traceId)
                .spanId(id(n))
                .parentSpanId(parent == 0 ? "" : id(parent))
                .name(name)
                .kind(kind)
                .startEpochNanos(T0 + start)
                .endEpochNanos(T0 + end)
                .attributes(attributes)
                .resource(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), service)))
                .build());
        return this;
    }

    List<StoredSpan> spans() {
        return List.copyOf(spans);
    }
}
