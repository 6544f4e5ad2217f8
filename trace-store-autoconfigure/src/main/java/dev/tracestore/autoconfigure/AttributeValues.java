package dev.tracestore.autoconfigure;

import io.opentelemetry.api.common.Attributes;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns OpenTelemetry attributes into a JSON-ready map that keeps each value's type. */
final class AttributeValues {

    private AttributeValues() {
    }

    /**
     * @param attributes the attributes, in the SDK's key order
     * @return an immutable map of key to String, Boolean, Long, Double or an immutable list of these
     */
    static Map<String, Object> toMap(Attributes attributes) {
        Map<String, Object> values = new LinkedHashMap<>();
        attributes.forEach((key, value) -> values.put(key.getKey(),
                value instanceof List<?> list ? List.copyOf(list) : value));
        return Collections.unmodifiableMap(values);
    }
}
