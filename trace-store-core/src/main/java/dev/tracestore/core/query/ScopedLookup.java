package dev.tracestore.core.query;

import dev.tracestore.core.model.SpanEvent;
import dev.tracestore.core.model.SpanLink;
import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.AttributeFilter.Scope;
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

    private final Scope scope;
    private final String key;
    private final List<AttributeKey<?>> typedKeys;
    private final List<AttributeAliases.Alias> aliases;

    /** @param key the key without its scope prefix */
    ScopedLookup(Scope scope, String key) {
        this.scope = scope;
        this.key = key;
        this.typedKeys = AttributeAliases.typedKeys(key);
        this.aliases = scope == Scope.ANY ? AttributeAliases.of(key) : List.of();
    }

    /** @return the key's value in the span, looked up in the scope; {@code null} when absent */
    Object inSpan(StoredSpan span) {
        return switch (scope) {
            case EVENT -> inEvents(span.events());
            case LINK -> inLinks(span.links());
            case INSTRUMENTATION -> inScope(span.scope());
            default -> in(span.attributes(), span.resource().getAttributes());
        };
    }

    /**
     * @return for a scope that does not need the whole span: the key's value in the span's attributes, else (without
     *     a scope prefix) in the resource's, else under the other conventions' keys; {@code null} when absent
     */
    Object in(Attributes spanAttributes, Attributes resourceAttributes) {
        return switch (scope) {
            case SPAN -> in(spanAttributes);
            case RESOURCE -> in(resourceAttributes);
            default -> {
                Object own = in(spanAttributes);
                if (own == null) {
                    own = in(resourceAttributes);
                }
                for (int i = 0; own == null && i < aliases.size(); i++) {
                    own = aliases.get(i).lookup(spanAttributes);
                }
                yield own;
            }
        };
    }

    /** @return the other conventions' keys read without a scope prefix, in the order they are read */
    List<AttributeAliases.Alias> aliases() {
        return aliases;
    }

    /** @return the key's value in {@code attributes}, whatever its type, or {@code null} */
    private Object in(Attributes attributes) {
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
    private Object inEvents(List<SpanEvent> events) {
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
    private Object inLinks(List<SpanLink> links) {
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
