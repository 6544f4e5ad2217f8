package dev.tracestore.core.traceql;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a pipeline over one trace. Filters and structural operators work on sets of span indexes: a filter keeps
 * the spans of its input that satisfy its condition; {@code A && B} is both sides' spans when both are non-empty;
 * {@code A || B} is both sides' spans; structural operators answer spans of the right side ({@code A > B}: B spans
 * whose parent is an A span, {@code <} parent, {@code >>} descendant, {@code <<} ancestor, {@code ~} sibling; the
 * negated forms answer the other B spans). Stages after the first see only the spans of their input spanset, but
 * structure is always the trace's. Empty spansets are dropped after every stage.
 */
final class SpansetEvaluator {

    private final FieldEvaluator fields;

    SpansetEvaluator(FieldEvaluator fields) {
        this.fields = fields;
    }

    List<Group> run(SpansetExpr.Pipeline pipeline, TraceView trace) {
        BitSet all = new BitSet(trace.size());
        all.set(0, trace.size());
        List<Group> groups = List.of(new Group(all, Map.of(), List.of()));
        for (Stage stage : pipeline.stages()) {
            groups = stage(stage, groups, trace);
            if (groups.isEmpty()) {
                return groups;
            }
        }
        return groups;
    }

    private List<Group> stage(Stage stage, List<Group> groups, TraceView trace) {
        List<Group> out = new ArrayList<>(groups.size());
        if (stage instanceof Stage.Select select) {
            for (Group group : groups) {
                BitSet spans = spanset(select.expression(), trace, group.spans());
                if (!spans.isEmpty()) {
                    out.add(new Group(spans, group.labels(), group.columns()));
                }
            }
        } else if (stage instanceof Stage.ScalarFilter filter) {
            for (Group group : groups) {
                if (Aggregates.holds(filter, group.spans(), trace, fields)) {
                    out.add(group);
                }
            }
        } else if (stage instanceof Stage.GroupBy groupBy) {
            for (Group group : groups) {
                split(groupBy.field(), group, trace, out);
            }
        } else if (stage instanceof Stage.Columns columns) {
            for (Group group : groups) {
                List<Field> all = new ArrayList<>(group.columns());
                all.addAll(columns.fields());
                out.add(new Group(group.spans(), group.labels(), all));
            }
        } else {
            BitSet union = new BitSet(trace.size());
            List<Field> columnsSeen = new ArrayList<>();
            for (Group group : groups) {
                union.or(group.spans());
                group.columns().stream().filter(f -> !columnsSeen.contains(f)).forEach(columnsSeen::add);
            }
            out.add(new Group(union, Map.of(), columnsSeen));
        }
        return out;
    }

    private void split(Field field, Group group, TraceView trace, List<Group> out) {
        String label = Field.label(field);
        Map<Object, BitSet> split = new LinkedHashMap<>();
        for (int i = group.spans().nextSetBit(0); i >= 0; i = group.spans().nextSetBit(i + 1)) {
            List<Object> values = fields.values(field, trace, i);
            Object key = values.isEmpty() ? Nil.NIL : values.get(0);
            split.computeIfAbsent(key, k -> new BitSet(trace.size())).set(i);
        }
        split.forEach((value, spans) -> {
            Map<String, Object> labels = new LinkedHashMap<>(group.labels());
            labels.put(label, value == Nil.NIL ? null : value);
            out.add(new Group(spans, labels, group.columns()));
        });
    }

    /** @return the spans, among {@code input}, that the expression selects */
    BitSet spanset(SpansetExpr expression, TraceView trace, BitSet input) {
        if (expression instanceof SpansetExpr.Filter filter) {
            BitSet out = new BitSet(trace.size());
            for (int i = input.nextSetBit(0); i >= 0; i = input.nextSetBit(i + 1)) {
                if (fields.test(filter.condition(), trace, i)) {
                    out.set(i);
                }
            }
            return out;
        }
        if (expression instanceof SpansetExpr.Pipeline pipeline) {
            BitSet out = new BitSet(trace.size());
            for (Group group : run(pipeline, trace)) {
                out.or(group.spans());
            }
            out.and(input);
            return out;
        }
        return operation((SpansetExpr.Operation) expression, trace, input);
    }

    private BitSet operation(SpansetExpr.Operation operation, TraceView trace, BitSet input) {
        BitSet left = spanset(operation.left(), trace, input);
        BitSet right = spanset(operation.right(), trace, input);
        return switch (operation.operator()) {
            case AND -> {
                if (left.isEmpty() || right.isEmpty()) {
                    yield new BitSet();
                }
                left.or(right);
                yield left;
            }
            case OR -> {
                left.or(right);
                yield left;
            }
            default -> Structure.related(operation.operator(), left, right, trace);
        };
    }

    /** The group key of spans that lack the {@code by(...)} field. */
    private enum Nil { NIL }
}
