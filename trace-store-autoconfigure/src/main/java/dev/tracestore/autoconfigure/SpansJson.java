package dev.tracestore.autoconfigure;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.tracestore.core.model.SpanEvent;
import dev.tracestore.core.model.SpanLink;
import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.api.common.Attributes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes the answers with spans of the {@code traces} endpoint, a trace ({@code /actuator/traces/{traceId}}) and a span
 * search ({@code view=spans}, {@code /failures}), as JSON straight from the stored spans: each span as
 * {@link SpanDescriptor} documents it, without building descriptors, maps and strings for an object mapper to walk
 * (a 5 000-span answer took several times longer that way). Fields that would be {@code null} are left out, as
 * Actuator's mapper leaves them out of the other answers. Thread-safe.
 *
 * <pre>{@code
 * byte[] json = SpansJson.trace(traceId, budget.spans(), truncation);
 * // {"traceId":"4bf9...","spans":[{"traceId":"4bf9...","spanId":"00f0...",...}],"truncated":true,...}
 * byte[] found = SpansJson.spans(budget, truncation, reloading);
 * // {"spans":[...],"partial":false,"reloading":false}
 * }</pre>
 */
final class SpansJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private SpansJson() {
    }

    /** @return {@code {"traceId": ..., "spans": [...], "truncated": ..., "omittedSpans": ..., "truncation": ...}} */
    static byte[] trace(String traceId, List<StoredSpan> spans, Truncation truncation) {
        return write(spans.size(), (json, instants) -> {
            json.writeStringField("traceId", traceId);
            writeSpans(json, instants, spans);
            writeTruncation(json, truncation);
        });
    }

    /** @return {@code {"spans": [...], "partial": ..., "partialReason": ..., ..., "reloading": ...}} */
    static byte[] spans(SpanBudget budget, Truncation truncation, boolean reloading) {
        return write(budget.spans().size(), (json, instants) -> {
            writeSpans(json, instants, budget.spans());
            String partialReason = budget.partialReason();
            json.writeBooleanField("partial", partialReason != null);
            if (partialReason != null) {
                json.writeStringField("partialReason", partialReason);
            }
            writeTruncation(json, truncation);
            json.writeBooleanField("reloading", reloading);
        });
    }

    private interface Fields {
        void write(JsonGenerator json, IsoInstants instants) throws IOException;
    }

    private static byte[] write(int spans, Fields fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 512 * spans);
        try (JsonGenerator json = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            fields.write(json, new IsoInstants());
            json.writeEndObject();
        } catch (IOException ex) {
            // A ByteArrayOutputStream never fails: only an unencodable string gets here.
            throw new UncheckedIOException(ex);
        }
        return out.toByteArray();
    }

    private static void writeTruncation(JsonGenerator json, Truncation truncation) throws IOException {
        if (truncation.truncated() != null) {
            json.writeBooleanField("truncated", truncation.truncated());
        }
        if (truncation.omittedSpans() != null) {
            json.writeNumberField("omittedSpans", truncation.omittedSpans());
        }
        if (truncation.message() != null) {
            json.writeStringField("truncation", truncation.message());
        }
    }

    private static void writeSpans(JsonGenerator json, IsoInstants instants, List<StoredSpan> spans)
            throws IOException {
        json.writeArrayFieldStart("spans");
        for (StoredSpan span : spans) {
            writeSpan(json, instants, span);
        }
        json.writeEndArray();
    }

    private static void writeSpan(JsonGenerator json, IsoInstants instants, StoredSpan span) throws IOException {
        json.writeStartObject();
        json.writeStringField("traceId", span.traceId());
        json.writeStringField("spanId", span.spanId());
        json.writeStringField("parentSpanId", span.parentSpanId());
        json.writeStringField("name", span.name());
        json.writeStringField("kind", span.kind().name());
        json.writeStringField("service", span.serviceName());
        json.writeStringField("startTime", instants.format(span.startEpochNanos()));
        json.writeStringField("endTime", instants.format(span.endEpochNanos()));
        json.writeNumberField("durationNanos", span.durationNanos());
        json.writeObjectFieldStart("status");
        json.writeStringField("code", span.statusCode().name());
        json.writeStringField("message", span.statusMessage());
        json.writeEndObject();
        writeAttributes(json, "attributes", span.attributes());
        json.writeArrayFieldStart("events");
        for (SpanEvent event : span.events()) {
            json.writeStartObject();
            json.writeStringField("name", event.name());
            json.writeStringField("time", instants.format(event.epochNanos()));
            writeAttributes(json, "attributes", event.attributes());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("links");
        for (SpanLink link : span.links()) {
            json.writeStartObject();
            json.writeStringField("traceId", link.traceId());
            json.writeStringField("spanId", link.spanId());
            writeAttributes(json, "attributes", link.attributes());
            json.writeEndObject();
        }
        json.writeEndArray();
        writeAttributes(json, "resource", span.resource().getAttributes());
        json.writeObjectFieldStart("scope");
        json.writeStringField("name", span.scope().getName());
        String version = span.scope().getVersion();
        if (version != null) {
            json.writeStringField("version", version);
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void writeAttributes(JsonGenerator json, String field, Attributes attributes) throws IOException {
        json.writeObjectFieldStart(field);
        IOException[] failure = {null};
        attributes.forEach((key, value) -> {
            if (failure[0] == null) {
                try {
                    json.writeFieldName(key.getKey());
                    writeValue(json, value);
                } catch (IOException ex) {
                    failure[0] = ex;
                }
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        json.writeEndObject();
    }

    // The attribute types of OpenTelemetry: String, Boolean, Long, Double, or a list of one of them.
    private static void writeValue(JsonGenerator json, Object value) throws IOException {
        if (value instanceof String text) {
            json.writeString(text);
        } else if (value instanceof Long number) {
            json.writeNumber(number);
        } else if (value instanceof Double number) {
            json.writeNumber(number);
        } else if (value instanceof Boolean flag) {
            json.writeBoolean(flag);
        } else if (value instanceof List<?> list) {
            json.writeStartArray();
            for (Object element : list) {
                writeValue(json, element);
            }
            json.writeEndArray();
        } else {
            // A type newer than this code (the SDK's own are above): its text, rather than failing the answer.
            json.writeString(String.valueOf(value));
        }
    }
}
