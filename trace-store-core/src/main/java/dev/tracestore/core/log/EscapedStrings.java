package dev.tracestore.core.log;

import com.fasterxml.jackson.core.io.SerializedString;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Strings that repeat from span to span (attribute keys, span names), escaped for JSON once and kept, so that a
 * writer copies their bytes instead of escaping them for every span. Past {@value #MAX_STRINGS} strings (keys or
 * names that carry IDs) new ones are escaped on every use and not kept, so the cache stays small whatever the data.
 * Thread-safe.
 */
final class EscapedStrings {

    static final int MAX_STRINGS = 4096;

    private final Map<String, SerializedString> escaped = new ConcurrentHashMap<>();

    /** @return {@code value}, escaped once */
    SerializedString of(String value) {
        SerializedString known = escaped.get(value);
        if (known == null) {
            known = new SerializedString(value);
            if (escaped.size() < MAX_STRINGS) {
                escaped.putIfAbsent(value, known);
            }
        }
        return known;
    }
}
