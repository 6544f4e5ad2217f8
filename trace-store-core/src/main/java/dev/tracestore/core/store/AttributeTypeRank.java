package dev.tracestore.core.store;

import io.opentelemetry.api.common.AttributeType;

/**
 * Which value {@link TraceSpans#attribute} answers when a span has one key name with several types: string, long,
 * double, boolean, then the arrays in the same order (lower rank first).
 */
final class AttributeTypeRank {

    private AttributeTypeRank() {
    }

    static int of(AttributeType type) {
        return switch (type) {
            case STRING -> 0;
            case LONG -> 1;
            case DOUBLE -> 2;
            case BOOLEAN -> 3;
            case STRING_ARRAY -> 4;
            case LONG_ARRAY -> 5;
            case DOUBLE_ARRAY -> 6;
            case BOOLEAN_ARRAY -> 7;
        };
    }
}
