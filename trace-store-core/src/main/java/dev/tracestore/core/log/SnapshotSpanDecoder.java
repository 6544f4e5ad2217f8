package dev.tracestore.core.log;

import dev.tracestore.core.internal.SortedAttributes;
import dev.tracestore.core.model.HexIds;
import dev.tracestore.core.model.SpanEvent;
import dev.tracestore.core.model.SpanLink;
import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads back what {@link SnapshotSpanEncoder} wrote. A value out of range (an unknown kind, a key number never
 * defined) is an {@link IOException}, as is a span its own constructor rejects: the snapshot is then not used.
 */
final class SnapshotSpanDecoder {

    private static final SpanKind[] KINDS = SpanKind.values();
    private static final StatusCode[] STATUS_CODES = StatusCode.values();
    private static final AttributeType[] TYPES = AttributeType.values();

    private final SnapshotInput in;
    private final List<AttributeKey<?>> keys = new ArrayList<>();
    private final List<Resource> resources = new ArrayList<>();
    private final List<InstrumentationScopeInfo> scopes = new ArrayList<>();
    // spans of a trace follow each other in a store: they share one trace ID string
    private long lastHigh;
    private long lastLow;
    private String lastTraceId;

    SnapshotSpanDecoder(SnapshotInput in) {
        this.in = in;
    }

    StoredSpan read() throws IOException {
        String traceId = readTraceId();
        String spanId = HexIds.toHex(in.readLong());
        long parent = in.readLong();
        String name = in.readRequiredString();
        SpanKind kind = KINDS[index(in.readByte(), KINDS.length, "span kind")];
        StatusCode status = STATUS_CODES[index(in.readByte(), STATUS_CODES.length, "status code")];
        long start = in.readLong();
        long end = start + in.readVarLong();
        String statusMessage = in.readRequiredString();
        Attributes attributes = readAttributes();
        int eventCount = in.readCount();
        List<SpanEvent> events = eventCount == 0 ? List.of() : new ArrayList<>(eventCount);
        for (int i = 0; i < eventCount; i++) {
            String eventName = in.readRequiredString();
            long time = start + in.readSignedVarLong();
            events.add(new SpanEvent(eventName, time, readAttributes()));
        }
        int linkCount = in.readCount();
        List<SpanLink> links = linkCount == 0 ? List.of() : new ArrayList<>(linkCount);
        for (int i = 0; i < linkCount; i++) {
            String linkTraceId = HexIds.toHex(in.readLong()) + HexIds.toHex(in.readLong());
            String linkSpanId = HexIds.toHex(in.readLong());
            links.add(new SpanLink(linkTraceId, linkSpanId, readAttributes()));
        }
        Resource resource = readResource();
        InstrumentationScopeInfo scope = readScope();
        try {
            return new StoredSpan(traceId, spanId, parent == 0 ? "" : HexIds.toHex(parent), name, kind, start, end,
                    status, statusMessage, attributes, events, links, resource, scope);
        } catch (IllegalArgumentException e) {
            throw new IOException("a snapshot span is invalid: " + e.getMessage(), e);
        }
    }

    private String readTraceId() throws IOException {
        long high = in.readLong();
        long low = in.readLong();
        if (lastTraceId == null || high != lastHigh || low != lastLow) {
            lastTraceId = HexIds.toHex(high) + HexIds.toHex(low);
            lastHigh = high;
            lastLow = low;
        }
        return lastTraceId;
    }

    private Resource readResource() throws IOException {
        int number = in.readCount();
        if (number > 0) {
            return defined(resources, number, "resource");
        }
        String schemaUrl = in.readString();
        Resource resource = Resource.create(readAttributes(), schemaUrl);
        resources.add(resource);
        return resource;
    }

    private InstrumentationScopeInfo readScope() throws IOException {
        int number = in.readCount();
        if (number > 0) {
            return defined(scopes, number, "scope");
        }
        String name = in.readRequiredString();
        String version = in.readString();
        String schemaUrl = in.readString();
        InstrumentationScopeInfo scope = InstrumentationScopeInfo.builder(name)
                .setVersion(version)
                .setSchemaUrl(schemaUrl)
                .setAttributes(readAttributes())
                .build();
        scopes.add(scope);
        return scope;
    }

    private Attributes readAttributes() throws IOException {
        int count = in.readCount();
        if (count == 0) {
            return Attributes.empty();
        }
        Object[] keysAndValues = new Object[Math.multiplyExact(count, 2)];
        for (int i = 0; i < keysAndValues.length; i += 2) {
            AttributeKey<?> key = readKey();
            keysAndValues[i] = key;
            keysAndValues[i + 1] = readValue(key.getType());
        }
        // written in the order the attributes iterate, which is the sorted order the SDK keeps
        return SortedAttributes.of(keysAndValues);
    }

    private AttributeKey<?> readKey() throws IOException {
        int number = in.readCount();
        if (number > 0) {
            return defined(keys, number, "attribute key");
        }
        AttributeType type = TYPES[index(in.readByte(), TYPES.length, "attribute type")];
        String name = in.readRequiredString();
        AttributeKey<?> key = KnownKeys.create(name, type);
        keys.add(key);
        return key;
    }

    private Object readValue(AttributeType type) throws IOException {
        return switch (type) {
            case STRING -> in.readRequiredString();
            case BOOLEAN -> in.readByte() != 0;
            case LONG -> in.readSignedVarLong();
            case DOUBLE -> Double.longBitsToDouble(in.readLong());
            case STRING_ARRAY, BOOLEAN_ARRAY, LONG_ARRAY, DOUBLE_ARRAY -> readArray(type);
            default -> throw new IOException("a snapshot attribute is of type " + type);
        };
    }

    private List<Object> readArray(AttributeType type) throws IOException {
        Object[] values = new Object[in.readCount()];
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (type) {
                case STRING_ARRAY -> in.readRequiredString();
                case BOOLEAN_ARRAY -> in.readByte() != 0;
                case LONG_ARRAY -> in.readSignedVarLong();
                default -> Double.longBitsToDouble(in.readLong());
            };
        }
        return List.of(values);
    }

    private static <T> T defined(List<T> table, int number, String what) throws IOException {
        if (number > table.size()) {
            throw new IOException("a snapshot " + what + " refers to number " + number + " of " + table.size());
        }
        return table.get(number - 1);
    }

    private static int index(int value, int limit, String what) throws IOException {
        if (value >= limit) {
            throw new IOException("a snapshot " + what + " is " + value);
        }
        return value;
    }
}
