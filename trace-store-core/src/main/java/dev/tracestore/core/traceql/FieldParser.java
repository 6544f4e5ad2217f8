package dev.tracestore.core.traceql;

import java.util.Set;

/**
 * Parses field expressions (the inside of {@code { ... }}, the arguments of aggregates, {@code by} and
 * {@code select}). {@code &&} and {@code ||} have equal precedence and group left to right, as in Tempo; a prefix
 * {@code !} or {@code -} binds tighter than a comparison, so {@code !.a = 1} compares {@code !.a} with 1.
 */
final class FieldParser {

    private static final Set<String> STATUSES = Set.of("error", "ok", "unset");
    private static final Set<String> KINDS = Set.of("unspecified", "internal", "server", "client", "producer",
            "consumer");
    private static final Set<String> UNSUPPORTED_INTRINSICS = Set.of("parent", "nestedSetLeft", "nestedSetRight",
            "nestedSetParent", "span:parent", "event:parent");

    private final Tokens tokens;

    FieldParser(Tokens tokens) {
        this.tokens = tokens;
    }

    Field expression() {
        Field left = comparison();
        while (tokens.peek().type() == TokenType.AND || tokens.peek().type() == TokenType.OR) {
            Token operator = tokens.advance();
            left = new Field.Logical(operator.type() == TokenType.AND, left, comparison(), operator.position());
        }
        return left;
    }

    private Field comparison() {
        Field left = unary();
        Token operator = tokens.peek();
        if (!operator.type().isComparison()) {
            if (operator.type() == TokenType.TILDE) {
                throw TraceQlException.syntax(operator.position(), "'~' alone is not a field operator (use =~)");
            }
            return left;
        }
        tokens.advance();
        Field right = unary();
        return new Field.Comparison(operator.type(), left, right, null, operator.position());
    }

    private Field unary() {
        Token next = tokens.peek();
        Field operand;
        if (tokens.accept(TokenType.NOT)) {
            operand = new Field.Not(unary(), next.position());
        } else if (tokens.accept(TokenType.MINUS)) {
            operand = negate(unary(), next.position());
        } else {
            operand = primary();
        }
        Token after = tokens.peek();
        if (Parser.isArithmetic(after.type())) {
            throw TraceQlException.unsupported(after.position(), "arithmetic ('" + after.type().symbol() + "')");
        }
        return operand;
    }

    private static Field negate(Field operand, int position) {
        if (operand instanceof Field.Static literal && literal.type().isNumeric()) {
            Object negated = literal.value() instanceof Long number ? (Object) (-number) : -(Double) literal.value();
            return new Field.Static(negated, literal.type(), position);
        }
        if (operand instanceof Field.Static) {
            throw TraceQlException.invalid(position, "'-' applies to numbers and durations only");
        }
        throw TraceQlException.unsupported(position, "arithmetic (a '-' before a field)");
    }

    private Field primary() {
        Token token = tokens.advance();
        return switch (token.type()) {
            case OPEN_PAREN -> {
                Field inner = expression();
                tokens.expect(TokenType.CLOSE_PAREN, "')'");
                yield inner;
            }
            case STRING -> new Field.Static(token.text(), ValueType.STRING, token.position());
            case INTEGER -> new Field.Static(Long.parseLong(token.text()), ValueType.INT, token.position());
            case FLOAT -> new Field.Static(token.number(), ValueType.FLOAT, token.position());
            case DURATION -> new Field.Static(Math.round(token.number()), ValueType.DURATION, token.position());
            case ATTRIBUTE -> attribute(token);
            case IDENTIFIER -> identifier(token);
            default -> throw tokens.unexpected(token, "a field, such as span.http.route, name or duration, or a "
                    + "value");
        };
    }

    private static Field attribute(Token token) {
        if (token.scope().equals("parent")) {
            throw TraceQlException.unsupported(token.position(), "parent attributes (parent.)");
        }
        Field.Scope scope = token.scope().isEmpty() ? Field.Scope.UNSCOPED
                : Field.Scope.valueOf(token.scope().toUpperCase(java.util.Locale.ROOT));
        return new Field.Attribute(scope, token.text(), token.position());
    }

    private static Field identifier(Token token) {
        String word = token.text();
        int position = token.position();
        switch (word) {
            case "true", "false" -> {
                return new Field.Static(Boolean.parseBoolean(word), ValueType.BOOLEAN, position);
            }
            case "nil" -> {
                return new Field.Static(null, ValueType.NIL, position);
            }
            default -> {
                // not a keyword: a status, a kind or an intrinsic
            }
        }
        if (STATUSES.contains(word)) {
            return new Field.Static(new Keyword(word), ValueType.STATUS, position);
        }
        if (KINDS.contains(word)) {
            return new Field.Static(new Keyword(word), ValueType.KIND, position);
        }
        Intrinsic intrinsic = Intrinsic.bySpelling(word);
        if (intrinsic != null) {
            return new Field.IntrinsicField(intrinsic, word, position);
        }
        if (UNSUPPORTED_INTRINSICS.contains(word)) {
            throw TraceQlException.unsupported(position, "the intrinsic " + word);
        }
        if (word.contains(":")) {
            throw TraceQlException.syntax(position, "unknown intrinsic '" + word + "'");
        }
        throw TraceQlException.syntax(position, "unknown name '" + word + "': attributes are written .name, "
                + "span.name, resource.name, event.name, link.name or instrumentation.name");
    }
}
