package dev.tracestore.core.log;

import dev.tracestore.core.model.HexIds;
import dev.tracestore.core.model.SpanEvent;
import dev.tracestore.core.model.SpanLink;
import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@link StoredSpan}s into a {@link SnapshotOutput}, every field of them, as {@link SnapshotSpanDecoder} reads
 * them back. Attribute keys, resources and scopes are numbered in the order first written and written in full once;
 * later spans name them by number (a store holds few of each, and shares their instances).
 *
 * <p>A span: trace ID (two longs), span ID, parent span ID (0 for a root), name, kind, status code, start, duration,
 * status message, attributes, events (name, time from the start, attributes), links (trace ID, span ID,
 * attributes), resource, scope. Attributes: a count, then per attribute its key and its value in the key's type.
 */
final class SnapshotSpanEncoder {

    /** Thrown for a value the format has no place for: no snapshot is written then. */
    static final class UnsupportedValueException extends IllegalArgumentException {
        UnsupportedValueException(String message) {
            super(message);
        }
    }

    private final SnapshotOutput out;
    private final Map<AttributeKey<?>, Integer> keys = new HashMap<>();
    private final Map<Resource, Integer> resourcesSeen = new IdentityHashMap<>();
    private final Map<Resource, Integer> resources = new HashMap<>();
    private final Map<InstrumentationScopeInfo, Integer> scopesSeen = new IdentityHashMap<>();
    private final Map<InstrumentationScopeInfo, Integer> scopes = new HashMap<>();

    SnapshotSpanEncoder(SnapshotOutput out) {
        this.out = out;
    }

    void write(StoredSpan span) {
        writeTraceId(span.traceId());
        out.writeLong(HexIds.parseLong(span.spanId(), 0));
        out.writeLong(span.parentSpanId().isEmpty() ? 0 : HexIds.parseLong(span.parentSpanId(), 0));
        out.writeString(span.name());
        out.writeByte(span.kind().ordinal());
        out.writeByte(span.statusCode().ordinal());
        out.writeLong(span.startEpochNanos());
        out.writeVarLong(span.endEpochNanos() - span.startEpochNanos());
        out.writeString(span.statusMessage());
        writeAttributes(span.attributes());
        List<SpanEvent> events = span.events();
        out.writeVarInt(events.size());
        for (SpanEvent event : events) {
            out.writeString(event.name());
            out.writeSignedVarLong(event.epochNanos() - span.startEpochNanos());
            writeAttributes(event.attributes());
        }
        List<SpanLink> links = span.links();
        out.writeVarInt(links.size());
        for (SpanLink link : links) {
            writeTraceId(link.traceId());
            out.writeLong(HexIds.parseLong(link.spanId(), 0));
            writeAttributes(link.attributes());
        }
        writeResource(span.resource());
        writeScope(span.scope());
    }

    private void writeTraceId(String traceId) {
        out.writeLong(HexIds.parseLong(traceId, 0));
        out.writeLong(HexIds.parseLong(traceId, 16));
    }

    private void writeResource(Resource resource) {
        Integer number = resourcesSeen.get(resource);
        if (number == null) {
            number = resources.get(resource);
            if (number == null) {
                out.writeVarInt(0);
                out.writeString(resource.getSchemaUrl());
                writeAttributes(resource.getAttributes());
                number = resources.size();
                resources.put(resource, number);
                resourcesSeen.put(resource, number);
                return;
            }
            resourcesSeen.put(resource, number);
        }
        out.writeVarInt(number + 1);
    }

    private void writeScope(InstrumentationScopeInfo scope) {
        Integer number = scopesSeen.get(scope);
        if (number == null) {
            number = scopes.get(scope);
            if (number == null) {
                out.writeVarInt(0);
                out.writeString(scope.getName());
                out.writeString(scope.getVersion());
                out.writeString(scope.getSchemaUrl());
                writeAttributes(scope.getAttributes());
                number = scopes.size();
                scopes.put(scope, number);
                scopesSeen.put(scope, number);
                return;
            }
            scopesSeen.put(scope, number);
        }
        out.writeVarInt(number + 1);
    }

    private void writeAttributes(Attributes attributes) {
        out.writeVarInt(attributes.size());
        attributes.forEach(this::writeAttribute);
    }

    private void writeAttribute(AttributeKey<?> key, Object value) {
        Integer number = keys.get(key);
        if (number == null) {
            out.writeVarInt(0);
            out.writeByte(key.getType().ordinal());
            out.writeString(key.getKey());
            keys.put(key, keys.size());
        } else {
            out.writeVarInt(number + 1);
        }
        switch (key.getType()) {
            case STRING -> out.writeString((String) value);
            case BOOLEAN -> out.writeByte((Boolean) value ? 1 : 0);
            case LONG -> out.writeSignedVarLong((Long) value);
            case DOUBLE -> out.writeLong(Double.doubleToRawLongBits((Double) value));
            case STRING_ARRAY -> {
                List<?> values = (List<?>) value;
                out.writeVarInt(values.size());
                values.forEach(element -> out.writeString((String) element));
            }
            case BOOLEAN_ARRAY -> {
                List<?> values = (List<?>) value;
                out.writeVarInt(values.size());
                values.forEach(element -> out.writeByte((Boolean) element ? 1 : 0));
            }
            case LONG_ARRAY -> {
                List<?> values = (List<?>) value;
                out.writeVarInt(values.size());
                values.forEach(element -> out.writeSignedVarLong((Long) element));
            }
            case DOUBLE_ARRAY -> {
                List<?> values = (List<?>) value;
                out.writeVarInt(values.size());
                values.forEach(element -> out.writeLong(Double.doubleToRawLongBits((Double) element)));
            }
            default -> throw new UnsupportedValueException("attribute '" + key.getKey() + "' is of type "
                    + key.getType() + ", which a snapshot does not hold");
        }
    }
}
