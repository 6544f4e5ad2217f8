package dev.tracestore.core.store;

import dev.tracestore.core.model.SpanEvent;
import dev.tracestore.core.model.SpanLink;
import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.AttributeFilter.Scope;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Adds up the values of one key per scope, with the spans that have each, for {@link StoreListing}. Values are
 * counted as the index keeps them: whole numbers as longs, each element of an array, NaN not at all.
 */
final class ValueTally {

    private record ScopedValue(Scope scope, Object value) {
    }

    private final String key;
    private final Map<ScopedValue, long[]> counts = new HashMap<>();

    ValueTally(String key) {
        this.key = key;
    }

    /** Adds a value as the index keeps it. */
    void add(Scope scope, Object indexedValue, long spans) {
        if (spans > 0) {
            counts.computeIfAbsent(new ScopedValue(scope, indexedValue), v -> new long[1])[0] += spans;
        }
    }

    void addAttributes(Scope scope, Attributes attributes, long spans) {
        Set<Object> values = new HashSet<>();
        collect(values, valueOf(attributes));
        values.forEach(value -> add(scope, value, spans));
    }

    void addScope(InstrumentationScopeInfo info, long spans) {
        Object value = valueOf(info.getAttributes());
        if (value == null && key.equals("name")) {
            value = info.getName();
        } else if (value == null && key.equals("version")) {
            value = info.getVersion();
        }
        Set<Object> values = new HashSet<>();
        collect(values, value);
        values.forEach(each -> add(Scope.INSTRUMENTATION, each, spans));
    }

    /** Adds the values of the span in {@code slot} in a span, event or link scope, each once per span. */
    void addSpan(Scope scope, SpanRing ring, int slot) {
        if (scope == Scope.SPAN) {
            addAttributes(Scope.SPAN, ring.attributes(slot), 1);
        } else {
            addSpan(scope, ring.decode(slot));
        }
    }

    /** Adds the values of a span in one scope, each once per span. */
    void addSpan(Scope scope, StoredSpan span) {
        switch (scope) {
            case SPAN -> addAttributes(Scope.SPAN, span.attributes(), 1);
            case RESOURCE -> addAttributes(Scope.RESOURCE, span.resource().getAttributes(), 1);
            case INSTRUMENTATION -> addScope(span.scope(), 1);
            default -> addNested(scope, span);
        }
    }

    private void addNested(Scope scope, StoredSpan span) {
        Set<Object> values = new HashSet<>();
        if (scope == Scope.EVENT) {
            for (SpanEvent event : span.events()) {
                if (key.equals(SpanIndex.EVENT_NAME)) {
                    collect(values, event.name());
                }
                collect(values, valueOf(event.attributes()));
            }
        } else {
            for (SpanLink link : span.links()) {
                collect(values, valueOf(link.attributes()));
            }
        }
        values.forEach(value -> add(scope, value, 1));
    }

    private Object valueOf(Attributes attributes) {
        Object[] found = new Object[1];
        attributes.forEach((attributeKey, value) -> {
            if (found[0] == null && attributeKey.getKey().equals(key)) {
                found[0] = value;
            }
        });
        return found[0];
    }

    private static void collect(Set<Object> values, Object value) {
        if (value instanceof List<?> elements) {
            elements.forEach(element -> collect(values, element));
        } else if (value != null && !(value instanceof Double d && d.isNaN())) {
            values.add(KeyPostings.indexValue(value));
        }
    }

    /** @return the values whose text starts with {@code prefix}, most spans first (ties by scope, then text) */
    List<Listing.Value> values(String prefix, int limit) {
        List<Listing.Value> listed = new ArrayList<>();
        counts.forEach((value, spans) -> {
            if (String.valueOf(value.value()).startsWith(prefix)) {
                listed.add(new Listing.Value(value.scope(), value.value(), spans[0]));
            }
        });
        listed.sort(Comparator.comparingLong(Listing.Value::spans).reversed()
                .thenComparing(Listing.Value::scope)
                .thenComparing(value -> String.valueOf(value.value()))
                .thenComparing(value -> value.value().getClass().getSimpleName()));
        return listed.size() > limit ? listed.subList(0, limit) : listed;
    }
}
