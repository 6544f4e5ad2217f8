package dev.tracestore.core.traceql;

import java.util.List;

/**
 * Puts the cheaper side of every {@code &&} and {@code ||} in a spanset filter first, so that evaluation, which
 * stops at the first side that settles the answer, reads a column before it walks a span's record: in
 * {@code { span.http.route = "/x" && kind = server }} the kind rules out nine spans of ten before their route is
 * looked up. Both operators are commutative on conditions (evaluating one has no effect on the other), so the
 * answer is the same; a regular expression goes last, so it runs on fewer spans, never on more.
 *
 * <pre>{@code
 * SpansetExpr.Pipeline evaluated = CheapFirst.of(Validator.validate(Parser.parse(text)));
 * }</pre>
 */
final class CheapFirst {

    /** What reading a field costs, roughly: a column, a numbered resource or scope, a span's record, unpacking. */
    private static final int COLUMN = 1;
    private static final int NUMBERED = 2;
    private static final int RECORD = 4;
    private static final int UNPACKED = 8;
    private static final int PATTERN = 16;

    private CheapFirst() {
    }

    /** @return the pipeline with the sides of each filter's {@code &&} and {@code ||} cheaper first */
    static SpansetExpr.Pipeline of(SpansetExpr.Pipeline pipeline) {
        return (SpansetExpr.Pipeline) expression(pipeline);
    }

    private static SpansetExpr expression(SpansetExpr expression) {
        if (expression instanceof SpansetExpr.Filter filter) {
            return new SpansetExpr.Filter(condition(filter.condition()), filter.position());
        }
        if (expression instanceof SpansetExpr.Operation operation) {
            return new SpansetExpr.Operation(operation.operator(), expression(operation.left()),
                    expression(operation.right()), operation.position());
        }
        List<Stage> stages = ((SpansetExpr.Pipeline) expression).stages().stream()
                .map(stage -> stage instanceof Stage.Select select ? new Stage.Select(expression(select.expression()))
                        : stage)
                .toList();
        return new SpansetExpr.Pipeline(stages);
    }

    private static Field condition(Field field) {
        if (field instanceof Field.Logical logical) {
            Field left = condition(logical.left());
            Field right = condition(logical.right());
            return cost(right) < cost(left) ? new Field.Logical(logical.and(), right, left, logical.position())
                    : new Field.Logical(logical.and(), left, right, logical.position());
        }
        if (field instanceof Field.Not not) {
            return new Field.Not(condition(not.operand()), not.position());
        }
        return field;
    }

    static int cost(Field field) {
        if (field instanceof Field.Logical logical) {
            return cost(logical.left()) + cost(logical.right());
        }
        if (field instanceof Field.Not not) {
            return cost(not.operand());
        }
        if (field instanceof Field.Comparison comparison) {
            return cost(comparison.left()) + cost(comparison.right()) + (comparison.pattern() != null ? PATTERN : 0);
        }
        if (field instanceof Field.Attribute attribute) {
            return switch (attribute.scope()) {
                case RESOURCE, INSTRUMENTATION -> NUMBERED;
                case SPAN -> RECORD;
                case UNSCOPED -> RECORD + NUMBERED;
                case EVENT, LINK -> UNPACKED;
            };
        }
        if (field instanceof Field.IntrinsicField intrinsic) {
            return switch (intrinsic.intrinsic()) {
                case STATUS_MESSAGE -> RECORD;
                case EVENT_NAME, EVENT_TIME_SINCE_START, LINK_TRACE_ID, LINK_SPAN_ID -> UNPACKED;
                case SCOPE_NAME, SCOPE_VERSION -> NUMBERED;
                default -> COLUMN;
            };
        }
        return 0;
    }
}
