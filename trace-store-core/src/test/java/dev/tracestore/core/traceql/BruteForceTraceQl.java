package dev.tracestore.core.traceql;

import dev.tracestore.core.model.SpanEvent;
import dev.tracestore.core.model.SpanLink;
import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A deliberately simple TraceQL evaluator for the differential test: lists of spans instead of bit sets,
 * parent lookups by scanning the trace, attribute lookups by scanning the attribute map, no index. It reads the
 * parsed query (the parser is covered by the conformance cases) and answers, per trace, the spansets as lists of
 * span IDs keyed by their group labels.
 */
final class BruteForceTraceQl {

    private BruteForceTraceQl() {
    }

    record Set(Map<String, Object> labels, List<StoredSpan> spans) {
    }

    static List<Set> run(SpansetExpr.Pipeline pipeline, List<StoredSpan> trace) {
        List<Set> sets = List.of(new Set(Map.of(), trace));
        for (Stage stage : pipeline.stages()) {
            List<Set> next = new ArrayList<>();
            for (Set set : sets) {
                if (stage instanceof Stage.Select select) {
                    List<StoredSpan> spans = spans(select.expression(), set.spans(), trace);
                    if (!spans.isEmpty()) {
                        next.add(new Set(set.labels(), spans));
                    }
                } else if (stage instanceof Stage.ScalarFilter filter) {
                    if (aggregateHolds(filter, set.spans(), trace)) {
                        next.add(set);
                    }
                } else if (stage instanceof Stage.GroupBy by) {
                    Map<Object, List<StoredSpan>> groups = new LinkedHashMap<>();
                    for (StoredSpan span : set.spans()) {
                        List<Object> values = values(by.field(), span, trace);
                        groups.computeIfAbsent(values.isEmpty() ? "<nil>" : values.get(0), k -> new ArrayList<>())
                                .add(span);
                    }
                    groups.forEach((value, spans) -> {
                        Map<String, Object> labels = new LinkedHashMap<>(set.labels());
                        labels.put(Field.label(by.field()), "<nil>".equals(value) ? null
                                : value instanceof Keyword k ? k.word() : value);
                        next.add(new Set(labels, spans));
                    });
                } else if (stage instanceof Stage.Coalesce) {
                    List<StoredSpan> all = new ArrayList<>();
                    sets.forEach(s -> s.spans().stream().filter(x -> !all.contains(x)).forEach(all::add));
                    return mergeCoalesced(all, trace, pipeline, stage);
                } else {
                    next.add(set);
                }
            }
            sets = next;
        }
        return sets;
    }

    /** coalesce() ends this simple evaluator's support: queries put it last. */
    private static List<Set> mergeCoalesced(List<StoredSpan> all, List<StoredSpan> trace, SpansetExpr.Pipeline p,
            Stage stage) {
        if (p.stages().indexOf(stage) != p.stages().size() - 1) {
            throw new IllegalArgumentException("the brute-force evaluator takes coalesce() last only");
        }
        List<StoredSpan> ordered = trace.stream().filter(all::contains).toList();
        return List.of(new Set(Map.of(), ordered));
    }

    private static List<StoredSpan> spans(SpansetExpr expression, List<StoredSpan> input, List<StoredSpan> trace) {
        if (expression instanceof SpansetExpr.Filter filter) {
            return input.stream().filter(span -> test(filter.condition(), span, trace)).toList();
        }
        if (expression instanceof SpansetExpr.Pipeline pipeline) {
            List<StoredSpan> union = new ArrayList<>();
            run(pipeline, trace).forEach(set -> set.spans().stream().filter(input::contains)
                    .filter(s -> !union.contains(s)).forEach(union::add));
            return trace.stream().filter(union::contains).toList();
        }
        SpansetExpr.Operation operation = (SpansetExpr.Operation) expression;
        List<StoredSpan> left = spans(operation.left(), input, trace);
        List<StoredSpan> right = spans(operation.right(), input, trace);
        TokenType op = operation.operator();
        if (op == TokenType.AND || op == TokenType.OR) {
            if (op == TokenType.AND && (left.isEmpty() || right.isEmpty())) {
                return List.of();
            }
            return trace.stream().filter(s -> left.contains(s) || right.contains(s)).toList();
        }
        boolean negated = op == TokenType.NOT_CHILD || op == TokenType.NOT_PARENT || op == TokenType.NOT_DESC
                || op == TokenType.NOT_ANCE || op == TokenType.NRE;
        return right.stream().filter(r -> left.stream().anyMatch(l -> related(op, l, r, trace)) != negated).toList();
    }

    private static boolean related(TokenType op, StoredSpan l, StoredSpan r, List<StoredSpan> trace) {
        return switch (op) {
            case GT, NOT_CHILD -> isParent(l, r, trace);
            case LT, NOT_PARENT -> isParent(r, l, trace);
            case DESC, NOT_DESC -> isAncestor(l, r, trace);
            case ANCE, NOT_ANCE -> isAncestor(r, l, trace);
            default -> l != r && !l.parentSpanId().isEmpty() && l.parentSpanId().equals(r.parentSpanId());
        };
    }

    private static StoredSpan parentOf(StoredSpan span, List<StoredSpan> trace) {
        if (span.parentSpanId().isEmpty()) {
            return null;
        }
        for (StoredSpan candidate : trace) {
            if (candidate.spanId().equals(span.parentSpanId()) && candidate != span) {
                return candidate;
            }
        }
        return null;
    }

    private static boolean isParent(StoredSpan parent, StoredSpan child, List<StoredSpan> trace) {
        return parentOf(child, trace) == parent;
    }

    private static boolean isAncestor(StoredSpan ancestor, StoredSpan span, List<StoredSpan> trace) {
        StoredSpan current = parentOf(span, trace);
        for (int i = 0; current != null && i < trace.size(); i++) {
            if (current == ancestor) {
                return true;
            }
            current = parentOf(current, trace);
        }
        return false;
    }

    private static boolean aggregateHolds(Stage.ScalarFilter filter, List<StoredSpan> spans, List<StoredSpan> trace) {
        List<Double> numbers = new ArrayList<>();
        for (StoredSpan span : spans) {
            if (filter.argument() == null) {
                numbers.add(1.0);
                continue;
            }
            values(filter.argument(), span, trace).stream().filter(v -> v instanceof Number)
                    .map(v -> ((Number) v).doubleValue()).findFirst().ifPresent(numbers::add);
        }
        if (numbers.isEmpty()) {
            return false;
        }
        double sum = numbers.stream().mapToDouble(Double::doubleValue).sum();
        double value = switch (filter.aggregate()) {
            case COUNT -> numbers.size();
            case SUM -> sum;
            case AVG -> sum / numbers.size();
            case MIN -> numbers.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            case MAX -> numbers.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        };
        double limit = ((Number) filter.value().value()).doubleValue();
        return scalar(filter.operator(), Double.compare(value, limit));
    }

    private static boolean test(Field field, StoredSpan span, List<StoredSpan> trace) {
        if (field instanceof Field.Logical logical) {
            boolean left = test(logical.left(), span, trace);
            boolean right = test(logical.right(), span, trace);
            return logical.and() ? left && right : left || right;
        }
        if (field instanceof Field.Not not) {
            if (not.operand() instanceof Field.Attribute) {
                return values(not.operand(), span, trace).contains(false);
            }
            return !test(not.operand(), span, trace);
        }
        if (field instanceof Field.Comparison c) {
            boolean leftNil = c.left() instanceof Field.Static s && s.value() == null;
            boolean rightNil = c.right() instanceof Field.Static s && s.value() == null;
            if (leftNil || rightNil) {
                Field other = leftNil ? c.right() : c.left();
                boolean absent = (leftNil && rightNil) || values(other, span, trace).isEmpty();
                return c.operator() == TokenType.EQ ? absent : !absent;
            }
            for (Object l : values(c.left(), span, trace)) {
                for (Object r : values(c.right(), span, trace)) {
                    if (compare(c, l, r)) {
                        return true;
                    }
                }
            }
            return false;
        }
        return values(field, span, trace).contains(true);
    }

    private static boolean compare(Field.Comparison c, Object l, Object r) {
        if (l instanceof List<?> list) {
            boolean all = c.operator() == TokenType.NEQ || c.operator() == TokenType.NRE;
            if (list.isEmpty()) {
                return false;
            }
            return all ? list.stream().allMatch(e -> compare(c, e, r)) : list.stream().anyMatch(e -> compare(c, e, r));
        }
        if (c.operator() == TokenType.RE) {
            return l instanceof String s && c.pattern().matcher(s).matches();
        }
        if (c.operator() == TokenType.NRE) {
            return l instanceof String s && !c.pattern().matcher(s).matches();
        }
        if (l instanceof Number a && r instanceof Number b) {
            return scalar(c.operator(), Double.compare(a.doubleValue(), b.doubleValue()));
        }
        if (l instanceof String a && r instanceof String b) {
            return scalar(c.operator(), Integer.signum(a.compareTo(b)));
        }
        if (l.getClass() == r.getClass() && (c.operator() == TokenType.EQ || c.operator() == TokenType.NEQ)) {
            return l.equals(r) == (c.operator() == TokenType.EQ);
        }
        return false;
    }

    private static boolean scalar(TokenType op, int order) {
        return switch (op) {
            case EQ -> order == 0;
            case NEQ -> order != 0;
            case GT -> order > 0;
            case GTE -> order >= 0;
            case LT -> order < 0;
            default -> order <= 0;
        };
    }

    static List<Object> values(Field field, StoredSpan span, List<StoredSpan> trace) {
        if (field instanceof Field.Static s) {
            return s.value() == null ? List.of() : List.of(s.value());
        }
        if (field instanceof Field.Attribute a) {
            List<Object> found = new ArrayList<>();
            switch (a.scope()) {
                case SPAN -> addFrom(span.attributes(), a.name(), found);
                case RESOURCE -> addFrom(span.resource().getAttributes(), a.name(), found);
                case INSTRUMENTATION -> addFrom(span.scope().getAttributes(), a.name(), found);
                case UNSCOPED -> {
                    addFrom(span.attributes(), a.name(), found);
                    if (found.isEmpty()) {
                        addFrom(span.resource().getAttributes(), a.name(), found);
                    }
                }
                case EVENT -> span.events().forEach(e -> addFrom(e.attributes(), a.name(), found));
                case LINK -> span.links().forEach(l -> addFrom(l.attributes(), a.name(), found));
            }
            return found;
        }
        if (field instanceof Field.IntrinsicField i) {
            return intrinsic(i.intrinsic(), span, trace);
        }
        return List.of(test(field, span, trace));
    }

    private static void addFrom(Attributes attributes, String name, List<Object> found) {
        Map<String, Object> byName = new HashMap<>();
        attributes.forEach((AttributeKey<?> key, Object value) -> byName.put(key.getKey(), value));
        if (byName.containsKey(name)) {
            found.add(byName.get(name));
        }
    }

    private static List<Object> intrinsic(Intrinsic intrinsic, StoredSpan span, List<StoredSpan> trace) {
        StoredSpan root = trace.stream().filter(StoredSpan::isRoot).findFirst().orElse(null);
        long start = trace.stream().mapToLong(StoredSpan::startEpochNanos).min().orElse(0);
        long end = trace.stream().mapToLong(StoredSpan::endEpochNanos).max().orElse(0);
        return switch (intrinsic) {
            case NAME -> List.of(span.name());
            case STATUS -> List.of(new Keyword(span.statusCode().name().toLowerCase(Locale.ROOT)));
            case KIND -> List.of(new Keyword(span.kind().name().toLowerCase(Locale.ROOT)));
            case STATUS_MESSAGE -> List.of(span.statusMessage());
            case DURATION -> List.of(span.endEpochNanos() - span.startEpochNanos());
            case SPAN_ID -> List.of(span.spanId());
            case PARENT_ID -> span.parentSpanId().isEmpty() ? List.of() : List.of(span.parentSpanId());
            case CHILD_COUNT -> List.of(trace.stream().filter(s -> isParent(span, s, trace)).count());
            case TRACE_DURATION -> List.of(end - start);
            case ROOT_NAME -> root == null ? List.of() : List.of(root.name());
            case ROOT_SERVICE -> root == null ? List.of() : List.of(root.serviceName());
            case TRACE_ID -> List.of(span.traceId());
            case EVENT_NAME -> new ArrayList<>(span.events().stream().map(SpanEvent::name).toList());
            case EVENT_TIME_SINCE_START -> new ArrayList<>(span.events().stream()
                    .map(e -> e.epochNanos() - span.startEpochNanos()).toList());
            case LINK_TRACE_ID -> new ArrayList<>(span.links().stream().map(SpanLink::traceId).toList());
            case LINK_SPAN_ID -> new ArrayList<>(span.links().stream().map(SpanLink::spanId).toList());
            case SCOPE_NAME -> List.of(span.scope().getName());
            case SCOPE_VERSION -> span.scope().getVersion() == null ? List.of() : List.of(span.scope().getVersion());
        };
    }
}
