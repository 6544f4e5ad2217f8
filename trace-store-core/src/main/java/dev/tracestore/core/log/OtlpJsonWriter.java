package dev.tracestore.core.log;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.tracestore.core.model.SpanEvent;
import dev.tracestore.core.model.SpanLink;
import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Encodes a batch of spans as one OTLP/JSON {@code ExportTraceServiceRequest}
 * ({@code {"resourceSpans":[...]}}), following the JSON Protobuf Encoding of the OTLP
 * specification, so that the Collector's {@code otlpjsonfile} receiver and other OpenTelemetry
 * tools can read what trace-store writes.
 *
 * <p>Spans are grouped by resource, then by instrumentation scope; inside a group they keep their
 * batch order. IDs are lowercase hex, 64-bit integers are decimal strings, enums are integers,
 * fields holding proto3 default values (empty strings, empty lists) are omitted, and non-finite
 * doubles are written as the strings {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}.
 * Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * OtlpJsonWriter writer = new OtlpJsonWriter();
 * writer.write(batch, out);                 // {"resourceSpans":[...]}, no trailing newline
 * byte[] json = writer.toBytes(List.of(span));
 * }</pre>
 */
public final class OtlpJsonWriter {

    private static final SerializedString RESOURCE_SPANS = new SerializedString("resourceSpans");
    private static final SerializedString RESOURCE = new SerializedString("resource");
    private static final SerializedString SCOPE_SPANS = new SerializedString("scopeSpans");
    private static final SerializedString SCOPE = new SerializedString("scope");
    private static final SerializedString SPANS = new SerializedString("spans");
    private static final SerializedString SCHEMA_URL = new SerializedString("schemaUrl");
    private static final SerializedString NAME = new SerializedString("name");
    private static final SerializedString VERSION = new SerializedString("version");
    private static final SerializedString ATTRIBUTES = new SerializedString("attributes");
    private static final SerializedString TRACE_ID = new SerializedString("traceId");
    private static final SerializedString SPAN_ID = new SerializedString("spanId");
    private static final SerializedString PARENT_SPAN_ID = new SerializedString("parentSpanId");
    private static final SerializedString KIND = new SerializedString("kind");
    private static final SerializedString START_TIME = new SerializedString("startTimeUnixNano");
    private static final SerializedString END_TIME = new SerializedString("endTimeUnixNano");
    private static final SerializedString TIME = new SerializedString("timeUnixNano");
    private static final SerializedString EVENTS = new SerializedString("events");
    private static final SerializedString LINKS = new SerializedString("links");
    private static final SerializedString STATUS = new SerializedString("status");
    private static final SerializedString CODE = new SerializedString("code");
    private static final SerializedString MESSAGE = new SerializedString("message");
    private static final SerializedString KEY = new SerializedString("key");
    private static final SerializedString VALUE = new SerializedString("value");
    private static final SerializedString STRING_VALUE = new SerializedString("stringValue");
    private static final SerializedString BOOL_VALUE = new SerializedString("boolValue");
    private static final SerializedString INT_VALUE = new SerializedString("intValue");
    private static final SerializedString DOUBLE_VALUE = new SerializedString("doubleValue");
    private static final SerializedString ARRAY_VALUE = new SerializedString("arrayValue");
    private static final SerializedString VALUES = new SerializedString("values");

    private final JsonFactory factory;

    /** Creates a writer; create one and reuse it, the {@link JsonFactory} inside is costly. */
    public OtlpJsonWriter() {
        this.factory = JsonFactory.builder()
                // The caller owns the stream: closing the generator must neither close nor flush it,
                // or every batch would cost a system call.
                .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
                .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
                .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
                .build();
    }

    /**
     * Writes {@code spans} to {@code out} as one JSON object, without a trailing newline. The
     * stream is neither flushed nor closed.
     *
     * @param spans the batch, possibly empty
     * @param out where the UTF-8 JSON goes
     * @throws IOException when {@code out} fails or a string cannot be encoded
     */
    public void write(List<StoredSpan> spans, OutputStream out) throws IOException {
        Objects.requireNonNull(spans, "spans");
        Objects.requireNonNull(out, "out");
        try (JsonGenerator generator = factory.createGenerator(out, JsonEncoding.UTF8)) {
            new Encoder(generator).writeRequest(spans);
        }
    }

    /**
     * Encodes {@code spans} into a new array.
     *
     * @param spans the batch, possibly empty
     * @return the UTF-8 JSON object
     */
    public byte[] toBytes(List<StoredSpan> spans) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 512 * spans.size());
        try {
            write(spans, out);
        } catch (IOException e) {
            // A ByteArrayOutputStream never fails: only an unencodable string gets here.
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The spans of one resource, split by scope, in order of first appearance. */
    private static final class ResourceGroup {
        final Resource resource;
        final List<ScopeGroup> scopes = new ArrayList<>(2);

        ResourceGroup(Resource resource) {
            this.resource = resource;
        }
    }

    /** The spans of one scope inside one resource, in batch order. */
    private static final class ScopeGroup {
        final InstrumentationScopeInfo scope;
        final List<StoredSpan> spans = new ArrayList<>();

        ScopeGroup(InstrumentationScopeInfo scope) {
            this.scope = scope;
        }
    }

    /**
     * The state of one {@link #write} call: the generator, a scratch buffer for decimal strings,
     * and itself as the attribute visitor, so that no span costs an allocation of its own.
     */
    private static final class Encoder implements BiConsumer<AttributeKey<?>, Object> {
        private final JsonGenerator generator;
        private final char[] digits = new char[20];

        Encoder(JsonGenerator generator) {
            this.generator = generator;
        }

        void writeRequest(List<StoredSpan> spans) throws IOException {
            generator.writeStartObject();
            generator.writeFieldName(RESOURCE_SPANS);
            generator.writeStartArray();
            for (ResourceGroup group : group(spans)) {
                writeResourceSpans(group);
            }
            generator.writeEndArray();
            generator.writeEndObject();
        }

        /**
         * Groups by resource, then scope. Spans of one SDK share the same Resource and scope
         * instances, so the identity check on the last group almost always hits, and the groups
         * stay few enough for a linear scan.
         */
        private static List<ResourceGroup> group(List<StoredSpan> spans) {
            List<ResourceGroup> groups = new ArrayList<>(1);
            ResourceGroup lastResource = null;
            ScopeGroup lastScope = null;
            for (StoredSpan span : spans) {
                Resource resource = span.resource();
                if (lastResource == null || lastResource.resource != resource) {
                    lastResource = findResource(groups, resource);
                    lastScope = null;
                }
                InstrumentationScopeInfo scope = span.scope();
                if (lastScope == null || lastScope.scope != scope) {
                    lastScope = findScope(lastResource, scope);
                }
                lastScope.spans.add(span);
            }
            return groups;
        }

        private static ResourceGroup findResource(List<ResourceGroup> groups, Resource resource) {
            for (ResourceGroup group : groups) {
                if (group.resource == resource || group.resource.equals(resource)) {
                    return group;
                }
            }
            ResourceGroup group = new ResourceGroup(resource);
            groups.add(group);
            return group;
        }

        private static ScopeGroup findScope(ResourceGroup resourceGroup, InstrumentationScopeInfo scope) {
            for (ScopeGroup group : resourceGroup.scopes) {
                if (group.scope == scope || group.scope.equals(scope)) {
                    return group;
                }
            }
            ScopeGroup group = new ScopeGroup(scope);
            resourceGroup.scopes.add(group);
            return group;
        }

        private void writeResourceSpans(ResourceGroup group) throws IOException {
            generator.writeStartObject();
            generator.writeFieldName(RESOURCE);
            generator.writeStartObject();
            writeAttributes(group.resource.getAttributes());
            generator.writeEndObject();
            generator.writeFieldName(SCOPE_SPANS);
            generator.writeStartArray();
            for (ScopeGroup scopeGroup : group.scopes) {
                writeScopeSpans(scopeGroup);
            }
            generator.writeEndArray();
            writeNonEmpty(SCHEMA_URL, group.resource.getSchemaUrl());
            generator.writeEndObject();
        }

        private void writeScopeSpans(ScopeGroup group) throws IOException {
            InstrumentationScopeInfo scope = group.scope;
            generator.writeStartObject();
            generator.writeFieldName(SCOPE);
            generator.writeStartObject();
            generator.writeFieldName(NAME);
            generator.writeString(scope.getName());
            writeNonEmpty(VERSION, scope.getVersion());
            writeAttributes(scope.getAttributes());
            generator.writeEndObject();
            generator.writeFieldName(SPANS);
            generator.writeStartArray();
            for (StoredSpan span : group.spans) {
                writeSpan(span);
            }
            generator.writeEndArray();
            writeNonEmpty(SCHEMA_URL, scope.getSchemaUrl());
            generator.writeEndObject();
        }

        private void writeSpan(StoredSpan span) throws IOException {
            generator.writeStartObject();
            generator.writeFieldName(TRACE_ID);
            generator.writeString(span.traceId());
            generator.writeFieldName(SPAN_ID);
            generator.writeString(span.spanId());
            // proto3 JSON omits default values: a root span has no parentSpanId field at all.
            writeNonEmpty(PARENT_SPAN_ID, span.parentSpanId());
            generator.writeFieldName(NAME);
            generator.writeString(span.name());
            generator.writeFieldName(KIND);
            generator.writeNumber(kindNumber(span.kind()));
            generator.writeFieldName(START_TIME);
            writeDecimalString(span.startEpochNanos());
            generator.writeFieldName(END_TIME);
            writeDecimalString(span.endEpochNanos());
            writeAttributes(span.attributes());
            if (!span.events().isEmpty()) {
                generator.writeFieldName(EVENTS);
                generator.writeStartArray();
                for (SpanEvent event : span.events()) {
                    writeEvent(event);
                }
                generator.writeEndArray();
            }
            if (!span.links().isEmpty()) {
                generator.writeFieldName(LINKS);
                generator.writeStartArray();
                for (SpanLink link : span.links()) {
                    writeLink(link);
                }
                generator.writeEndArray();
            }
            generator.writeFieldName(STATUS);
            generator.writeStartObject();
            // The code is written even when UNSET (0) so that jq-style filters on .status.code work.
            generator.writeFieldName(CODE);
            generator.writeNumber(statusNumber(span.statusCode()));
            writeNonEmpty(MESSAGE, span.statusMessage());
            generator.writeEndObject();
            generator.writeEndObject();
        }

        private void writeEvent(SpanEvent event) throws IOException {
            generator.writeStartObject();
            generator.writeFieldName(TIME);
            writeDecimalString(event.epochNanos());
            generator.writeFieldName(NAME);
            generator.writeString(event.name());
            writeAttributes(event.attributes());
            generator.writeEndObject();
        }

        private void writeLink(SpanLink link) throws IOException {
            generator.writeStartObject();
            generator.writeFieldName(TRACE_ID);
            generator.writeString(link.traceId());
            generator.writeFieldName(SPAN_ID);
            generator.writeString(link.spanId());
            writeAttributes(link.attributes());
            generator.writeEndObject();
        }

        private void writeNonEmpty(SerializedString field, String value) throws IOException {
            if (value != null && !value.isEmpty()) {
                generator.writeFieldName(field);
                generator.writeString(value);
            }
        }

        private void writeAttributes(Attributes attributes) throws IOException {
            if (attributes.isEmpty()) {
                return;
            }
            generator.writeFieldName(ATTRIBUTES);
            generator.writeStartArray();
            try {
                attributes.forEach(this);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            generator.writeEndArray();
        }

        /** Writes one {@code KeyValue}; called by {@link Attributes#forEach}, hence unchecked. */
        @Override
        public void accept(AttributeKey<?> key, Object value) {
            try {
                generator.writeStartObject();
                generator.writeFieldName(KEY);
                generator.writeString(key.getKey());
                generator.writeFieldName(VALUE);
                switch (key.getType()) {
                    case STRING_ARRAY, BOOLEAN_ARRAY, LONG_ARRAY, DOUBLE_ARRAY -> writeArrayValue((List<?>) value);
                    default -> writeAnyValue(value);
                }
                generator.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void writeArrayValue(List<?> values) throws IOException {
            generator.writeStartObject();
            generator.writeFieldName(ARRAY_VALUE);
            generator.writeStartObject();
            if (!values.isEmpty()) {
                generator.writeFieldName(VALUES);
                generator.writeStartArray();
                for (Object element : values) {
                    writeAnyValue(element);
                }
                generator.writeEndArray();
            }
            generator.writeEndObject();
            generator.writeEndObject();
        }

        /** Writes a scalar {@code AnyValue}; attribute values are String, Boolean, Long or Double. */
        private void writeAnyValue(Object value) throws IOException {
            generator.writeStartObject();
            if (value instanceof String s) {
                generator.writeFieldName(STRING_VALUE);
                generator.writeString(s);
            } else if (value instanceof Boolean b) {
                generator.writeFieldName(BOOL_VALUE);
                generator.writeBoolean(b);
            } else if (value instanceof Long l) {
                generator.writeFieldName(INT_VALUE);
                writeDecimalString(l);
            } else if (value instanceof Double d) {
                generator.writeFieldName(DOUBLE_VALUE);
                writeDouble(d);
            } else {
                // Not reachable through the Attributes API; keep the value rather than fail the batch.
                generator.writeFieldName(STRING_VALUE);
                generator.writeString(String.valueOf(value));
            }
            generator.writeEndObject();
        }

        /** proto3 JSON: NaN and the infinities have no JSON number, they are strings. */
        private void writeDouble(double value) throws IOException {
            if (Double.isNaN(value)) {
                generator.writeString("NaN");
            } else if (value == Double.POSITIVE_INFINITY) {
                generator.writeString("Infinity");
            } else if (value == Double.NEGATIVE_INFINITY) {
                generator.writeString("-Infinity");
            } else {
                generator.writeNumber(value);
            }
        }

        /** proto3 JSON writes 64-bit integers as decimal strings; formatted without a String. */
        private void writeDecimalString(long value) throws IOException {
            if (value == Long.MIN_VALUE) {
                generator.writeString(Long.toString(value));
                return;
            }
            long rest = Math.abs(value);
            int start = digits.length;
            do {
                digits[--start] = (char) ('0' + (rest % 10));
                rest /= 10;
            } while (rest != 0);
            if (value < 0) {
                digits[--start] = '-';
            }
            generator.writeString(digits, start, digits.length - start);
        }

        private static int kindNumber(SpanKind kind) {
            return switch (kind) {
                case INTERNAL -> 1;
                case SERVER -> 2;
                case CLIENT -> 3;
                case PRODUCER -> 4;
                case CONSUMER -> 5;
            };
        }

        private static int statusNumber(StatusCode code) {
            return switch (code) {
                case UNSET -> 0;
                case OK -> 1;
                case ERROR -> 2;
            };
        }
    }
}
