package dev.tracestore.core.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Numbers span names, counting the live spans of each so a name's number is freed (and reused) when its last span
 * is evicted: instrumentations that put IDs into span names must not make the store grow without bound. Not
 * thread-safe; the store guards it.
 */
final class CountedNames {

    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> names = new ArrayList<>();
    private final List<Integer> freeIds = new ArrayList<>();
    private int[] liveCounts = new int[64];

    /** @return the name's number, counting one more live span */
    int acquire(String name) {
        Integer id = ids.get(name);
        if (id == null) {
            id = freeIds.isEmpty() ? names.size() : freeIds.remove(freeIds.size() - 1);
            if (id == names.size()) {
                names.add(name);
            } else {
                names.set(id, name);
            }
            ids.put(name, id);
            if (id >= liveCounts.length) {
                liveCounts = java.util.Arrays.copyOf(liveCounts, liveCounts.length * 2);
            }
        }
        liveCounts[id]++;
        return id;
    }

    /** Counts one live span less, freeing the number with the last one. */
    void release(int id) {
        if (--liveCounts[id] == 0) {
            ids.remove(names.get(id));
            names.set(id, null);
            freeIds.add(id);
        }
    }

    /** @return the number of a name with live spans, or {@link Dictionary#ABSENT} */
    int find(String name) {
        Integer id = ids.get(name);
        return id == null ? Dictionary.ABSENT : id;
    }

    String get(int id) {
        return names.get(id);
    }
}
