package dev.tracestore.core.traceql;

import dev.tracestore.core.model.SpanEvent;
import dev.tracestore.core.model.SpanLink;
import dev.tracestore.core.model.StoredSpan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Evaluates field expressions on one span of a {@link TraceView}. A field answers its candidate values: none
 * when it is missing (nil), one for most fields, one per event or link for {@code event.}, {@code link.} and their
 * intrinsics. A comparison holds when some pair of candidates compares true ({@link Comparisons}); an unscoped
 * attribute {@code .x} is the span's {@code x}, or the resource's when the span lacks it. Thread-safe.
 */
final class FieldEvaluator {

    private final Map<String, AttributeLookup> lookups = new ConcurrentHashMap<>();

    boolean test(Field condition, TraceView trace, int span) {
        if (condition instanceof Field.Logical logical) {
            return logical.and()
                    ? test(logical.left(), trace, span) && test(logical.right(), trace, span)
                    : test(logical.left(), trace, span) || test(logical.right(), trace, span);
        }
        if (condition instanceof Field.Not not) {
            return not.operand() instanceof Field.Attribute
                    ? values(not.operand(), trace, span).contains(Boolean.FALSE)
                    : !test(not.operand(), trace, span);
        }
        if (condition instanceof Field.Comparison comparison) {
            return compare(comparison, trace, span);
        }
        return values(condition, trace, span).contains(Boolean.TRUE);
    }

    private boolean compare(Field.Comparison comparison, TraceView trace, int span) {
        boolean leftNil = isNil(comparison.left());
        boolean rightNil = isNil(comparison.right());
        if (leftNil || rightNil) {
            boolean missing = leftNil && rightNil
                    || values(leftNil ? comparison.right() : comparison.left(), trace, span).isEmpty();
            return comparison.operator() == TokenType.EQ ? missing : !missing;
        }
        List<Object> left = values(comparison.left(), trace, span);
        if (left.isEmpty()) {
            return false;
        }
        List<Object> right = values(comparison.right(), trace, span);
        for (Object l : left) {
            for (Object r : right) {
                if (Comparisons.holds(comparison.operator(), l, r, comparison.pattern())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isNil(Field field) {
        return field instanceof Field.Static literal && literal.type() == ValueType.NIL;
    }

    /** @return the candidate values of a field; empty when the span lacks it */
    List<Object> values(Field field, TraceView trace, int span) {
        if (field instanceof Field.Static literal) {
            return literal.value() == null ? List.of() : List.of(literal.value());
        }
        if (field instanceof Field.Attribute attribute) {
            return attribute(attribute, trace.spans.get(span));
        }
        if (field instanceof Field.IntrinsicField intrinsic) {
            return intrinsic(intrinsic.intrinsic(), trace, span);
        }
        return List.of(test(field, trace, span));
    }

    private List<Object> attribute(Field.Attribute attribute, StoredSpan span) {
        AttributeLookup lookup = lookups.computeIfAbsent(attribute.name(), AttributeLookup::new);
        return switch (attribute.scope()) {
            case SPAN -> one(lookup.read(span.attributes()));
            case RESOURCE -> one(lookup.read(span.resource().getAttributes()));
            case INSTRUMENTATION -> one(lookup.read(span.scope().getAttributes()));
            case UNSCOPED -> {
                Object value = lookup.read(span.attributes());
                yield one(value != null ? value : lookup.read(span.resource().getAttributes()));
            }
            case EVENT -> {
                List<Object> found = new ArrayList<>(1);
                for (SpanEvent event : span.events()) {
                    addIfPresent(found, lookup.read(event.attributes()));
                }
                yield found;
            }
            case LINK -> {
                List<Object> found = new ArrayList<>(1);
                for (SpanLink link : span.links()) {
                    addIfPresent(found, lookup.read(link.attributes()));
                }
                yield found;
            }
        };
    }

    private static List<Object> intrinsic(Intrinsic intrinsic, TraceView trace, int index) {
        StoredSpan span = trace.spans.get(index);
        return switch (intrinsic) {
            case NAME -> List.of(span.name());
            case STATUS -> List.of(Keyword.of(span.statusCode()));
            case STATUS_MESSAGE -> List.of(span.statusMessage());
            case KIND -> List.of(Keyword.of(span.kind()));
            case DURATION -> List.of(span.durationNanos());
            case SPAN_ID -> List.of(span.spanId());
            case PARENT_ID -> span.isRoot() ? List.of() : List.of(span.parentSpanId());
            case CHILD_COUNT -> List.of((long) trace.childCount[index]);
            case TRACE_DURATION -> List.of(trace.durationNanos);
            case ROOT_NAME -> trace.root == null ? List.of() : List.of(trace.root.name());
            case ROOT_SERVICE -> trace.root == null || trace.root.serviceName().isEmpty() ? List.of()
                    : List.of(trace.root.serviceName());
            case TRACE_ID -> List.of(span.traceId());
            case EVENT_NAME -> span.events().stream().<Object>map(SpanEvent::name).toList();
            case EVENT_TIME_SINCE_START -> span.events().stream()
                    .<Object>map(event -> event.epochNanos() - span.startEpochNanos()).toList();
            case LINK_TRACE_ID -> span.links().stream().<Object>map(SpanLink::traceId).toList();
            case LINK_SPAN_ID -> span.links().stream().<Object>map(SpanLink::spanId).toList();
            case SCOPE_NAME -> span.scope().getName().isEmpty() ? List.of() : List.of(span.scope().getName());
            case SCOPE_VERSION -> one(span.scope().getVersion());
        };
    }

    private static List<Object> one(Object value) {
        return value == null ? List.of() : List.of(value);
    }

    private static void addIfPresent(List<Object> found, Object value) {
        if (value != null) {
            found.add(value);
        }
    }
}
