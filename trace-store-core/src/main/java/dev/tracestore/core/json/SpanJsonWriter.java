package dev.tracestore.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.tracestore.core.model.SpanEvent;
import dev.tracestore.core.model.SpanLink;
import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.api.common.Attributes;

import java.io.IOException;
import java.util.List;

/**
 * Writes a stored span as one JSON object in the field names of the {@code traces} Actuator endpoint, which the CLI's
 * JSON output shares so that one script reads both: {@code traceId}, {@code spanId}, {@code parentSpanId},
 * {@code name}, {@code kind}, {@code service}, {@code startTime}, {@code endTime} (as {@link java.time.Instant#toString()}
 * writes them), {@code durationNanos}, {@code status} ({@code code}, {@code message}), {@code attributes},
 * {@code events}, {@code links}, {@code resource} and {@code scope} ({@code name}, {@code version}). Attribute values
 * keep their JSON type: string, boolean, number, or an array of these (NaN and the infinities become strings: JSON has
 * no number for them). Straight from the span to the generator, with no descriptors or maps in between: a
 * 5 000-span answer took several times longer through an object mapper. Not thread-safe: one per answer.
 *
 * <pre>{@code
 * SpanJsonWriter spans = SpanJsonWriter.omittingMissingScopeVersion();
 * json.writeArrayFieldStart("spans");
 * for (StoredSpan span : trace) {
 *     spans.write(json, span);   // {"traceId":"4bf9...","spanId":"00f0...",...,"scope":{"name":"jdbc"}}
 * }
 * json.writeEndArray();
 * }</pre>
 */
public final class SpanJsonWriter {

    private final boolean nullScopeVersionWritten;
    private final IsoInstants instants = new IsoInstants();

    private SpanJsonWriter(boolean nullScopeVersionWritten) {
        this.nullScopeVersionWritten = nullScopeVersionWritten;
    }

    /**
     * @return a writer that leaves {@code version} out of the scope of a span whose scope has none, as Actuator's
     *     mapper leaves out null fields (the endpoint's answers)
     */
    public static SpanJsonWriter omittingMissingScopeVersion() {
        return new SpanJsonWriter(false);
    }

    /** @return a writer that writes {@code "version": null} for a scope without a version (the CLI's output) */
    public static SpanJsonWriter writingNullScopeVersion() {
        return new SpanJsonWriter(true);
    }

    /** Writes {@code span} as one JSON object, where {@code json} expects a value. */
    public void write(JsonGenerator json, StoredSpan span) throws IOException {
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
        if (version != null || nullScopeVersionWritten) {
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

    /**
     * Writes an attribute value, or a TraceQL answer's value, with its JSON type. The attribute types of OpenTelemetry
     * are String, Boolean, Long, Double, or a list of one of them.
     */
    public static void writeValue(JsonGenerator json, Object value) throws IOException {
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
