package dev.tracestore.benchmarks.workload;

import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.api.trace.StatusCode;
import zipkin2.Endpoint;
import zipkin2.Span;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts workload spans into the equivalent {@link zipkin2.Span}s, the way Zipkin's OpenTelemetry translation
 * does: same IDs, name, kind (INTERNAL has none), service, microsecond timestamp and duration, attributes as
 * string tags, and an {@code error} tag on ERROR spans.
 *
 * <p>Low-cardinality tag values are shared instances, like the workload's own constants, so the memory
 * comparison does not charge Zipkin for strings that a real collector would also hold many copies of.
 * Not thread-safe: use one converter per thread.
 *
 * <pre>{@code
 * ZipkinSpans zipkin = new ZipkinSpans();
 * storage.accept(zipkin.convert(workload.trace(7))).execute();
 * }</pre>
 */
public final class ZipkinSpans {

    /** Zipkin's tag for failed spans: its value is the error's description. */
    public static final String ERROR_TAG = "error";

    private static final Map<String, Endpoint> ENDPOINTS = new HashMap<>();

    static {
        for (String service : Vocabulary.SERVICES) {
            ENDPOINTS.put(service, Endpoint.newBuilder().serviceName(service).build());
        }
    }

    private final Map<Object, String> sharedValues = new HashMap<>();

    /** @param spans workload spans @return the Zipkin spans, in the same order */
    public List<Span> convert(List<StoredSpan> spans) {
        return spans.stream().map(this::convert).toList();
    }

    /** @param span a workload span @return the equivalent Zipkin span */
    public Span convert(StoredSpan span) {
        Span.Builder zipkin = Span.newBuilder()
                .traceId(span.traceId())
                .id(span.spanId())
                .parentId(span.isRoot() ? null : span.parentSpanId())
                .name(span.name())
                .kind(switch (span.kind()) {
                    case SERVER -> Span.Kind.SERVER;
                    case CLIENT -> Span.Kind.CLIENT;
                    case PRODUCER -> Span.Kind.PRODUCER;
                    case CONSUMER -> Span.Kind.CONSUMER;
                    case INTERNAL -> null;
                })
                .timestamp(span.startEpochNanos() / 1000)
                .duration(Math.max(1, span.durationNanos() / 1000))
                .localEndpoint(ENDPOINTS.get(span.serviceName()));
        span.attributes().forEach((key, value) -> zipkin.putTag(key.getKey(), tagValue(value)));
        if (span.statusCode() == StatusCode.ERROR) {
            zipkin.putTag(ERROR_TAG, span.statusMessage());
        }
        return zipkin.build();
    }

    private String tagValue(Object value) {
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof Long || value instanceof Boolean) {
            return sharedValues.computeIfAbsent(value, String::valueOf);
        }
        return String.valueOf(value);
    }
}
