package dev.tracestore.core.traceql;

import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * A spanset while a pipeline runs: span indexes into the {@link TraceView}, the {@code by(...)} values that made
 * it, and the fields {@code select(...)} asked for.
 */
record Group(BitSet spans, Map<String, Object> labels, List<Field> columns) {
}
