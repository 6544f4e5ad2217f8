package dev.tracestore.core.traceql;

/**
 * One token of a TraceQL query.
 *
 * @param type what it is
 * @param text for identifiers the name, for strings the unescaped value, for attributes the name without scope
 * @param scope for attributes the scope as written ({@code span}, {@code resource}, ...; empty for {@code .x})
 * @param number for numbers and durations the value (durations in nanoseconds)
 * @param position the offset of its first character
 */
record Token(TokenType type, String text, String scope, double number, int position) {

    static Token of(TokenType type, String text, int position) {
        return new Token(type, text, "", 0, position);
    }

    /** @return how the token is quoted in an error message */
    String describe() {
        return switch (type) {
            case EOF -> "the end of the query";
            case STRING -> "the string \"" + text + "\"";
            case ATTRIBUTE -> "the attribute " + (scope.isEmpty() ? "." : scope + ".") + text;
            case IDENTIFIER -> "'" + text + "'";
            case INTEGER, FLOAT, DURATION -> "the number " + text;
            default -> "'" + type.symbol() + "'";
        };
    }
}
