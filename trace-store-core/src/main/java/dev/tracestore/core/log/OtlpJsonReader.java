package dev.tracestore.core.log;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.common.InstrumentationScopeInfoBuilder;
import io.opentelemetry.sdk.resources.Resource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static dev.tracestore.core.log.Proto3Json.emptyToNull;
import static dev.tracestore.core.log.Proto3Json.readLong;
import static dev.tracestore.core.log.Proto3Json.readString;
import static dev.tracestore.core.log.Proto3Json.startArray;
import static dev.tracestore.core.log.Proto3Json.startObject;

/**
 * Decodes one OTLP/JSON {@code ExportTraceServiceRequest} ({@code {"resourceSpans":[...]}}) into
 * {@link StoredSpan}s: the lines trace-store writes, and those of other OpenTelemetry tools (the
 * Collector's file exporter, OpenTelemetry Java's OTLP JSON exporters). A bare {@code ResourceSpans}
 * object, as {@code OtlpJsonLoggingSpanExporter} logs it, is read as a request holding just that.
 *
 * <p>Lenient where the proto3 JSON mapping or real producers are: 64-bit integers as strings or
 * numbers; enums as integers or names ({@code "SPAN_KIND_SERVER"}); hex IDs in either case;
 * {@code null} or missing fields take their defaults; unknown fields are skipped; the pre-1.0
 * {@code instrumentationLibrarySpans} is read like {@code scopeSpans}. Attribute values the span
 * model cannot hold ({@code kvlistValue}, nested or mixed arrays) become JSON text, and
 * {@code bytesValue} stays base64 text. Strict where data would be wrong: malformed JSON, invalid
 * IDs or an end before the start throw an {@link IOException} for the whole line, so that the
 * caller can count the line as skipped. Instances are thread-safe.
 *
 * <pre>{@code
 * OtlpJsonReader reader = new OtlpJsonReader();
 * List<StoredSpan> spans = reader.read(line);   // throws IOException for a corrupt line
 * }</pre>
 */
public final class OtlpJsonReader {

    private final JsonFactory factory;
    private final SharedNames names = new SharedNames();
    private final AnyValueReader attributeReader;
    private final SpanPartsReader parts;

    /** Creates a reader; create one and reuse it, the {@link JsonFactory} inside is costly. */
    public OtlpJsonReader() {
        this.factory = JsonFactory.builder()
                .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                .build();
        this.attributeReader = new AnyValueReader(factory, names);
        this.parts = new SpanPartsReader(attributeReader, names);
    }

    /**
     * Decodes one request object.
     *
     * @param json the JSON object, surrounding whitespace allowed
     * @return the spans in the order they appear
     * @throws IOException when the text is not one valid request or a span is invalid
     */
    public List<StoredSpan> read(String json) throws IOException {
        Objects.requireNonNull(json, "json");
        try (JsonParser parser = factory.createParser(json)) {
            return readRequest(parser);
        }
    }

    /**
     * Decodes one request object from UTF-8 bytes, without copying them.
     *
     * @param utf8 the buffer
     * @param offset where the object starts
     * @param length how many bytes it spans, surrounding whitespace allowed
     * @return the spans in the order they appear
     * @throws IOException when the bytes are not one valid request or a span is invalid
     */
    public List<StoredSpan> read(byte[] utf8, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, utf8.length);
        try (JsonParser parser = factory.createParser(utf8, offset, length)) {
            return readRequest(parser);
        }
    }

    private List<StoredSpan> readRequest(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new JsonParseException(p, "expected a JSON object {\"resourceSpans\":[...]}");
        }
        List<StoredSpan> spans = new ArrayList<>();
        // OtlpJsonLoggingSpanExporter logs bare ResourceSpans objects, one per line: read those too.
        ResourceSpansFields bare = new ResourceSpansFields();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if ("resourceSpans".equals(field)) {
                if (startArray(p, field)) {
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        readResourceSpans(p, spans);
                    }
                }
            } else if (!bare.read(p, field)) {
                p.skipChildren();
            }
        }
        bare.buildInto(p, spans);
        // One object per line: anything after it means the line is not what we think it is.
        if (p.nextToken() != null) {
            throw new JsonParseException(p, "unexpected content after the request object");
        }
        return spans;
    }

    private void readResourceSpans(JsonParser p, List<StoredSpan> out) throws IOException {
        if (!startObject(p, "resourceSpans[]")) {
            return;
        }
        ResourceSpansFields resourceSpans = new ResourceSpansFields();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (!resourceSpans.read(p, field)) {
                p.skipChildren();
            }
        }
        resourceSpans.buildInto(p, out);
    }

    /**
     * The fields of one {@code ResourceSpans}. JSON objects are unordered: the resource may come
     * after its spans, so the spans are completed once the whole object is read.
     */
    private final class ResourceSpansFields {
        private final List<StoredSpan.Builder> spans = new ArrayList<>();
        private Attributes attributes = Attributes.empty();
        private String schemaUrl;

        /** @return {@code false} when {@code field} is not a ResourceSpans field; nothing was read */
        boolean read(JsonParser p, String field) throws IOException {
            switch (field) {
                case "resource" -> attributes = readAttributesHolder(p, field);
                case "scopeSpans", "instrumentationLibrarySpans" -> {
                    if (startArray(p, field)) {
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            readScopeSpans(p, spans);
                        }
                    }
                }
                case "schemaUrl" -> schemaUrl = emptyToNull(readString(p, field));
                default -> {
                    return false;
                }
            }
            return true;
        }

        void buildInto(JsonParser p, List<StoredSpan> out) throws IOException {
            if (spans.isEmpty()) {
                return;
            }
            Resource resource = resource(p, attributes, schemaUrl);
            for (StoredSpan.Builder span : spans) {
                out.add(build(p, span.resource(resource)));
            }
        }
    }

    private void readScopeSpans(JsonParser p, List<StoredSpan.Builder> out) throws IOException {
        if (!startObject(p, "scopeSpans[]")) {
            return;
        }
        int first = out.size();
        InstrumentationScopeInfo scope = InstrumentationScopeInfo.empty();
        String schemaUrl = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "scope", "instrumentationLibrary" -> scope = readScope(p, field);
                case "spans" -> {
                    if (startArray(p, field)) {
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            out.add(readSpan(p));
                        }
                    }
                }
                case "schemaUrl" -> schemaUrl = emptyToNull(readString(p, field));
                default -> p.skipChildren();
            }
        }
        if (schemaUrl != null) {
            scope = withSchemaUrl(scope, schemaUrl);
        }
        for (int i = first; i < out.size(); i++) {
            out.get(i).scope(scope);
        }
    }

    private InstrumentationScopeInfo readScope(JsonParser p, String where) throws IOException {
        if (!startObject(p, where)) {
            return InstrumentationScopeInfo.empty();
        }
        String name = "";
        String version = null;
        Attributes attributes = Attributes.empty();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "name" -> name = readString(p, field);
                case "version" -> version = emptyToNull(readString(p, field));
                case "attributes" -> attributes = attributeReader.readAttributes(p, field);
                default -> p.skipChildren();
            }
        }
        InstrumentationScopeInfoBuilder builder = InstrumentationScopeInfo.builder(name).setAttributes(attributes);
        if (version != null) {
            builder.setVersion(version);
        }
        return builder.build();
    }

    /** The schema URL sits beside the scope in OTLP ({@code ScopeSpans.schemaUrl}), in the SDK inside it. */
    private static InstrumentationScopeInfo withSchemaUrl(InstrumentationScopeInfo scope, String schemaUrl) {
        InstrumentationScopeInfoBuilder builder = InstrumentationScopeInfo.builder(scope.getName())
                .setAttributes(scope.getAttributes())
                .setSchemaUrl(schemaUrl);
        if (scope.getVersion() != null) {
            builder.setVersion(scope.getVersion());
        }
        return builder.build();
    }

    private StoredSpan.Builder readSpan(JsonParser p) throws IOException {
        StoredSpan.Builder span = StoredSpan.builder().name("");
        if (!startObject(p, "spans[]")) {
            throw new JsonParseException(p, "a span must not be null");
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "traceId" -> span.traceId(SpanPartsReader.readId(p, field));
                case "spanId" -> span.spanId(SpanPartsReader.readId(p, field));
                case "parentSpanId" -> span.parentSpanId(SpanPartsReader.parentId(SpanPartsReader.readId(p, field)));
                case "name" -> span.name(names.read(p, field));
                case "kind" -> span.kind(SpanPartsReader.readKind(p));
                case "startTimeUnixNano" -> span.startEpochNanos(readLong(p, field));
                case "endTimeUnixNano" -> span.endEpochNanos(readLong(p, field));
                case "attributes" -> span.attributes(attributeReader.readAttributes(p, field));
                case "events" -> span.events(parts.readEvents(p));
                case "links" -> span.links(parts.readLinks(p));
                case "status" -> SpanPartsReader.readStatus(p, span);
                default -> p.skipChildren();
            }
        }
        return span;
    }

    /** Reads an object whose only field of interest is {@code attributes}, such as a resource. */
    private Attributes readAttributesHolder(JsonParser p, String where) throws IOException {
        Attributes attributes = Attributes.empty();
        if (!startObject(p, where)) {
            return attributes;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if ("attributes".equals(field)) {
                attributes = attributeReader.readAttributes(p, field);
            } else {
                p.skipChildren();
            }
        }
        return attributes;
    }

    private static StoredSpan build(JsonParser p, StoredSpan.Builder span) throws IOException {
        try {
            return span.build();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new JsonParseException(p, "invalid span: " + e.getMessage(), e);
        }
    }

    /**
     * Builds the resource. The SDK rejects keys that are not printable ASCII of at most 255
     * characters; another producer's odd key should cost that attribute, not the whole line.
     */
    private static Resource resource(JsonParser p, Attributes attributes, String schemaUrl) throws IOException {
        try {
            return Resource.create(attributes, schemaUrl);
        } catch (IllegalArgumentException e) {
            AttributesBuilder valid = Attributes.builder();
            attributes.forEach((key, value) -> {
                if (isValidResourceKey(key.getKey())) {
                    putTyped(valid, key, value);
                }
            });
            try {
                return Resource.create(valid.build(), schemaUrl);
            } catch (IllegalArgumentException stillInvalid) {
                throw new JsonParseException(p, "invalid resource: " + stillInvalid.getMessage(), stillInvalid);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void putTyped(AttributesBuilder builder, AttributeKey<T> key, Object value) {
        builder.put(key, (T) value);
    }

    private static boolean isValidResourceKey(String key) {
        if (key.isEmpty() || key.length() > 255) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < ' ' || c > '~') {
                return false;
            }
        }
        return true;
    }


}
