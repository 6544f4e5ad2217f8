package dev.tracestore.core.query;

import dev.tracestore.core.model.SpanEvent;
import dev.tracestore.core.model.SpanLink;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the value of one attribute key in one scope of a span: its own attributes, its resource's, the other HTTP
 * conventions' keys, its events', its links' or its instrumentation scope's. A key of events and links can hold
 * a value on each of them; their values together read like an array, so a filter holds when any of them does.
 */
final class ScopedLookup {

    private final String key;
    private final List<AttributeKey<?>> typedKeys;

    ScopedLookup(String key) {
        this.key = key;
        this.typedKeys = AttributeAliases.typedKeys(key);
    }

    /** @return the key's value in {@code attributes}, whatever its type, or {@code null} */
    Object in(Attributes attributes) {
        for (AttributeKey<?> typedKey : typedKeys) {
            Object value = attributes.get(typedKey);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /**
     * @return the key's values on every event (an event's attribute, else for {@code name} the event's name), a
     *     list; {@code null} when no event has it
     */
    Object inEvents(List<SpanEvent> events) {
        List<Object> values = null;
        for (SpanEvent event : events) {
            Object value = in(event.attributes());
            if (value == null && key.equals("name")) {
                value = event.name();
            }
            values = collect(values, value);
        }
        return values;
    }

    /** @return the key's values on every link, a list; {@code null} when no link has it */
    Object inLinks(List<SpanLink> links) {
        List<Object> values = null;
        for (SpanLink link : links) {
            values = collect(values, in(link.attributes()));
        }
        return values;
    }

    /** @return the scope's attribute, else for {@code name} and {@code version} the scope's name and version */
    Object inScope(InstrumentationScopeInfo scope) {
        Object value = in(scope.getAttributes());
        if (value == null && key.equals("name")) {
            return scope.getName();
        }
        if (value == null && key.equals("version")) {
            return scope.getVersion();
        }
        return value;
    }

    private static List<Object> collect(List<Object> values, Object value) {
        if (value == null) {
            return values;
        }
        List<Object> into = values == null ? new ArrayList<>(2) : values;
        if (value instanceof List<?> elements) {
            into.addAll(elements);
        } else {
            into.add(value);
        }
        return into;
    }
}
