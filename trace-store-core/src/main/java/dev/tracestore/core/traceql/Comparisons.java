package dev.tracestore.core.traceql;

import java.util.List;
import java.util.regex.Pattern;

/**
 * How two runtime values compare. Values are strings, longs (integers and durations in nanoseconds), doubles,
 * booleans, {@link Keyword}s (status, kind) and lists (array attributes). Numbers compare numerically across
 * integer and float; values of different types never compare true, not even with {@code !=}. An array matches
 * {@code = =~ > >= < <=} when any element does, {@code != !~} when every element does.
 */
final class Comparisons {

    /** The characters a regular expression may read matching one value before it counts as runaway. */
    static final long MAX_REGEX_STEPS = 1_000_000;

    private Comparisons() {
    }

    static boolean holds(TokenType operator, Object left, Object right, Pattern pattern) {
        if (left instanceof List<?> elements) {
            return onElements(operator, elements, element -> holds(operator, element, right, pattern));
        }
        if (right instanceof List<?> elements) {
            return onElements(operator, elements, element -> holds(operator, left, element, pattern));
        }
        if (operator == TokenType.RE || operator == TokenType.NRE) {
            return left instanceof String text && matches(pattern, text) == (operator == TokenType.RE);
        }
        int order;
        if (left instanceof Number l && right instanceof Number r) {
            if (l instanceof Long a && r instanceof Long b) {
                order = Long.compare(a, b);
            } else {
                double a = l.doubleValue();
                double b = r.doubleValue();
                if (Double.isNaN(a) || Double.isNaN(b)) {
                    return false;
                }
                order = a == b ? 0 : a < b ? -1 : 1;
            }
        } else if (left instanceof String l && right instanceof String r) {
            order = l.compareTo(r);
        } else if (left instanceof Boolean || left instanceof Keyword) {
            if (!left.getClass().equals(right.getClass())) {
                return false;
            }
            return switch (operator) {
                case EQ -> left.equals(right);
                case NEQ -> !left.equals(right);
                default -> false;
            };
        } else {
            return false;
        }
        return switch (operator) {
            case EQ -> order == 0;
            case NEQ -> order != 0;
            case GT -> order > 0;
            case GTE -> order >= 0;
            case LT -> order < 0;
            case LTE -> order <= 0;
            default -> false;
        };
    }

    private static boolean onElements(TokenType operator, List<?> elements, java.util.function.Predicate<Object> test) {
        if (elements.isEmpty()) {
            return false;
        }
        boolean every = operator == TokenType.NEQ || operator == TokenType.NRE;
        for (Object element : elements) {
            if (test.test(element) != every) {
                return !every;
            }
        }
        return every;
    }

    private static boolean matches(Pattern pattern, String text) {
        try {
            return pattern.matcher(new CountedChars(text)).matches();
        } catch (CountedChars.Runaway e) {
            throw TraceQlException.invalid(0, "the regular expression \"" + pattern.pattern() + "\" needs more "
                    + "than " + MAX_REGEX_STEPS + " steps to match a stored value of " + text.length()
                    + " characters; simplify it (repeated groups such as (.*a){20} backtrack without end)");
        }
    }

    /** A value that stops a backtracking regular expression after {@link #MAX_REGEX_STEPS} reads. */
    private static final class CountedChars implements CharSequence {

        private static final class Runaway extends RuntimeException {
            private static final long serialVersionUID = 1L;

            Runaway() {
                super("runaway regular expression", null, false, false);
            }
        }

        private final String text;
        private long remaining = MAX_REGEX_STEPS;

        CountedChars(String text) {
            this.text = text;
        }

        @Override
        public char charAt(int index) {
            if (--remaining < 0) {
                throw new Runaway();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.substring(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
