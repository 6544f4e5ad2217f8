package dev.tracestore.core.analysis;

import java.util.HashMap;
import java.util.Map;

/** Normalizes each distinct statement once per analysis: N+1 statements with bind parameters repeat verbatim. */
final class StatementCache {

    private final Map<String, String> normalized = new HashMap<>();

    String normalize(String statement) {
        return normalized.computeIfAbsent(statement, StatementNormalizer::normalize);
    }
}
