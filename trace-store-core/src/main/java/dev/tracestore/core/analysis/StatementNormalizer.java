package dev.tracestore.core.analysis;

/**
 * Reduces a database statement to its shape, so that statements that differ only in their values compare equal:
 * <ul>
 * <li>string literals ({@code 'it''s'}), numbers ({@code 42}, {@code -1.5e3}, {@code 0x1F}) and positional
 * parameters ({@code ?}, {@code $1}) become {@code ?};</li>
 * <li>comments ({@code -- ...}, {@code /* ... *}{@code /}, where sqlcommenter puts trace context) are removed;</li>
 * <li>runs of white space become one space, and the text is trimmed;</li>
 * <li>a parenthesised list made only of {@code ?} becomes {@code (?)}: {@code IN (1, 2, 3)} and {@code IN (4)}
 * give the same shape, and so do multi-value {@code VALUES} tuples of the same columns.</li>
 * </ul>
 * Identifiers, including quoted ones ({@code "Order"}, {@code `order`}) and digits inside names ({@code t1}),
 * are kept. Keywords keep their case.
 */
final class StatementNormalizer {

    private StatementNormalizer() {
    }

    static String normalize(String statement) {
        StringBuilder out = new StringBuilder(statement.length());
        int i = 0;
        int n = statement.length();
        while (i < n) {
            char c = statement.charAt(i);
            if (c == '\'') {
                i = skipQuoted(statement, i, '\'');
                out.append('?');
            } else if (c == '"' || c == '`') {
                int end = skipQuoted(statement, i, c);
                out.append(statement, i, end);
                i = end;
            } else if (c == '-' && i + 1 < n && statement.charAt(i + 1) == '-') {
                i = skipLine(statement, i);
                space(out);
            } else if (c == '/' && i + 1 < n && statement.charAt(i + 1) == '*') {
                int end = statement.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                space(out);
            } else if (Character.isWhitespace(c)) {
                space(out);
                i++;
            } else if ((isDigit(c) || (c == '.' && i + 1 < n && isDigit(statement.charAt(i + 1))))
                    && !continuesWord(out)) {
                i = skipNumber(statement, i);
                out.append('?');
            } else if (c == '$' && i + 1 < n && isDigit(statement.charAt(i + 1)) && !continuesWord(out)) {
                i = skipDigits(statement, i + 1);
                out.append('?');
            } else if (isWordChar(c)) {
                int end = i;
                while (end < n && isWordChar(statement.charAt(end))) {
                    end++;
                }
                out.append(statement, i, end);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return collapseParameterLists(out.toString().strip());
    }

    private static void space(StringBuilder out) {
        if (!out.isEmpty() && out.charAt(out.length() - 1) != ' ') {
            out.append(' ');
        }
    }

    private static int skipQuoted(String text, int open, char quote) {
        int i = open + 1;
        while (i < text.length()) {
            if (text.charAt(i) == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return text.length();
    }

    private static int skipLine(String text, int from) {
        int end = text.indexOf('\n', from);
        return end < 0 ? text.length() : end + 1;
    }

    private static int skipNumber(String text, int from) {
        int i = from;
        if (text.startsWith("0x", i) || text.startsWith("0X", i)) {
            i += 2;
            while (i < text.length() && Character.digit(text.charAt(i), 16) >= 0) {
                i++;
            }
            return i;
        }
        i = skipDigits(text, i);
        if (i < text.length() && text.charAt(i) == '.') {
            i = skipDigits(text, i + 1);
        }
        if (i < text.length() && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            int exponent = i + 1;
            if (exponent < text.length() && (text.charAt(exponent) == '+' || text.charAt(exponent) == '-')) {
                exponent++;
            }
            if (exponent < text.length() && isDigit(text.charAt(exponent))) {
                i = skipDigits(text, exponent);
            }
        }
        return i;
    }

    private static int skipDigits(String text, int from) {
        int i = from;
        while (i < text.length() && isDigit(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** A digit right after a letter, digit or underscore belongs to a name such as {@code t1}, not a number. */
    private static boolean continuesWord(StringBuilder out) {
        return !out.isEmpty() && isWordChar(out.charAt(out.length() - 1));
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** {@code (?, ?, ?)} and {@code ( ? )} become {@code (?)}. */
    private static String collapseParameterLists(String text) {
        if (text.indexOf('(') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            int end = text.charAt(i) == '(' ? parameterListEnd(text, i + 1) : -1;
            if (end > 0) {
                out.append("(?)");
                i = end;
            } else {
                out.append(text.charAt(i++));
            }
        }
        return out.toString();
    }

    /** @return the index after the closing parenthesis when {@code from} starts {@code ?( , ?)* )}, else -1 */
    private static int parameterListEnd(String text, int from) {
        int i = skipSpace(text, from);
        while (i < text.length() && text.charAt(i) == '?') {
            i = skipSpace(text, i + 1);
            if (i < text.length() && text.charAt(i) == ')') {
                return i + 1;
            }
            if (i >= text.length() || text.charAt(i) != ',') {
                return -1;
            }
            i = skipSpace(text, i + 1);
        }
        return -1;
    }

    private static int skipSpace(String text, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        return i;
    }
}
