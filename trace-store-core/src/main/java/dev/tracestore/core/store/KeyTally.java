package dev.tracestore.core.store;

import dev.tracestore.core.model.SpanEvent;
import dev.tracestore.core.model.SpanLink;
import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.AttributeFilter.Scope;
import io.opentelemetry.api.common.AttributeType;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Adds up attribute keys per scope, with their types and span counts, for {@link StoreListing}. */
final class KeyTally {

    private record ScopedKey(Scope scope, String key) {
    }

    private static final class Tally {
        final Set<AttributeType> types = EnumSet.noneOf(AttributeType.class);
        long spans;
    }

    private final Map<ScopedKey, Tally> keys = new HashMap<>();

    void add(Scope scope, String key, Set<AttributeType> types, long spans) {
        Tally tally = keys.computeIfAbsent(new ScopedKey(scope, key), k -> new Tally());
        tally.types.addAll(types);
        tally.spans += spans;
    }

    void addAttributes(Scope scope, Attributes attributes, long spans) {
        attributes.forEach((key, value) -> add(scope, key.getKey(), EnumSet.of(key.getType()), spans));
    }

    void addScope(InstrumentationScopeInfo info, long spans) {
        StoreListing.scopeKeys(info).forEach((key, type) -> add(Scope.INSTRUMENTATION, key, EnumSet.of(type), spans));
    }

    /** Adds the keys of one span in the asked scopes, each key once per span however many events have it. */
    void addSpan(StoredSpan span, List<Scope> scopes) {
        if (scopes.contains(Scope.SPAN)) {
            addAttributes(Scope.SPAN, span.attributes(), 1);
        }
        if (scopes.contains(Scope.EVENT) && !span.events().isEmpty()) {
            Map<String, Set<AttributeType>> seen = new HashMap<>();
            for (SpanEvent event : span.events()) {
                seen.computeIfAbsent(SpanIndex.EVENT_NAME, k -> EnumSet.noneOf(AttributeType.class))
                        .add(AttributeType.STRING);
                collect(seen, event.attributes());
            }
            seen.forEach((key, types) -> add(Scope.EVENT, key, types, 1));
        }
        if (scopes.contains(Scope.LINK) && !span.links().isEmpty()) {
            Map<String, Set<AttributeType>> seen = new HashMap<>();
            for (SpanLink link : span.links()) {
                collect(seen, link.attributes());
            }
            seen.forEach((key, types) -> add(Scope.LINK, key, types, 1));
        }
    }

    private static void collect(Map<String, Set<AttributeType>> seen, Attributes attributes) {
        attributes.forEach((key, value) -> seen.computeIfAbsent(key.getKey(),
                k -> EnumSet.noneOf(AttributeType.class)).add(key.getType()));
    }

    /** @return the keys by scope, then key */
    List<Listing.Key> keys() {
        List<Listing.Key> listed = new ArrayList<>();
        keys.forEach((key, tally) -> listed.add(new Listing.Key(key.scope(), key.key(), tally.types, tally.spans)));
        listed.sort(Comparator.comparing(Listing.Key::scope).thenComparing(Listing.Key::key));
        return listed;
    }
}
