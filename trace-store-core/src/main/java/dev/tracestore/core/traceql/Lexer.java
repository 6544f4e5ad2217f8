package dev.tracestore.core.traceql;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits a TraceQL query into tokens, each with its position. Attributes ({@code .a}, {@code span.a},
 * {@code resource."a b"}) and scoped intrinsics ({@code trace:duration}) are single tokens, so the parser never
 * has to glue names back together.
 */
final class Lexer {

    static final Set<String> ATTRIBUTE_SCOPES = Set.of("span", "resource", "event", "link", "instrumentation",
            "parent");
    static final Set<String> INTRINSIC_SCOPES = Set.of("span", "trace", "event", "link", "instrumentation");

    /** Operators, longest first so that {@code !>>} wins over {@code !>} and {@code !}. */
    private static final List<TokenType> OPERATORS = List.of(
            TokenType.NOT_DESC, TokenType.NOT_ANCE, TokenType.UNION_DESC, TokenType.UNION_ANCE,
            TokenType.DESC, TokenType.ANCE, TokenType.GTE, TokenType.LTE, TokenType.NEQ, TokenType.RE,
            TokenType.NRE, TokenType.NOT_CHILD, TokenType.NOT_PARENT, TokenType.AND, TokenType.OR,
            TokenType.UNION_CHILD, TokenType.UNION_PARENT, TokenType.UNION_SIBL,
            TokenType.OPEN_BRACE, TokenType.CLOSE_BRACE, TokenType.OPEN_PAREN, TokenType.CLOSE_PAREN,
            TokenType.COMMA, TokenType.PIPE, TokenType.NOT, TokenType.EQ, TokenType.GT, TokenType.LT,
            TokenType.TILDE, TokenType.PLUS, TokenType.MINUS, TokenType.STAR, TokenType.SLASH, TokenType.PERCENT,
            TokenType.CARET);

    private static final String NOT_IN_ATTRIBUTE_NAMES = "{}()=~!<>&|^,\"`";

    private final String text;
    private int at;

    private Lexer(String text) {
        this.text = text;
    }

    static List<Token> tokenize(String text) {
        return new Lexer(text).all();
    }

    private List<Token> all() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipSpace();
            if (at >= text.length()) {
                tokens.add(Token.of(TokenType.EOF, "", at));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private void skipSpace() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private Token next() {
        int start = at;
        char c = text.charAt(at);
        if (c == '"' || c == '`') {
            return new Token(TokenType.STRING, readString(), "", 0, start);
        }
        if (c >= '0' && c <= '9') {
            return readNumber();
        }
        if (c == '.') {
            at++;
            return readAttribute("", start);
        }
        if (Character.isLetter(c) || c == '_') {
            return readWord();
        }
        if (text.startsWith("==", at)) {
            throw TraceQlException.syntax(at, "'==' is not an operator; compare with '='");
        }
        for (TokenType operator : OPERATORS) {
            if (text.startsWith(operator.symbol(), at)) {
                at += operator.symbol().length();
                return Token.of(operator, operator.symbol(), start);
            }
        }
        throw TraceQlException.syntax(at, "unexpected character '" + c + "'");
    }

    private String readString() {
        int start = at;
        char quote = text.charAt(at++);
        StringBuilder value = new StringBuilder();
        while (at < text.length()) {
            char c = text.charAt(at++);
            if (c == quote) {
                return value.toString();
            }
            if (c == '\\' && quote == '"') {
                value.append(escape(start));
            } else {
                value.append(c);
            }
        }
        throw TraceQlException.syntax(start, "the string starting here is not closed with " + quote);
    }

    private char escape(int stringStart) {
        if (at >= text.length()) {
            throw TraceQlException.syntax(stringStart, "the string starting here is not closed with \"");
        }
        char c = text.charAt(at++);
        return switch (c) {
            case '"', '\\', '\'', '/' -> c;
            case 'n' -> '\n';
            case 't' -> '\t';
            case 'r' -> '\r';
            case 'u' -> unicodeEscape();
            default -> throw TraceQlException.syntax(at - 2, "unknown escape '\\" + c + "' in a string");
        };
    }

    private char unicodeEscape() {
        int start = at - 2;
        if (at + 4 > text.length()) {
            throw TraceQlException.syntax(start, "a \\u escape needs four hex digits");
        }
        try {
            char c = (char) Integer.parseInt(text.substring(at, at + 4), 16);
            at += 4;
            return c;
        } catch (NumberFormatException e) {
            throw TraceQlException.syntax(start, "a \\u escape needs four hex digits");
        }
    }

    private Token readNumber() {
        int start = at;
        readDigits();
        boolean fraction = false;
        if (at + 1 < text.length() && text.charAt(at) == '.' && Character.isDigit(text.charAt(at + 1))) {
            fraction = true;
            at++;
            readDigits();
        }
        if (at < text.length() && (Character.isLetter(text.charAt(at)) || text.charAt(at) == 'µ')) {
            at = start;
            return readDuration(start);
        }
        String digits = text.substring(start, at);
        if (fraction) {
            return new Token(TokenType.FLOAT, digits, "", Double.parseDouble(digits), start);
        }
        try {
            return new Token(TokenType.INTEGER, digits, "", Long.parseLong(digits), start);
        } catch (NumberFormatException e) {
            throw TraceQlException.syntax(start, "the integer " + digits + " is too large");
        }
    }

    /** Reads {@code 1h30m}, {@code 1.5s}, {@code 250ms}: one or more number-unit pairs. */
    private Token readDuration(int start) {
        double nanos = 0;
        do {
            int numberStart = at;
            readDigits();
            if (at + 1 < text.length() && text.charAt(at) == '.' && Character.isDigit(text.charAt(at + 1))) {
                at++;
                readDigits();
            }
            double amount = Double.parseDouble(text.substring(numberStart, at));
            int unitStart = at;
            while (at < text.length() && (Character.isLetter(text.charAt(at)) || text.charAt(at) == 'µ')) {
                at++;
            }
            nanos += amount * unitNanos(text.substring(unitStart, at), unitStart);
        } while (at < text.length() && Character.isDigit(text.charAt(at)));
        return new Token(TokenType.DURATION, text.substring(start, at), "", nanos, start);
    }

    private static double unitNanos(String unit, int position) {
        return switch (unit) {
            case "ns" -> 1;
            case "us", "µs" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m" -> 60e9;
            case "h" -> 3600e9;
            default -> throw TraceQlException.syntax(position, unit.isEmpty() ? "expected a duration unit"
                    : "unknown duration unit '" + unit + "' (use ns, us, ms, s, m or h)");
        };
    }

    private void readDigits() {
        while (at < text.length() && Character.isDigit(text.charAt(at))) {
            at++;
        }
    }

    private Token readWord() {
        int start = at;
        while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
            at++;
        }
        String word = text.substring(start, at);
        if (at < text.length() && text.charAt(at) == '.' && ATTRIBUTE_SCOPES.contains(word)) {
            at++;
            return readAttribute(word, start);
        }
        if (at < text.length() && text.charAt(at) == ':' && INTRINSIC_SCOPES.contains(word)) {
            at++;
            int nameStart = at;
            while (at < text.length() && Character.isLetterOrDigit(text.charAt(at))) {
                at++;
            }
            if (nameStart == at) {
                throw TraceQlException.syntax(nameStart, "expected an intrinsic name after '" + word + ":'");
            }
            return Token.of(TokenType.IDENTIFIER, text.substring(start, at), start);
        }
        return Token.of(TokenType.IDENTIFIER, word, start);
    }

    private Token readAttribute(String scope, int start) {
        if (at < text.length() && text.charAt(at) == '"') {
            return new Token(TokenType.ATTRIBUTE, readString(), scope, 0, start);
        }
        int nameStart = at;
        while (at < text.length() && !Character.isWhitespace(text.charAt(at))
                && NOT_IN_ATTRIBUTE_NAMES.indexOf(text.charAt(at)) < 0) {
            at++;
        }
        if (nameStart == at) {
            throw TraceQlException.syntax(nameStart, "expected an attribute name after '" + scope + ".'");
        }
        return new Token(TokenType.ATTRIBUTE, text.substring(nameStart, at), scope, 0, start);
    }
}
