package dev.tracestore.core.traceql;

import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.FailureRules;
import dev.tracestore.core.store.TraceSpans;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed and validated query in trace-store's TraceQL subset (see docs/queries.md): spanset filters, the
 * spanset and structural operators, and the pipeline stages {@code count() avg() min() max() sum() by() select()
 * coalesce()}. Immutable and thread-safe; evaluate it on one trace's spans, or search a store with
 * {@link TraceQlSearch}.
 *
 * <pre>{@code
 * TraceQlQuery query = TraceQlQuery.parse("{ resource.service.name = \"shop\" } >> { status = error }");
 * List<Spanset> matched = query.evaluate(store.getTrace(traceId)); // empty when the trace does not match
 * }</pre>
 */
public final class TraceQlQuery {

    private final String text;
    /** The query as validated, which the planner reads. */
    private final SpansetExpr.Pipeline pipeline;
    /** The same with the cheaper side of each condition's {@code &&} and {@code ||} first, which is evaluated. */
    private final SpansetExpr.Pipeline evaluated;
    private final SpansetEvaluator evaluator;
    private final FieldEvaluator fields;

    private TraceQlQuery(String text, SpansetExpr.Pipeline pipeline) {
        this.text = text;
        this.pipeline = pipeline;
        this.evaluated = CheapFirst.of(pipeline);
        this.fields = new FieldEvaluator();
        this.evaluator = new SpansetEvaluator(fields);
    }

    /**
     * @param text the query, such as {@code { span.http.route = "/orders/{id}" && duration > 500ms }}
     * @return the validated query
     * @throws TraceQlException for a syntax error (with its position), a meaningless query or a feature outside
     *     the subset
     */
    public static TraceQlQuery parse(String text) {
        if (text == null || text.isBlank()) {
            throw TraceQlException.syntax(0, "the query is empty; a query starts with a spanset filter such as { }");
        }
        return new TraceQlQuery(text, Validator.validate(Parser.parse(text)));
    }

    /** @return the query as given */
    public String text() {
        return text;
    }

    SpansetExpr.Pipeline pipeline() {
        return pipeline;
    }

    /**
     * Runs the query over one trace.
     *
     * @param trace the spans of one trace, in any order
     * @return the matching spansets (empty when the trace does not match), spans ordered by start time
     * @throws TraceQlException when a regular expression runs away on a stored value
     */
    public List<Spanset> evaluate(List<StoredSpan> trace) {
        return trace.isEmpty() ? List.of() : evaluate(new TraceView(TraceSpans.of(trace, FailureRules.DEFAULT)));
    }

    List<Spanset> evaluate(TraceView trace) {
        if (trace.size() == 0) {
            return List.of();
        }
        List<Spanset> spansets = new ArrayList<>();
        for (Group group : evaluator.run(evaluated, trace)) {
            spansets.add(spanset(group, trace, group.spans()));
        }
        return spansets;
    }

    /** @return the group as a spanset of the given spans (the group's, or those of them in a time window) */
    Spanset spanset(Group group, TraceView trace, BitSet spans) {
        List<MatchedSpan> matched = new ArrayList<>(spans.cardinality());
        for (int i = spans.nextSetBit(0); i >= 0; i = spans.nextSetBit(i + 1)) {
            Map<String, Object> selected = new LinkedHashMap<>();
            for (Field column : group.columns()) {
                selected.put(Field.label(column), publicValue(fields.values(column, trace, i)));
            }
            matched.add(new MatchedSpan(trace.spans.span(trace.index(i)), selected));
        }
        Map<String, Object> labels = new LinkedHashMap<>();
        group.labels().forEach((label, value) -> labels.put(label, value instanceof Keyword k ? k.word() : value));
        return new Spanset(matched, labels);
    }

    List<Group> groups(TraceView trace) {
        return evaluator.run(evaluated, trace);
    }

    private static Object publicValue(List<Object> values) {
        List<Object> plain = values.stream().map(v -> v instanceof Keyword k ? (Object) k.word() : v).toList();
        return plain.isEmpty() ? null : plain.size() == 1 ? plain.get(0) : plain;
    }

    @Override
    public String toString() {
        return text;
    }
}
