package dev.tracestore.core.traceql;

import dev.tracestore.core.model.HexIds;
import dev.tracestore.core.model.SpanEvent;
import dev.tracestore.core.model.SpanLink;
import dev.tracestore.core.store.TraceSpans;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;

import java.util.ArrayList;
import java.util.Arrays;
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

    /** Keywords made once: a status or kind condition is tested on every candidate span. */
    private static final Keyword[] STATUSES = Arrays.stream(StatusCode.values()).map(Keyword::of)
            .toArray(Keyword[]::new);
    private static final Keyword[] KINDS = Arrays.stream(SpanKind.values()).map(Keyword::of).toArray(Keyword[]::new);

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
            return attribute(attribute, trace.spans, trace.index(span));
        }
        if (field instanceof Field.IntrinsicField intrinsic) {
            return intrinsic(intrinsic.intrinsic(), trace, span);
        }
        return List.of(test(field, trace, span));
    }

    private List<Object> attribute(Field.Attribute attribute, TraceSpans spans, int i) {
        return switch (attribute.scope()) {
            case SPAN -> one(spans.attribute(i, attribute.name()));
            case RESOURCE -> one(lookup(attribute).read(spans.resource(i).getAttributes()));
            case INSTRUMENTATION -> one(lookup(attribute).read(spans.scope(i).getAttributes()));
            case UNSCOPED -> {
                Object value = spans.attribute(i, attribute.name());
                yield one(value != null ? value : lookup(attribute).read(spans.resource(i).getAttributes()));
            }
            case EVENT -> {
                List<Object> found = new ArrayList<>(1);
                for (SpanEvent event : spans.span(i).events()) {
                    addIfPresent(found, lookup(attribute).read(event.attributes()));
                }
                yield found;
            }
            case LINK -> {
                List<Object> found = new ArrayList<>(1);
                for (SpanLink link : spans.span(i).links()) {
                    addIfPresent(found, lookup(attribute).read(link.attributes()));
                }
                yield found;
            }
        };
    }

    private AttributeLookup lookup(Field.Attribute attribute) {
        return lookups.computeIfAbsent(attribute.name(), AttributeLookup::new);
    }

    private static List<Object> intrinsic(Intrinsic intrinsic, TraceView trace, int position) {
        TraceSpans spans = trace.spans;
        int i = trace.index(position);
        return switch (intrinsic) {
            case NAME -> List.of(spans.name(i));
            case STATUS -> List.of(STATUSES[spans.status(i).ordinal()]);
            case STATUS_MESSAGE -> List.of(spans.statusMessage(i));
            case KIND -> List.of(KINDS[spans.kind(i).ordinal()]);
            case DURATION -> List.of(spans.durationNanos(i));
            case SPAN_ID -> List.of(HexIds.toHex(spans.spanId(i)));
            case PARENT_ID -> spans.parentSpanId(i) == 0 ? List.of() : List.of(HexIds.toHex(spans.parentSpanId(i)));
            case CHILD_COUNT -> List.of((long) trace.childCount[position]);
            case TRACE_DURATION -> List.of(trace.durationNanos);
            case ROOT_NAME -> trace.root < 0 ? List.of() : List.of(spans.name(trace.index(trace.root)));
            case ROOT_SERVICE -> {
                String service = trace.root < 0 ? "" : spans.service(trace.index(trace.root));
                yield service.isEmpty() ? List.of() : List.of(service);
            }
            case TRACE_ID -> List.of(spans.traceId());
            case EVENT_NAME -> spans.span(i).events().stream().<Object>map(SpanEvent::name).toList();
            case EVENT_TIME_SINCE_START -> spans.span(i).events().stream()
                    .<Object>map(event -> event.epochNanos() - spans.startEpochNanos(i)).toList();
            case LINK_TRACE_ID -> spans.span(i).links().stream().<Object>map(SpanLink::traceId).toList();
            case LINK_SPAN_ID -> spans.span(i).links().stream().<Object>map(SpanLink::spanId).toList();
            case SCOPE_NAME -> spans.scope(i).getName().isEmpty() ? List.of() : List.of(spans.scope(i).getName());
            case SCOPE_VERSION -> one(spans.scope(i).getVersion());
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
