package dev.tracestore.core.log;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.tracestore.core.model.SpanEvent;
import dev.tracestore.core.model.SpanLink;
import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.common.InstrumentationScopeInfoBuilder;
import io.opentelemetry.sdk.resources.Resource;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

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
 * caller can count the line as skipped. Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * OtlpJsonReader reader = new OtlpJsonReader();
 * List<StoredSpan> spans = reader.read(line);   // throws IOException for a corrupt line
 * }</pre>
 */
public final class OtlpJsonReader {

    private final JsonFactory factory;

    /** Creates a reader; create one and reuse it, the {@link JsonFactory} inside is costly. */
    public OtlpJsonReader() {
        this.factory = JsonFactory.builder()
                .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                .build();
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
            Resource resource = resource(attributes, schemaUrl);
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
                case "attributes" -> attributes = readAttributes(p, field);
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
                case "traceId" -> span.traceId(readId(p, field));
                case "spanId" -> span.spanId(readId(p, field));
                case "parentSpanId" -> span.parentSpanId(parentId(readId(p, field)));
                case "name" -> span.name(readString(p, field));
                case "kind" -> span.kind(readKind(p));
                case "startTimeUnixNano" -> span.startEpochNanos(readLong(p, field));
                case "endTimeUnixNano" -> span.endEpochNanos(readLong(p, field));
                case "attributes" -> span.attributes(readAttributes(p, field));
                case "events" -> span.events(readEvents(p));
                case "links" -> span.links(readLinks(p));
                case "status" -> readStatus(p, span);
                default -> p.skipChildren();
            }
        }
        return span;
    }

    private List<SpanEvent> readEvents(JsonParser p) throws IOException {
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
                    case "name" -> name = readString(p, field);
                    case "attributes" -> attributes = readAttributes(p, field);
                    default -> p.skipChildren();
                }
            }
            events.add(new SpanEvent(name, time, attributes));
        }
        return events;
    }

    private List<SpanLink> readLinks(JsonParser p) throws IOException {
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
                    case "attributes" -> attributes = readAttributes(p, field);
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

    private void readStatus(JsonParser p, StoredSpan.Builder span) throws IOException {
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

    private static SpanKind readKind(JsonParser p) throws IOException {
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

    /** An enum number; out-of-range values map to -1, which every caller treats as unknown. */
    private static int readEnumNumber(JsonParser p, String field) throws IOException {
        long value = readLong(p, field);
        return value < 0 || value > Integer.MAX_VALUE ? -1 : (int) value;
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
                attributes = readAttributes(p, field);
            } else {
                p.skipChildren();
            }
        }
        return attributes;
    }

    /** Reads {@code [{"key":..,"value":{AnyValue}}, ...]}. */
    private Attributes readAttributes(JsonParser p, String where) throws IOException {
        if (!startArray(p, where)) {
            return Attributes.empty();
        }
        AttributesBuilder builder = null;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (!startObject(p, where + "[]")) {
                continue;
            }
            String key = "";
            Object value = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "key" -> key = readString(p, field);
                    case "value" -> value = readAnyValue(p);
                    default -> p.skipChildren();
                }
            }
            if (value != null && !key.isEmpty()) {
                if (builder == null) {
                    builder = Attributes.builder();
                }
                put(builder, key, value);
            }
        }
        return builder == null ? Attributes.empty() : builder.build();
    }

    @SuppressWarnings("unchecked")
    private static void put(AttributesBuilder builder, String key, Object value) {
        if (value instanceof String s) {
            builder.put(AttributeKey.stringKey(key), s);
        } else if (value instanceof Boolean b) {
            builder.put(AttributeKey.booleanKey(key), b);
        } else if (value instanceof Long l) {
            builder.put(AttributeKey.longKey(key), l);
        } else if (value instanceof Double d) {
            builder.put(AttributeKey.doubleKey(key), d);
        } else if (value instanceof TypedArray array) {
            switch (array.type) {
                case BOOLEAN -> builder.put(AttributeKey.booleanArrayKey(key), (List<Boolean>) array.values);
                case LONG -> builder.put(AttributeKey.longArrayKey(key), (List<Long>) array.values);
                case DOUBLE -> builder.put(AttributeKey.doubleArrayKey(key), (List<Double>) array.values);
                default -> builder.put(AttributeKey.stringArrayKey(key), (List<String>) array.values);
            }
        }
    }

    /** The element type of an {@code arrayValue} once all its elements are known. */
    private enum ElementType { STRING, BOOLEAN, LONG, DOUBLE }

    /** An {@code arrayValue} the span model can hold: homogeneous scalars. */
    private record TypedArray(ElementType type, List<?> values) {
    }

    /**
     * Reads one {@code AnyValue} object, current token at its start. Returns String, Boolean,
     * Long, Double or TypedArray; {@code null} when it holds no value.
     */
    private Object readAnyValue(JsonParser p) throws IOException {
        if (!startObject(p, "value")) {
            return null;
        }
        Object value = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "stringValue", "bytesValue" -> value = readString(p, field);
                case "boolValue" -> value = readBoolean(p, field);
                case "intValue" -> value = readLong(p, field);
                case "doubleValue" -> value = readDouble(p, field);
                case "arrayValue" -> value = readArrayValue(p);
                case "kvlistValue" -> value = toJsonText(p, field);
                default -> p.skipChildren();
            }
        }
        return value;
    }

    /** Reads {@code {"values":[AnyValue...]}}; mixed or nested elements degrade to strings. */
    private Object readArrayValue(JsonParser p) throws IOException {
        List<Object> values = new ArrayList<>();
        boolean nested = false;
        if (startObject(p, "arrayValue")) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if ("values".equals(field) && startArray(p, field)) {
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        if (p.currentToken() != JsonToken.START_OBJECT) {
                            throw new JsonParseException(p, "arrayValue.values[] must be AnyValue objects");
                        }
                        Object element = readAnyValue(p);
                        // Arrays of arrays have no typed-attribute equivalent.
                        nested |= element instanceof TypedArray;
                        if (element != null) {
                            values.add(element);
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        ElementType type = nested ? null : commonType(values);
        if (type == null) {
            List<Object> strings = new ArrayList<>(values.size());
            for (Object element : values) {
                strings.add(element instanceof TypedArray array ? toJsonText(array) : String.valueOf(element));
            }
            return new TypedArray(ElementType.STRING, strings);
        }
        return new TypedArray(type, values);
    }

    /** The one type of all elements, STRING for none, {@code null} when they differ. */
    private static ElementType commonType(List<Object> values) {
        ElementType common = null;
        for (Object element : values) {
            ElementType type;
            if (element instanceof Boolean) {
                type = ElementType.BOOLEAN;
            } else if (element instanceof Long) {
                type = ElementType.LONG;
            } else if (element instanceof Double) {
                type = ElementType.DOUBLE;
            } else {
                type = ElementType.STRING;
            }
            if (common != null && common != type) {
                return null;
            }
            common = type;
        }
        return common == null ? ElementType.STRING : common;
    }

    /** Keeps a value the model cannot type (a kvlist) as compact JSON text of the OTLP structure. */
    private String toJsonText(JsonParser p, String where) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return "";
        }
        if (!p.currentToken().isStructStart()) {
            throw new JsonParseException(p, where + " must be an object");
        }
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = factory.createGenerator(text)) {
            generator.copyCurrentStructure(p);
        }
        return text.toString();
    }

    private static String toJsonText(TypedArray array) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < array.values.size(); i++) {
            Object element = array.values.get(i);
            if (i > 0) {
                text.append(',');
            }
            if (element instanceof String s) {
                text.append('"').append(JsonStringEncoder.getInstance().quoteAsString(s)).append('"');
            } else if (element instanceof TypedArray nested) {
                text.append(toJsonText(nested));
            } else if (element instanceof Double d && !Double.isFinite(d)) {
                text.append('"').append(d.isNaN() ? "NaN" : d > 0 ? "Infinity" : "-Infinity").append('"');
            } else {
                text.append(element);
            }
        }
        return text.append(']').toString();
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
    private static Resource resource(Attributes attributes, String schemaUrl) {
        try {
            return Resource.create(attributes, schemaUrl);
        } catch (IllegalArgumentException e) {
            AttributesBuilder valid = Attributes.builder();
            attributes.forEach((key, value) -> {
                if (isValidResourceKey(key.getKey())) {
                    putTyped(valid, key, value);
                }
            });
            return Resource.create(valid.build(), schemaUrl);
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

    /** IDs are case-insensitive hex in OTLP/JSON; the model wants lowercase. */
    private static String readId(JsonParser p, String field) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return "";
        }
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw new JsonParseException(p, field + " must be a hex string");
        }
        return p.getText().toLowerCase(Locale.ROOT);
    }

    /** An empty or all-zero parent ID (the "invalid" span ID) both mean: a root span. */
    private static String parentId(String id) {
        for (int i = 0; i < id.length(); i++) {
            if (id.charAt(i) != '0') {
                return id;
            }
        }
        return "";
    }

    private static String readString(JsonParser p, String field) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_STRING || (token != null && token.isScalarValue() && token != JsonToken.VALUE_NULL)) {
            return p.getText();
        }
        if (token == JsonToken.VALUE_NULL) {
            return "";
        }
        throw new JsonParseException(p, field + " must be a string");
    }

    private static Boolean readBoolean(JsonParser p, String field) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
            return token == JsonToken.VALUE_TRUE;
        }
        if (token == JsonToken.VALUE_STRING && ("true".equals(p.getText()) || "false".equals(p.getText()))) {
            return Boolean.valueOf(p.getText());
        }
        if (token == JsonToken.VALUE_NULL) {
            return Boolean.FALSE;
        }
        throw new JsonParseException(p, field + " must be true or false");
    }

    /** proto3 JSON: 64-bit integers are decimal strings, but numbers are accepted too. */
    private static long readLong(JsonParser p, String field) throws IOException {
        JsonToken token = p.currentToken();
        try {
            if (token == JsonToken.VALUE_NUMBER_INT) {
                return p.getLongValue();
            }
            if (token == JsonToken.VALUE_STRING) {
                String text = p.getText().trim();
                try {
                    return Long.parseLong(text);
                } catch (NumberFormatException e) {
                    // "1e3" or "5.0" are valid proto3 JSON for an integral value.
                    return new BigDecimal(text).longValueExact();
                }
            }
            if (token == JsonToken.VALUE_NUMBER_FLOAT) {
                return p.getDecimalValue().longValueExact();
            }
            if (token == JsonToken.VALUE_NULL) {
                return 0;
            }
        } catch (NumberFormatException | ArithmeticException e) {
            throw new JsonParseException(p, field + " must be a 64-bit integer", e);
        }
        throw new JsonParseException(p, field + " must be a 64-bit integer");
    }

    /** proto3 JSON: non-finite doubles are the strings "NaN", "Infinity" and "-Infinity". */
    private static Double readDouble(JsonParser p, String field) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NUMBER_FLOAT || token == JsonToken.VALUE_NUMBER_INT) {
            return p.getDoubleValue();
        }
        if (token == JsonToken.VALUE_STRING) {
            String text = p.getText().trim();
            switch (text) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    try {
                        return Double.parseDouble(text);
                    } catch (NumberFormatException e) {
                        throw new JsonParseException(p, field + " must be a number", e);
                    }
            }
        }
        if (token == JsonToken.VALUE_NULL) {
            return 0.0;
        }
        throw new JsonParseException(p, field + " must be a number");
    }

    /** @return {@code false} for {@code null} (proto3: the default), {@code true} at an object start */
    private static boolean startObject(JsonParser p, String field) throws IOException {
        if (p.currentToken() == JsonToken.START_OBJECT) {
            return true;
        }
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return false;
        }
        throw new JsonParseException(p, field + " must be an object");
    }

    /** @return {@code false} for {@code null} (proto3: the default), {@code true} at an array start */
    private static boolean startArray(JsonParser p, String field) throws IOException {
        if (p.currentToken() == JsonToken.START_ARRAY) {
            return true;
        }
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return false;
        }
        throw new JsonParseException(p, field + " must be an array");
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
