package dev.tracestore.core.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * Parses OTLP/JSON with the official protobuf definitions and protobuf's own strict JSON parser, which refuses
 * unknown fields and wrongly typed values. The one step between: OTLP/JSON writes trace and span IDs as hex
 * where proto3 JSON expects base64 for {@code bytes} fields, and the OTLP specification says to convert them.
 * Shared with other modules' tests through trace-store-core's test jar.
 *
 * <pre>{@code
 * ExportTraceServiceRequest request = OtlpProtoJson.parse(Files.readString(spansFile).lines().findFirst().get());
 * }</pre>
 */
public final class OtlpProtoJson {

    private static final Set<String> ID_FIELDS = Set.of("traceId", "spanId", "parentSpanId");

    private OtlpProtoJson() {
    }

    /**
     * @param otlpJson one OTLP/JSON {@code ExportTraceServiceRequest}
     * @return the request as the protobuf definitions read it
     * @throws InvalidProtocolBufferException when it is not valid OTLP/JSON
     */
    public static ExportTraceServiceRequest parse(String otlpJson) throws InvalidProtocolBufferException {
        JsonElement tree = JsonParser.parseString(otlpJson);
        hexIdsToBase64(tree);
        ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
        JsonFormat.parser().merge(tree.toString(), request);
        return request.build();
    }

    private static void hexIdsToBase64(JsonElement element) {
        if (element instanceof JsonArray array) {
            array.forEach(OtlpProtoJson::hexIdsToBase64);
        } else if (element instanceof JsonObject object) {
            for (Map.Entry<String, JsonElement> field : object.entrySet()) {
                if (ID_FIELDS.contains(field.getKey()) && field.getValue().isJsonPrimitive()) {
                    byte[] id = HexFormat.of().parseHex(field.getValue().getAsString());
                    field.setValue(new JsonPrimitive(Base64.getEncoder().encodeToString(id)));
                } else {
                    hexIdsToBase64(field.getValue());
                }
            }
        }
    }
}
