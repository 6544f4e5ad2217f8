package dev.tracestore.core.traceql;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks a parsed query's types (a filter must be a condition, a number is not compared with a string, nil is not
 * compared with an intrinsic, regular expressions compile) and answers the query with its patterns compiled.
 */
final class Validator {

    /** The longest regular expression a query may hold, as for {@code attr=~}. */
    static final int MAX_REGEX_LENGTH = 1000;

    private Validator() {
    }

    static SpansetExpr.Pipeline validate(SpansetExpr.Pipeline pipeline) {
        List<Stage> stages = new ArrayList<>();
        for (Stage stage : pipeline.stages()) {
            stages.add(stage(stage));
        }
        return new SpansetExpr.Pipeline(stages);
    }

    private static Stage stage(Stage stage) {
        if (stage instanceof Stage.Select select) {
            return new Stage.Select(spanset(select.expression()));
        }
        if (stage instanceof Stage.ScalarFilter filter && filter.argument() != null) {
            String function = filter.aggregate().name().toLowerCase(java.util.Locale.ROOT);
            requireSpanField(filter.argument(), function);
            ValueType type = typeOf(filter.argument());
            if (!type.isNumeric() && type != ValueType.DYNAMIC) {
                throw TraceQlException.invalid(filter.argument().position(), "the argument of " + function
                        + "() must be numeric, but is " + describe(type));
            }
        } else if (stage instanceof Stage.GroupBy groupBy) {
            requireSpanField(groupBy.field(), "by");
        } else if (stage instanceof Stage.Columns columns) {
            columns.fields().forEach(field -> requireSpanField(field, "select"));
        }
        return stage;
    }

    private static void requireSpanField(Field field, String function) {
        if (field instanceof Field.Static) {
            throw TraceQlException.invalid(field.position(), function + "(...) must name a span field (an "
                    + "attribute or an intrinsic), not a value");
        }
        if (!(field instanceof Field.Attribute) && !(field instanceof Field.IntrinsicField)) {
            throw TraceQlException.unsupported(field.position(), "expressions in " + function
                    + "(...); name one attribute or intrinsic");
        }
    }

    private static SpansetExpr spanset(SpansetExpr expression) {
        if (expression instanceof SpansetExpr.Filter filter) {
            Field condition = field(filter.condition());
            if (!typeOf(condition).isBooleanLike()) {
                throw TraceQlException.invalid(condition.position(), "a spanset filter needs a condition, but this is "
                        + describe(typeOf(condition)));
            }
            return new SpansetExpr.Filter(condition, filter.position());
        }
        if (expression instanceof SpansetExpr.Operation operation) {
            return new SpansetExpr.Operation(operation.operator(), spanset(operation.left()),
                    spanset(operation.right()), operation.position());
        }
        return validate((SpansetExpr.Pipeline) expression);
    }

    private static Field field(Field field) {
        if (field instanceof Field.Not not) {
            Field operand = field(not.operand());
            if (!typeOf(operand).isBooleanLike()) {
                throw TraceQlException.invalid(not.position(), "'!' applies to conditions, not to "
                        + describe(typeOf(operand)));
            }
            return new Field.Not(operand, not.position());
        }
        if (field instanceof Field.Logical logical) {
            Field left = field(logical.left());
            Field right = field(logical.right());
            for (Field side : List.of(left, right)) {
                if (!typeOf(side).isBooleanLike()) {
                    throw TraceQlException.invalid(side.position(), "'" + (logical.and() ? "&&" : "||")
                            + "' joins conditions, but this is " + describe(typeOf(side)));
                }
            }
            return new Field.Logical(logical.and(), left, right, logical.position());
        }
        if (field instanceof Field.Comparison comparison) {
            return comparison(comparison);
        }
        return field;
    }

    private static Field comparison(Field.Comparison comparison) {
        Field left = field(comparison.left());
        Field right = field(comparison.right());
        TokenType operator = comparison.operator();
        ValueType leftType = typeOf(left);
        ValueType rightType = typeOf(right);
        int position = comparison.position();
        if (leftType == ValueType.NIL || rightType == ValueType.NIL) {
            checkNil(operator, leftType == ValueType.NIL ? right : left, position);
            return new Field.Comparison(operator, left, right, null, position);
        }
        if (operator == TokenType.RE || operator == TokenType.NRE) {
            if (!(right instanceof Field.Static literal) || rightType != ValueType.STRING) {
                throw TraceQlException.invalid(position, "'" + operator.symbol() + "' needs a string with a "
                        + "regular expression on its right");
            }
            if (leftType != ValueType.STRING && leftType != ValueType.DYNAMIC) {
                throw TraceQlException.invalid(position, "'" + operator.symbol() + "' matches strings, not "
                        + describe(leftType));
            }
            return new Field.Comparison(operator, left, right, compile((String) literal.value(), right), position);
        }
        boolean ordering = operator != TokenType.EQ && operator != TokenType.NEQ;
        if (leftType != ValueType.DYNAMIC && rightType != ValueType.DYNAMIC && !compatible(leftType, rightType)) {
            throw TraceQlException.invalid(position, "cannot compare " + describe(leftType) + " with "
                    + describe(rightType));
        }
        for (ValueType type : List.of(leftType, rightType)) {
            if (ordering && (type == ValueType.BOOLEAN || type == ValueType.STATUS || type == ValueType.KIND)) {
                throw TraceQlException.invalid(position, "'" + operator.symbol() + "' does not order "
                        + describe(type) + "; use = or !=");
            }
        }
        return new Field.Comparison(operator, left, right, null, position);
    }

    private static void checkNil(TokenType operator, Field other, int position) {
        if (operator != TokenType.EQ && operator != TokenType.NEQ) {
            throw TraceQlException.invalid(position, "nil is compared with = or != only");
        }
        if (other instanceof Field.IntrinsicField intrinsic && !intrinsic.intrinsic().isMultiValued()
                && intrinsic.intrinsic().type() != ValueType.STRING) {
            throw TraceQlException.invalid(position, "the intrinsic " + intrinsic.written() + " is never nil");
        }
        if (other instanceof Field.Attribute attribute && attribute.scope() == Field.Scope.RESOURCE
                && attribute.name().equals("service.name")) {
            throw TraceQlException.invalid(position, "resource.service.name is never nil");
        }
    }

    private static Pattern compile(String regex, Field at) {
        if (regex.length() > MAX_REGEX_LENGTH) {
            throw TraceQlException.invalid(at.position(), "a regular expression may have at most "
                    + MAX_REGEX_LENGTH + " characters, but had " + regex.length());
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw TraceQlException.invalid(at.position(), "the regular expression \"" + regex
                    + "\" does not compile: " + e.getDescription());
        }
    }

    private static boolean compatible(ValueType left, ValueType right) {
        return left == right || left.isNumeric() && right.isNumeric();
    }

    static ValueType typeOf(Field field) {
        if (field instanceof Field.Static literal) {
            return literal.type();
        }
        if (field instanceof Field.Attribute) {
            return ValueType.DYNAMIC;
        }
        if (field instanceof Field.IntrinsicField intrinsic) {
            return intrinsic.intrinsic().type();
        }
        return ValueType.BOOLEAN;
    }

    private static String describe(ValueType type) {
        return switch (type) {
            case STRING -> "a string";
            case INT -> "an integer";
            case FLOAT -> "a float";
            case DURATION -> "a duration";
            case BOOLEAN -> "a condition";
            case STATUS -> "a status";
            case KIND -> "a kind";
            case NIL -> "nil";
            case DYNAMIC -> "an attribute";
        };
    }
}
