package dev.tracestore.core.query;

import dev.tracestore.core.query.AttributeFilter.Operator;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compares a looked-up attribute value with a filter's operator and candidates, by the typed rules of
 * {@link AttributeFilter}: strings match strings, numbers compare numerically, an array (or the values of several
 * events or links) matches when any element does, a regular expression reads under a budget.
 */
final class ValueMatcher {

    private static final Pattern LONG = Pattern.compile("-?\\d{1,19}");
    private static final Pattern DOUBLE = Pattern.compile("-?(\\d+\\.\\d*|\\.\\d+|\\d+)([eE][-+]?\\d+)?");

    private final Operator operator;
    private final List<Object> candidates;
    private final Pattern pattern;

    /** @throws IllegalArgumentException with a message starting {@code attr:} when the operands do not fit */
    ValueMatcher(Operator operator, List<Object> candidates) {
        this.operator = operator;
        this.candidates = candidates;
        this.pattern = compile(operator, candidates);
    }

    /**
     * @param value the attribute's value, a list for an array or several events' values; {@code null} when absent
     * @return whether the filter holds for it
     */
    boolean matches(Object value, RegexBudget budget) {
        return switch (operator) {
            case EXISTS -> value != null;
            case NOT_EXISTS -> value == null;
            case NOT_EQUALS -> value == null || !anyElementMatches(value, Operator.EQUALS, budget);
            default -> value != null && anyElementMatches(value, operator, budget);
        };
    }

    private boolean anyElementMatches(Object value, Operator comparison, RegexBudget budget) {
        if (value instanceof List<?> elements) {
            for (Object element : elements) {
                if (elementMatches(element, comparison, budget)) {
                    return true;
                }
            }
            return false;
        }
        return elementMatches(value, comparison, budget);
    }

    private boolean elementMatches(Object element, Operator comparison, RegexBudget budget) {
        if (comparison == Operator.MATCHES) {
            return element instanceof String text && matchesRegex(text, budget);
        }
        for (Object candidate : candidates) {
            if (candidateMatches(element, candidate, comparison)) {
                return true;
            }
        }
        return false;
    }

    private boolean matchesRegex(String text, RegexBudget budget) {
        try {
            return pattern.matcher(new BoundedText(text, AttributeFilter.MAX_REGEX_STEPS, budget)).matches();
        } catch (BoundedText.BudgetExceeded e) {
            throw new InvalidParameterException("attr", "attr: the regular expression '"
                    + QueryParameters.abbreviate(pattern.pattern()) + "' needs more than "
                    + AttributeFilter.MAX_REGEX_STEPS + " steps to match a stored value of " + text.length()
                    + " characters; simplify it (repeated groups such as (.*a){20} backtrack without end)");
        }
    }

    /** @return whether a stored element equals (or compares as asked with) one typed candidate */
    static boolean candidateMatches(Object element, Object candidate, Operator comparison) {
        if (candidate instanceof Number expected) {
            Number actual = element instanceof Number number ? number
                    : comparison.isOrdering() && element instanceof String text ? readNumber(text) : null;
            if (actual == null || isNaN(actual) || isNaN(expected)) {
                return false;
            }
            int order = compareNumbers(actual, expected);
            return switch (comparison) {
                case EQUALS -> order == 0;
                case GREATER_THAN -> order > 0;
                case GREATER_OR_EQUAL -> order >= 0;
                case LESS_THAN -> order < 0;
                case LESS_OR_EQUAL -> order <= 0;
                default -> false;
            };
        }
        return comparison == Operator.EQUALS && candidate.equals(element);
    }

    /**
     * Spring's HTTP observations record numbers such as status codes as strings; ordering still applies.
     *
     * @return the number in {@code text} (a long, or a double when it is too large or not whole), or {@code null}
     */
    static Number readNumber(String text) {
        if (LONG.matcher(text).matches()) {
            return parseNumber(text);
        }
        return DOUBLE.matcher(text).matches() ? Double.parseDouble(text) : null;
    }

    private static Number parseNumber(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException tooLarge) {
            return Double.parseDouble(digits);
        }
    }

    private static boolean isNaN(Object number) {
        return number instanceof Double d && d.isNaN();
    }

    /** Compares exactly when both are longs, numerically as doubles otherwise (neither is NaN here). */
    private static int compareNumbers(Number actual, Number expected) {
        if (actual instanceof Long a && expected instanceof Long e) {
            return Long.compare(a, e);
        }
        return Double.compare(actual.doubleValue() + 0.0, expected.doubleValue() + 0.0);
    }

    private static Pattern compile(Operator operator, List<Object> candidates) {
        switch (operator) {
            case EXISTS, NOT_EXISTS -> {
                return null;
            }
            case MATCHES -> {
                if (!(candidates.get(0) instanceof String regex)) {
                    throw new IllegalArgumentException("attr: operator =~ needs a regular expression string");
                }
                if (regex.length() > AttributeFilter.MAX_REGEX_LENGTH) {
                    throw new IllegalArgumentException("attr: a regular expression may have at most "
                            + AttributeFilter.MAX_REGEX_LENGTH + " characters, but had " + regex.length());
                }
                try {
                    return Pattern.compile(regex);
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException("attr: '" + QueryParameters.abbreviate(regex)
                            + "' is not a valid regular expression: " + e.getDescription());
                }
            }
            default -> {
                if (operator.isOrdering() && !(candidates.get(0) instanceof Number)) {
                    throw new IllegalArgumentException("attr: operator " + operator.symbol() + " needs a number");
                }
                return null;
            }
        }
    }

    /** @return a Java value as the attribute value type it stands for: Integer as Long, Float as Double */
    static Object typed(Object value) {
        if (value instanceof Integer i) {
            return i.longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof String || value instanceof Long || value instanceof Double || value instanceof Boolean) {
            return value;
        }
        throw new IllegalArgumentException("attr: a value must be a String, Long, Double or Boolean, but was "
                + (value == null ? "null" : value.getClass().getName()));
    }
}
