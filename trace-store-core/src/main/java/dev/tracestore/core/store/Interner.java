package dev.tracestore.core.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Numbers values that repeat across nearly all spans (resources, instrumentation scopes). The SDK hands over the
 * same instance span after span, so an identity map answers first and equality is computed once per instance.
 * Not thread-safe; the store guards it.
 */
final class Interner<T> {

    private final Map<T, Integer> byIdentity = new IdentityHashMap<>();
    private final Map<T, Integer> byEquality = new HashMap<>();
    private final List<T> values = new ArrayList<>();

    int idOf(T value) {
        Integer id = byIdentity.get(value);
        if (id != null) {
            return id;
        }
        id = byEquality.get(value);
        if (id == null) {
            id = values.size();
            values.add(value);
            byEquality.put(value, id);
        }
        // instances read back from files differ each time: remember only a bounded number of them
        if (byIdentity.size() < 4096) {
            byIdentity.put(value, id);
        }
        return id;
    }

    T get(int id) {
        return values.get(id);
    }

    int size() {
        return values.size();
    }
}
