package dev.tracestore.core.traceql;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;

import java.util.List;

/** Reads one attribute by name whatever its type; arrays are answered as lists. */
final class AttributeLookup {

    private final List<AttributeKey<?>> keys;

    AttributeLookup(String name) {
        this.keys = List.of(AttributeKey.stringKey(name), AttributeKey.longKey(name), AttributeKey.doubleKey(name),
                AttributeKey.booleanKey(name), AttributeKey.stringArrayKey(name), AttributeKey.longArrayKey(name),
                AttributeKey.doubleArrayKey(name), AttributeKey.booleanArrayKey(name));
    }

    /** @return the value, or {@code null} when the attributes lack it */
    Object read(Attributes attributes) {
        if (attributes.isEmpty()) {
            return null;
        }
        for (AttributeKey<?> key : keys) {
            Object value = attributes.get(key);
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
