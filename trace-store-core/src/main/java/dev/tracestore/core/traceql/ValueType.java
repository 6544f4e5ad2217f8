package dev.tracestore.core.traceql;

/** The static type of a field expression, as far as the query alone tells. */
enum ValueType {
    STRING, INT, FLOAT, DURATION, BOOLEAN, STATUS, KIND, NIL,
    /** An attribute: its type is only known per span. */
    DYNAMIC;

    boolean isNumeric() {
        return this == INT || this == FLOAT || this == DURATION;
    }

    /** @return whether an expression of this type can stand alone in a filter */
    boolean isBooleanLike() {
        return this == BOOLEAN || this == DYNAMIC;
    }
}
