package dev.tracestore.core.log;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.tracestore.core.model.SpanEvent;
import dev.tracestore.core.model.SpanLink;
import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static dev.tracestore.core.log.Proto3Json.readEnumNumber;
import static dev.tracestore.core.log.Proto3Json.readLong;
import static dev.tracestore.core.log.Proto3Json.readString;
import static dev.tracestore.core.log.Proto3Json.startArray;
import static dev.tracestore.core.log.Proto3Json.startObject;

/**
 * Reads the parts of an OTLP/JSON {@code Span} that are more than a scalar: events, links, status, kind, and the
 * hex IDs, as leniently as {@link OtlpJsonReader} describes. Thread-safe.
 */
final class SpanPartsReader {

    private final AnyValueReader attributeReader;
    private final SharedNames names;

    SpanPartsReader(AnyValueReader attributeReader, SharedNames names) {
        this.attributeReader = attributeReader;
        this.names = names;
    }

    List<SpanEvent> readEvents(JsonParser p) throws IOException {
        if (!startArray(p, "events")) {
            return List.of();
        }
        List<SpanEvent> events = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (!startObject(p, "events[]")) {
                continue;
            }
            String name = "";
            long time = 0;
            Attributes attributes = Attributes.empty();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "timeUnixNano" -> time = readLong(p, field);
                    case "name" -> name = names.read(p, field);
                    case "attributes" -> attributes = attributeReader.readAttributes(p, field);
                    default -> p.skipChildren();
                }
            }
            events.add(new SpanEvent(name, time, attributes));
        }
        return events;
    }

    List<SpanLink> readLinks(JsonParser p) throws IOException {
        if (!startArray(p, "links")) {
            return List.of();
        }
        List<SpanLink> links = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (!startObject(p, "links[]")) {
                continue;
            }
            String traceId = "";
            String spanId = "";
            Attributes attributes = Attributes.empty();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "traceId" -> traceId = readId(p, field);
                    case "spanId" -> spanId = readId(p, field);
                    case "attributes" -> attributes = attributeReader.readAttributes(p, field);
                    default -> p.skipChildren();
                }
            }
            try {
                links.add(new SpanLink(traceId, spanId, attributes));
            } catch (IllegalArgumentException e) {
                throw new JsonParseException(p, "invalid link: " + e.getMessage(), e);
            }
        }
        return links;
    }

    static void readStatus(JsonParser p, StoredSpan.Builder span) throws IOException {
        if (!startObject(p, "status")) {
            return;
        }
        StatusCode code = StatusCode.UNSET;
        String message = "";
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "code" -> code = readStatusCode(p);
                case "message" -> message = readString(p, field);
                default -> p.skipChildren();
            }
        }
        span.status(code, message);
    }

    static SpanKind readKind(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            return switch (p.getText()) {
                case "SPAN_KIND_SERVER", "SERVER" -> SpanKind.SERVER;
                case "SPAN_KIND_CLIENT", "CLIENT" -> SpanKind.CLIENT;
                case "SPAN_KIND_PRODUCER", "PRODUCER" -> SpanKind.PRODUCER;
                case "SPAN_KIND_CONSUMER", "CONSUMER" -> SpanKind.CONSUMER;
                // UNSPECIFIED and unknown names: OpenTelemetry's API has no better kind.
                default -> SpanKind.INTERNAL;
            };
        }
        return switch (readEnumNumber(p, "kind")) {
            case 2 -> SpanKind.SERVER;
            case 3 -> SpanKind.CLIENT;
            case 4 -> SpanKind.PRODUCER;
            case 5 -> SpanKind.CONSUMER;
            default -> SpanKind.INTERNAL;
        };
    }

    private static StatusCode readStatusCode(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            return switch (p.getText()) {
                case "STATUS_CODE_OK", "OK" -> StatusCode.OK;
                case "STATUS_CODE_ERROR", "ERROR" -> StatusCode.ERROR;
                default -> StatusCode.UNSET;
            };
        }
        return switch (readEnumNumber(p, "status.code")) {
            case 1 -> StatusCode.OK;
            case 2 -> StatusCode.ERROR;
            default -> StatusCode.UNSET;
        };
    }

    /** IDs are case-insensitive hex in OTLP/JSON; the model wants lowercase. */
    static String readId(JsonParser p, String field) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return "";
        }
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw new JsonParseException(p, field + " must be a hex string");
        }
        return p.getText().toLowerCase(Locale.ROOT);
    }

    /** An empty or all-zero parent ID (the "invalid" span ID) both mean: a root span. */
    static String parentId(String id) {
        for (int i = 0; i < id.length(); i++) {
            if (id.charAt(i) != '0') {
                return id;
            }
        }
        return "";
    }
}
