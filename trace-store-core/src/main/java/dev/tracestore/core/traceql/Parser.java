package dev.tracestore.core.traceql;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A recursive-descent parser for the TraceQL subset, with Tempo's precedence: {@code |} binds loosest, then
 * {@code &&} and {@code ||} (equal, left to right), then the structural operators (left to right). Field
 * expressions are parsed by {@link FieldParser}. Syntax errors and features outside the subset are thrown as
 * {@link TraceQlException}s pointing at the token.
 */
final class Parser {

    private static final Set<String> AGGREGATES = Set.of("count", "avg", "min", "max", "sum");
    private static final Set<String> METRICS = Set.of("rate", "count_over_time", "min_over_time", "max_over_time",
            "avg_over_time", "sum_over_time", "quantile_over_time", "histogram_over_time", "compare", "topk",
            "bottomk");
    private static final Set<TokenType> STRUCTURAL = Set.of(TokenType.GT, TokenType.LT, TokenType.DESC,
            TokenType.ANCE, TokenType.TILDE, TokenType.NOT_CHILD, TokenType.NOT_PARENT, TokenType.NOT_DESC,
            TokenType.NOT_ANCE, TokenType.NRE);
    private static final Set<TokenType> UNION_STRUCTURAL = Set.of(TokenType.UNION_CHILD, TokenType.UNION_PARENT,
            TokenType.UNION_DESC, TokenType.UNION_ANCE, TokenType.UNION_SIBL);

    private final Tokens tokens;
    private final FieldParser fields;

    private Parser(String text) {
        this.tokens = new Tokens(Lexer.tokenize(text));
        this.fields = new FieldParser(tokens);
    }

    static SpansetExpr.Pipeline parse(String text) {
        Parser parser = new Parser(text);
        SpansetExpr.Pipeline pipeline = parser.pipeline();
        parser.end();
        return pipeline;
    }

    private void end() {
        Token next = tokens.peek();
        if (next.type() == TokenType.IDENTIFIER && next.text().equals("with")) {
            throw TraceQlException.unsupported(next.position(), "query hints (with(...))");
        }
        if (next.type() != TokenType.EOF) {
            throw tokens.unexpected(next, "'|' or the end of the query");
        }
    }

    private SpansetExpr.Pipeline pipeline() {
        List<Stage> stages = new ArrayList<>();
        Token first = tokens.peek();
        stages.add(stage());
        if (stages.get(0) instanceof Stage.Coalesce) {
            throw TraceQlException.syntax(first.position(), "a pipeline cannot start with coalesce()");
        }
        while (tokens.accept(TokenType.PIPE)) {
            stages.add(stage());
        }
        return new SpansetExpr.Pipeline(stages);
    }

    private Stage stage() {
        Token next = tokens.peek();
        if (next.type() == TokenType.OPEN_BRACE || next.type() == TokenType.OPEN_PAREN) {
            return new Stage.Select(spansetExpression());
        }
        if (next.type() == TokenType.IDENTIFIER) {
            String name = next.text();
            if (AGGREGATES.contains(name)) {
                return scalarFilter();
            }
            if (METRICS.contains(name)) {
                throw TraceQlException.unsupported(next.position(), "metrics function " + name + "()");
            }
            switch (name) {
                case "by" -> {
                    return groupBy();
                }
                case "select" -> {
                    return columns();
                }
                case "coalesce" -> {
                    tokens.advance();
                    tokens.expect(TokenType.OPEN_PAREN, "'(' after coalesce");
                    tokens.expect(TokenType.CLOSE_PAREN, "')': coalesce() takes no argument");
                    return new Stage.Coalesce(next.position());
                }
                default -> {
                    // falls through to the error below
                }
            }
        }
        throw tokens.unexpected(next, "'{', '(' or a pipeline function (count, avg, min, max, sum, by, select, "
                + "coalesce)");
    }

    private SpansetExpr spansetExpression() {
        SpansetExpr left = structural();
        while (tokens.peek().type() == TokenType.AND || tokens.peek().type() == TokenType.OR) {
            Token operator = tokens.advance();
            left = new SpansetExpr.Operation(operator.type(), left, structural(), operator.position());
        }
        return left;
    }

    private SpansetExpr structural() {
        SpansetExpr left = spansetPrimary();
        while (true) {
            Token operator = tokens.peek();
            if (UNION_STRUCTURAL.contains(operator.type())) {
                throw TraceQlException.unsupported(operator.position(), "the union structural operator '"
                        + operator.type().symbol() + "'");
            }
            if (!STRUCTURAL.contains(operator.type())) {
                if (operator.type().isComparison() || isArithmetic(operator.type())) {
                    throw TraceQlException.syntax(operator.position(), "'" + operator.type().symbol()
                            + "' does not combine spansets (use &&, ||, >, >>, <, <<, ~ or their negations !>, "
                            + "!>>, !<, !<<, !~)");
                }
                return left;
            }
            tokens.advance();
            left = new SpansetExpr.Operation(operator.type(), left, spansetPrimary(), operator.position());
        }
    }

    private SpansetExpr spansetPrimary() {
        Token open = tokens.peek();
        if (tokens.accept(TokenType.OPEN_BRACE)) {
            if (tokens.accept(TokenType.CLOSE_BRACE)) {
                return new SpansetExpr.Filter(new Field.Static(true, ValueType.BOOLEAN, open.position()),
                        open.position());
            }
            Field condition = fields.expression();
            tokens.expect(TokenType.CLOSE_BRACE, "'}' or an operator (&&, ||, =, !=, >, >=, <, <=, =~, !~)");
            return new SpansetExpr.Filter(condition, open.position());
        }
        if (tokens.accept(TokenType.OPEN_PAREN)) {
            SpansetExpr.Pipeline inner = pipeline();
            tokens.expect(TokenType.CLOSE_PAREN, "')' or '|'");
            if (inner.stages().size() == 1 && inner.stages().get(0) instanceof Stage.Select select) {
                return select.expression();
            }
            return inner;
        }
        throw tokens.unexpected(open, "'{' or '('");
    }

    private Stage scalarFilter() {
        Token function = tokens.advance();
        Stage.Aggregate aggregate = Stage.Aggregate.valueOf(function.text().toUpperCase(java.util.Locale.ROOT));
        tokens.expect(TokenType.OPEN_PAREN, "'(' after " + function.text());
        Field argument = null;
        if (aggregate == Stage.Aggregate.COUNT) {
            tokens.expect(TokenType.CLOSE_PAREN, "')': count() takes no argument");
        } else {
            if (tokens.peek().type() == TokenType.CLOSE_PAREN) {
                throw TraceQlException.syntax(tokens.peek().position(), function.text()
                        + "() needs a field, such as " + function.text() + "(duration)");
            }
            argument = fields.expression();
            tokens.expect(TokenType.CLOSE_PAREN, "')'");
        }
        rejectArithmetic("arithmetic on aggregates");
        Token operator = tokens.peek();
        if (!operator.type().isComparison() || operator.type() == TokenType.RE || operator.type() == TokenType.NRE) {
            throw tokens.unexpected(operator, "a comparison (=, !=, >, >=, <, <=) after " + function.text() + "()");
        }
        tokens.advance();
        Token value = tokens.peek();
        if (value.type() == TokenType.IDENTIFIER && AGGREGATES.contains(value.text())) {
            throw TraceQlException.unsupported(value.position(), "comparing an aggregate with another aggregate");
        }
        boolean negative = tokens.accept(TokenType.MINUS);
        Token number = tokens.advance();
        Field.Static literal = switch (number.type()) {
            case INTEGER -> new Field.Static((negative ? -1 : 1) * Long.parseLong(number.text()), ValueType.INT,
                    number.position());
            case FLOAT -> new Field.Static((negative ? -1 : 1) * number.number(), ValueType.FLOAT,
                    number.position());
            case DURATION -> new Field.Static((negative ? -1 : 1) * Math.round(number.number()),
                    ValueType.DURATION, number.position());
            case OPEN_PAREN -> throw TraceQlException.unsupported(number.position(), "arithmetic on aggregates");
            default -> throw tokens.unexpected(number, "a number or a duration to compare "
                    + function.text() + "() with");
        };
        rejectArithmetic("arithmetic on aggregates");
        return new Stage.ScalarFilter(aggregate, argument, operator.type(), literal, function.position());
    }

    private Stage groupBy() {
        Token by = tokens.advance();
        tokens.expect(TokenType.OPEN_PAREN, "'(' after by");
        if (tokens.peek().type() == TokenType.CLOSE_PAREN) {
            throw TraceQlException.syntax(tokens.peek().position(), "by() needs a field, such as by(resource.service.name)");
        }
        Field field = fields.expression();
        tokens.expect(TokenType.CLOSE_PAREN, "')'");
        return new Stage.GroupBy(field, by.position());
    }

    private Stage columns() {
        Token select = tokens.advance();
        tokens.expect(TokenType.OPEN_PAREN, "'(' after select");
        if (tokens.peek().type() == TokenType.CLOSE_PAREN) {
            throw TraceQlException.syntax(tokens.peek().position(), "select() needs at least one field");
        }
        List<Field> selected = new ArrayList<>();
        do {
            selected.add(fields.expression());
        } while (tokens.accept(TokenType.COMMA));
        tokens.expect(TokenType.CLOSE_PAREN, "',' or ')'");
        return new Stage.Columns(selected, select.position());
    }

    private void rejectArithmetic(String feature) {
        if (isArithmetic(tokens.peek().type())) {
            throw TraceQlException.unsupported(tokens.peek().position(), feature);
        }
    }

    static boolean isArithmetic(TokenType type) {
        return type == TokenType.PLUS || type == TokenType.MINUS || type == TokenType.STAR
                || type == TokenType.SLASH || type == TokenType.PERCENT || type == TokenType.CARET;
    }
}
