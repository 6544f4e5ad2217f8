package dev.tracestore.core.log;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.tracestore.core.model.SpanEvent;
import dev.tracestore.core.model.SpanLink;
import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;

import java.io.IOException;
import java.util.List;

/**
 * Writes the structure of one {@code ExportTraceServiceRequest}: resource spans, scope spans, spans, events, links
 * and status, with the field names and number encodings of OTLP's JSON mapping (see {@link OtlpJsonWriter}); the
 * attributes and 64-bit integers go through an {@link AnyValueWriter}. One instance per {@link JsonGenerator}.
 */
final class SpanJsonEncoder {

    private static final SerializedString RESOURCE_SPANS = new SerializedString("resourceSpans");
    private static final SerializedString RESOURCE = new SerializedString("resource");
    private static final SerializedString SCOPE_SPANS = new SerializedString("scopeSpans");
    private static final SerializedString SCOPE = new SerializedString("scope");
    private static final SerializedString SPANS = new SerializedString("spans");
    private static final SerializedString SCHEMA_URL = new SerializedString("schemaUrl");
    private static final SerializedString NAME = new SerializedString("name");
    private static final SerializedString VERSION = new SerializedString("version");
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

    /** The status objects without a message, by status number: most spans have one of these. */
    private static final SerializedString[] BARE_STATUS = {new SerializedString("{\"code\":0}"),
        new SerializedString("{\"code\":1}"), new SerializedString("{\"code\":2}")};

    private final JsonGenerator generator;
    private final AnyValueWriter values;
    private final EscapedStrings spanNames;
    /** A trace or span ID as bytes: IDs are validated lowercase hex, so they need no escaping. */
    private final byte[] id = new byte[32];

    /**
     * @param keyValues the attribute keys and pairs encoded so far, shared by the writer's batches
     * @param spanNames the span names escaped so far, likewise
     */
    SpanJsonEncoder(JsonGenerator generator, EncodedKeyValues keyValues, EscapedStrings spanNames) {
        this.generator = generator;
        this.values = new AnyValueWriter(generator, keyValues);
        this.spanNames = spanNames;
    }

    void writeRequest(List<StoredSpan> spans) throws IOException {
        generator.writeStartObject();
        generator.writeFieldName(RESOURCE_SPANS);
        generator.writeStartArray();
        for (SpanGroups.ResourceGroup group : SpanGroups.of(spans)) {
            writeResourceSpans(group);
        }
        generator.writeEndArray();
        generator.writeEndObject();
    }

    private void writeResourceSpans(SpanGroups.ResourceGroup group) throws IOException {
        generator.writeStartObject();
        generator.writeFieldName(RESOURCE);
        generator.writeStartObject();
        values.writeAttributes(group.resource().getAttributes());
        generator.writeEndObject();
        generator.writeFieldName(SCOPE_SPANS);
        generator.writeStartArray();
        for (SpanGroups.ScopeGroup scopeGroup : group.scopes()) {
            writeScopeSpans(scopeGroup);
        }
        generator.writeEndArray();
        writeNonEmpty(SCHEMA_URL, group.resource().getSchemaUrl());
        generator.writeEndObject();
    }

    private void writeScopeSpans(SpanGroups.ScopeGroup group) throws IOException {
        InstrumentationScopeInfo scope = group.scope();
        generator.writeStartObject();
        generator.writeFieldName(SCOPE);
        generator.writeStartObject();
        generator.writeFieldName(NAME);
        generator.writeString(scope.getName());
        writeNonEmpty(VERSION, scope.getVersion());
        values.writeAttributes(scope.getAttributes());
        generator.writeEndObject();
        generator.writeFieldName(SPANS);
        generator.writeStartArray();
        for (StoredSpan span : group.spans()) {
            writeSpan(span);
        }
        generator.writeEndArray();
        writeNonEmpty(SCHEMA_URL, scope.getSchemaUrl());
        generator.writeEndObject();
    }

    private void writeSpan(StoredSpan span) throws IOException {
        generator.writeStartObject();
        writeId(TRACE_ID, span.traceId());
        writeId(SPAN_ID, span.spanId());
        // proto3 JSON omits default values: a root span has no parentSpanId field at all.
        if (!span.parentSpanId().isEmpty()) {
            writeId(PARENT_SPAN_ID, span.parentSpanId());
        }
        generator.writeFieldName(NAME);
        generator.writeString(spanNames.of(span.name()));
        generator.writeFieldName(KIND);
        generator.writeNumber(kindNumber(span.kind()));
        generator.writeFieldName(START_TIME);
        values.writeDecimalString(span.startEpochNanos());
        generator.writeFieldName(END_TIME);
        values.writeDecimalString(span.endEpochNanos());
        values.writeAttributes(span.attributes());
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
        // The code is written even when UNSET (0) so that jq-style filters on .status.code work.
        if (span.statusMessage().isEmpty()) {
            generator.writeRawValue(BARE_STATUS[statusNumber(span.statusCode())]);
        } else {
            generator.writeStartObject();
            generator.writeFieldName(CODE);
            generator.writeNumber(statusNumber(span.statusCode()));
            writeNonEmpty(MESSAGE, span.statusMessage());
            generator.writeEndObject();
        }
        generator.writeEndObject();
    }

    private void writeEvent(SpanEvent event) throws IOException {
        generator.writeStartObject();
        generator.writeFieldName(TIME);
        values.writeDecimalString(event.epochNanos());
        generator.writeFieldName(NAME);
        generator.writeString(event.name());
        values.writeAttributes(event.attributes());
        generator.writeEndObject();
    }

    private void writeLink(SpanLink link) throws IOException {
        generator.writeStartObject();
        writeId(TRACE_ID, link.traceId());
        writeId(SPAN_ID, link.spanId());
        values.writeAttributes(link.attributes());
        generator.writeEndObject();
    }

    private void writeId(SerializedString field, String hex) throws IOException {
        generator.writeFieldName(field);
        int length = hex.length();
        for (int i = 0; i < length; i++) {
            id[i] = (byte) hex.charAt(i);
        }
        generator.writeRawUTF8String(id, 0, length);
    }

    private void writeNonEmpty(SerializedString field, String value) throws IOException {
        if (value != null && !value.isEmpty()) {
            generator.writeFieldName(field);
            generator.writeString(value);
        }
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
