package dev.tracestore.core.traceql;

import dev.tracestore.core.model.HexIds;
import dev.tracestore.core.query.AttributeFilter;
import dev.tracestore.core.query.SpanQuery;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Finds the span conditions the store's indices can answer. A plan is a list of alternatives, each a set of span
 * conditions: every span a query answers satisfies one alternative, so the traces holding such spans are a
 * superset of the matches ({@code null}: no condition, every span is a candidate). Only conditions whose index
 * answer is a superset of TraceQL's are used: equality on name, service, status, kind, trace ID and attributes,
 * span duration bounds, numeric attribute bounds.
 */
final class Planner {

    /** More alternatives than this and a scan is cheaper than the searches. */
    static final int MAX_ALTERNATIVES = 8;

    /** One alternative: conditions by slot, so that two conditions on the same field do not overwrite. */
    record Alternative(Map<String, Consumer<SpanQuery.Builder>> conditions) {

        SpanQuery.Builder builder() {
            SpanQuery.Builder builder = SpanQuery.builder();
            conditions.values().forEach(condition -> condition.accept(builder));
            return builder;
        }

        Alternative and(Alternative other) {
            Map<String, Consumer<SpanQuery.Builder>> merged = new LinkedHashMap<>(conditions);
            other.conditions.forEach(merged::putIfAbsent);
            return new Alternative(merged);
        }
    }

    private Planner() {
    }

    /**
     * @param pipeline the query
     * @param windowed whether a time window restricts the answered spans: then only the spans a query answers
     *     (both sides of {@code &&}, the right side of a structural operator) may drive the search; without one,
     *     either side of {@code &&} and of a positive structural operator will do (both must be non-empty), and
     *     the side with more conditions is taken
     * @return the alternatives, or {@code null} when every span is a candidate
     */
    static List<Alternative> plan(SpansetExpr.Pipeline pipeline, boolean windowed) {
        for (Stage stage : pipeline.stages()) {
            if (stage instanceof Stage.Select select) {
                List<Alternative> plan = plan(select.expression(), windowed);
                if (plan != null) {
                    return plan;
                }
            }
        }
        return null;
    }

    private static List<Alternative> plan(SpansetExpr expression, boolean windowed) {
        if (expression instanceof SpansetExpr.Filter filter) {
            return field(filter.condition());
        }
        if (expression instanceof SpansetExpr.Pipeline pipeline) {
            return plan(pipeline, windowed);
        }
        SpansetExpr.Operation operation = (SpansetExpr.Operation) expression;
        List<Alternative> right = plan(operation.right(), windowed);
        return switch (operation.operator()) {
            case OR -> union(plan(operation.left(), windowed), right);
            case AND -> windowed ? union(plan(operation.left(), windowed), right)
                    : narrower(plan(operation.left(), windowed), right);
            case GT, LT, DESC, ANCE, TILDE -> windowed ? right : narrower(plan(operation.left(), windowed), right);
            default -> right;
        };
    }

    /** @return the plan with more conditions per alternative (fewer candidates, as a rule), the right on a tie */
    private static List<Alternative> narrower(List<Alternative> left, List<Alternative> right) {
        if (left == null || right == null) {
            return left == null ? right : left;
        }
        return conditions(left) > conditions(right) ? left : right;
    }

    private static int conditions(List<Alternative> plan) {
        return plan.stream().mapToInt(alternative -> alternative.conditions().size()).min().orElse(0);
    }

    private static List<Alternative> union(List<Alternative> left, List<Alternative> right) {
        if (left == null || right == null || left.size() + right.size() > MAX_ALTERNATIVES) {
            return null;
        }
        List<Alternative> both = new ArrayList<>(left);
        both.addAll(right);
        return both;
    }

    private static List<Alternative> field(Field field) {
        if (field instanceof Field.Logical logical) {
            List<Alternative> left = field(logical.left());
            List<Alternative> right = field(logical.right());
            if (!logical.and()) {
                return union(left, right);
            }
            if (left == null || right == null) {
                return left == null ? right : left;
            }
            if (left.size() == 1 || right.size() == 1) {
                Alternative single = left.size() == 1 ? left.get(0) : right.get(0);
                List<Alternative> many = left.size() == 1 ? right : left;
                return many.stream().map(alternative -> alternative.and(single)).toList();
            }
            return left;
        }
        if (field instanceof Field.Comparison comparison) {
            Map.Entry<String, Consumer<SpanQuery.Builder>> condition = condition(comparison);
            return condition == null ? null
                    : List.of(new Alternative(Map.of(condition.getKey(), condition.getValue())));
        }
        return null;
    }

    private static Map.Entry<String, Consumer<SpanQuery.Builder>> condition(Field.Comparison comparison) {
        if (!(comparison.right() instanceof Field.Static literal) || literal.value() == null) {
            return null;
        }
        Object value = literal.value();
        TokenType operator = comparison.operator();
        if (comparison.left() instanceof Field.IntrinsicField intrinsic) {
            return intrinsic(intrinsic.intrinsic(), operator, value);
        }
        if (comparison.left() instanceof Field.Attribute attribute) {
            return attribute(attribute, operator, value);
        }
        return null;
    }

    private static Map.Entry<String, Consumer<SpanQuery.Builder>> intrinsic(Intrinsic intrinsic, TokenType operator,
            Object value) {
        if (intrinsic == Intrinsic.DURATION && value instanceof Long nanos && nanos >= 0) {
            return switch (operator) {
                case GT -> nanos == Long.MAX_VALUE ? null
                        : Map.entry("minDuration", b -> b.minDuration(Duration.ofNanos(nanos + 1)));
                case GTE -> Map.entry("minDuration", b -> b.minDuration(Duration.ofNanos(nanos)));
                case LT -> nanos == 0 ? null : Map.entry("maxDuration", b -> b.maxDuration(Duration.ofNanos(nanos - 1)));
                case LTE -> Map.entry("maxDuration", b -> b.maxDuration(Duration.ofNanos(nanos)));
                default -> null;
            };
        }
        if (operator != TokenType.EQ) {
            return null;
        }
        return switch (intrinsic) {
            case NAME -> Map.entry("name", b -> b.exactSpanName((String) value));
            case STATUS -> Map.entry("status",
                    b -> b.status(StatusCode.valueOf(((Keyword) value).word().toUpperCase(Locale.ROOT))));
            case KIND -> ((Keyword) value).word().equals("unspecified") ? null : Map.entry("kind",
                    b -> b.kind(SpanKind.valueOf(((Keyword) value).word().toUpperCase(Locale.ROOT))));
            case TRACE_ID -> HexIds.isValidTraceId((String) value) ? Map.entry("traceId", b -> b.traceId((String) value))
                    : null;
            default -> null;
        };
    }

    private static Map.Entry<String, Consumer<SpanQuery.Builder>> attribute(Field.Attribute attribute,
            TokenType operator, Object value) {
        String key = switch (attribute.scope()) {
            case SPAN -> "span." + attribute.name();
            case RESOURCE -> "resource." + attribute.name();
            case UNSCOPED -> startsWithScope(attribute.name()) ? null : attribute.name();
            default -> null;
        };
        if (key == null || attribute.name().isBlank()) {
            return null;
        }
        if (attribute.scope() == Field.Scope.RESOURCE && attribute.name().equals("service.name")
                && operator == TokenType.EQ && value instanceof String service) {
            return Map.entry("service", b -> b.service(service));
        }
        AttributeFilter.Operator filterOperator = switch (operator) {
            case EQ -> value instanceof Keyword ? null : AttributeFilter.Operator.EQUALS;
            case GT -> value instanceof Number ? AttributeFilter.Operator.GREATER_THAN : null;
            case GTE -> value instanceof Number ? AttributeFilter.Operator.GREATER_OR_EQUAL : null;
            case LT -> value instanceof Number ? AttributeFilter.Operator.LESS_THAN : null;
            case LTE -> value instanceof Number ? AttributeFilter.Operator.LESS_OR_EQUAL : null;
            default -> null;
        };
        if (filterOperator == null) {
            return null;
        }
        try {
            AttributeFilter filter = AttributeFilter.of(key, filterOperator, value);
            return Map.entry("attr:" + key + filterOperator, b -> b.attribute(filter));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Unscoped names such as {@code .span.x} would read as scoped in an attribute filter: not planned. */
    private static boolean startsWithScope(String name) {
        for (String scope : Lexer.ATTRIBUTE_SCOPES) {
            if (name.startsWith(scope + ".")) {
                return true;
            }
        }
        return false;
    }
}
