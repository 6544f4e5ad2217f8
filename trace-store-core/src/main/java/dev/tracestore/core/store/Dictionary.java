package dev.tracestore.core.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Numbers the strings that repeat across spans (names, attribute keys, low-cardinality values) so a span holds a
 * small number instead of the string. Entries are never removed: only strings of bounded cardinality come here,
 * and a hard cap stops growth. Not thread-safe; the store guards it.
 */
final class Dictionary {

    /** Beyond this many entries new strings are no longer numbered; the caller stores them inline. */
    static final int MAX_ENTRIES = 1 << 20;

    static final int ABSENT = -1;

    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> values = new ArrayList<>();

    /** @return the string's number, numbering it first when new; {@link #ABSENT} when the dictionary is full */
    int idOf(String value) {
        Integer id = ids.get(value);
        if (id != null) {
            return id;
        }
        if (values.size() >= MAX_ENTRIES) {
            return ABSENT;
        }
        int added = values.size();
        values.add(value);
        ids.put(value, added);
        return added;
    }

    /** @return the string's number, or {@link #ABSENT} when it has none */
    int find(String value) {
        Integer id = ids.get(value);
        return id == null ? ABSENT : id;
    }

    String get(int id) {
        return values.get(id);
    }
}
