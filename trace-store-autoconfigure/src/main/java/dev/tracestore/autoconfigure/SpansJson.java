package dev.tracestore.autoconfigure;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.tracestore.core.json.SpanJsonWriter;
import dev.tracestore.core.model.StoredSpan;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes the answers with spans of the {@code traces} endpoint, a trace ({@code /actuator/traces/{traceId}}) and a span
 * search ({@code view=spans}, {@code /failures}), as JSON straight from the stored spans: each span as
 * {@link SpanDescriptor} documents it, by {@link SpanJsonWriter} (which the CLI shares), without building descriptors,
 * maps and strings for an object mapper to walk (a 5 000-span answer took several times longer that way). A scope
 * version that would be {@code null} is left out, as Actuator's mapper leaves null fields out of the other answers.
 * Thread-safe.
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
        return write(spans.size(), (json, writer) -> {
            json.writeStringField("traceId", traceId);
            writeSpans(json, writer, spans);
            writeTruncation(json, truncation);
        });
    }

    /** @return {@code {"spans": [...], "partial": ..., "partialReason": ..., ..., "reloading": ...}} */
    static byte[] spans(SpanBudget budget, Truncation truncation, boolean reloading) {
        return write(budget.spans().size(), (json, writer) -> {
            writeSpans(json, writer, budget.spans());
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
        void write(JsonGenerator json, SpanJsonWriter writer) throws IOException;
    }

    private static byte[] write(int spans, Fields fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 512 * spans);
        try (JsonGenerator json = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            fields.write(json, SpanJsonWriter.omittingMissingScopeVersion());
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

    private static void writeSpans(JsonGenerator json, SpanJsonWriter writer, List<StoredSpan> spans)
            throws IOException {
        json.writeArrayFieldStart("spans");
        for (StoredSpan span : spans) {
            writer.write(json, span);
        }
        json.writeEndArray();
    }
}
