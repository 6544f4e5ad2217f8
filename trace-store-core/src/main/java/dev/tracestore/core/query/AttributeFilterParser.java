package dev.tracestore.core.query;

import dev.tracestore.core.query.AttributeFilter.Operator;

import java.util.List;

/**
 * Reads the text form of an {@link AttributeFilter} used over HTTP and on the command line: {@code key=value},
 * {@code key!=value}, the ordering operators, {@code key=~regex}, {@code key} and {@code !key}. An unquoted value
 * becomes every type it can be read as; a value in double quotes is a string.
 */
final class AttributeFilterParser {

    private static final String FORMS = "attr must be key=value, key!=value, key>value, key>=value, "
            + "key<value, key<=value, key=~regex, key or !key, but was ";

    /** Operators in the order they are tried: longer symbols first. */
    private static final List<Operator> PARSE_ORDER = List.of(Operator.NOT_EQUALS, Operator.GREATER_OR_EQUAL,
            Operator.LESS_OR_EQUAL, Operator.MATCHES, Operator.EQUALS, Operator.GREATER_THAN, Operator.LESS_THAN);

    /** A parsed expression, before the filter checks its operands. */
    record Parsed(String key, Operator operator, List<Object> candidates) {
    }

    private AttributeFilterParser() {
    }

    static Parsed parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException(FORMS + "empty");
        }
        String text = expression.strip();
        for (Operator operator : PARSE_ORDER) {
            int at = text.indexOf(operator.symbol());
            if (at > 0 && !containsEarlierOperator(text, at)) {
                String key = text.substring(0, at).strip();
                String value = text.substring(at + operator.symbol().length());
                return new Parsed(key, operator, operator == Operator.MATCHES ? List.of(value)
                        : readCandidates(value, operator));
            }
        }
        String key = text.startsWith("!") ? text.substring(1).strip() : text;
        if (key.isEmpty() || key.chars().anyMatch(c -> c == '=' || c == '<' || c == '>' || c == '!')) {
            throw new IllegalArgumentException(FORMS + "'" + QueryParameters.abbreviate(text) + "'");
        }
        return new Parsed(key, text.startsWith("!") ? Operator.NOT_EXISTS : Operator.EXISTS, List.of());
    }

    private static boolean containsEarlierOperator(String text, int at) {
        for (int i = 0; i < at; i++) {
            char c = text.charAt(i);
            if (c == '=' || c == '<' || c == '>' || (c == '!' && i > 0)) {
                return true;
            }
        }
        return false;
    }

    private static List<Object> readCandidates(String raw, Operator operator) {
        if (raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"")) {
            return List.of(raw.substring(1, raw.length() - 1));
        }
        if (operator.isOrdering()) {
            Number number = ValueMatcher.readNumber(raw.strip());
            if (number == null) {
                throw new IllegalArgumentException("attr: operator " + operator.symbol()
                        + " needs a number, but the value was '" + QueryParameters.abbreviate(raw) + "'");
            }
            return List.of(number);
        }
        if (raw.equals("true") || raw.equals("false")) {
            return List.of(Boolean.parseBoolean(raw), raw);
        }
        Number number = ValueMatcher.readNumber(raw);
        return number == null ? List.of(raw) : List.of(number, raw);
    }
}
