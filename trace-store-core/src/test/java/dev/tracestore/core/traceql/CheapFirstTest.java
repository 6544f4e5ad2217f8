package dev.tracestore.core.traceql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The evaluated form of a query reads columns before records and regular expressions last ({@link CheapFirst}).
 * That the reordered query answers the same is the differential test's part ({@code TraceQlDifferentialTest}).
 */
class CheapFirstTest {

    @Test
    void putsTheCheaperSideOfAndAndOrFirst() {
        assertThat(evaluated("{ span.http.route = \"/x\" && kind = server }"))
                .isEqualTo(written("{ kind = server && span.http.route = \"/x\" }"));
        assertThat(evaluated("{ .a = 1 || resource.service.name = \"s\" }"))
                .isEqualTo(written("{ resource.service.name = \"s\" || .a = 1 }"));
        assertThat(evaluated("{ event.x = 1 && (span.y = 2 && duration > 1ms) }"))
                .isEqualTo(written("{ (duration > 1ms && span.y = 2) && event.x = 1 }"));
        assertThat(evaluated("{ !(statusMessage = \"x\" || status = error) }"))
                .isEqualTo(written("{ !(status = error || statusMessage = \"x\") }"));
    }

    @Test
    void keepsTheWrittenOrderWhenTheFirstSideIsNotDearer() {
        assertThat(evaluated("{ name = \"a\" && duration > 1ms }")).isEqualTo(written("{ name = \"a\" && duration > 1ms }"));
        assertThat(evaluated("{ span.a = 1 && span.b = 2 }")).isEqualTo(written("{ span.a = 1 && span.b = 2 }"));
    }

    @Test
    void putsARegularExpressionLast() {
        assertThat(evaluated("{ span.a =~ \"x.*\" && event.b = 1 }"))
                .isEqualTo(written("{ event.b = 1 && span.a =~ \"x.*\" }"));
    }

    @Test
    void reordersFiltersInsideStructuralOperatorsAndLaterStages() {
        SpansetExpr.Pipeline evaluated = CheapFirst.of(TraceQlQuery.parse(
                "{ span.a = 1 && kind = server } >> { .b = 2 && status = error } | { .c = 3 || name = \"n\" }")
                .pipeline());
        SpansetExpr.Operation structural = (SpansetExpr.Operation) ((Stage.Select) evaluated.stages().get(0))
                .expression();
        assertThat(condition(structural.left())).isEqualTo(written("{ kind = server && span.a = 1 }"));
        assertThat(condition(structural.right())).isEqualTo(written("{ status = error && .b = 2 }"));
        assertThat(condition(((Stage.Select) evaluated.stages().get(1)).expression()))
                .isEqualTo(written("{ name = \"n\" || .c = 3 }"));
    }

    /** @return the condition of the query's first filter, as evaluated */
    private static Field evaluated(String text) {
        return condition(((Stage.Select) CheapFirst.of(TraceQlQuery.parse(text).pipeline()).stages().get(0))
                .expression());
    }

    /** @return the condition of the query's first filter, as written */
    private static Field written(String text) {
        return condition(((Stage.Select) TraceQlQuery.parse(text).pipeline().stages().get(0)).expression());
    }

    private static Field condition(SpansetExpr filter) {
        return withoutPositions(((SpansetExpr.Filter) filter).condition());
    }

    /** Fields compare by value, positions included: the same condition written elsewhere compares equal this way. */
    private static Field withoutPositions(Field field) {
        if (field instanceof Field.Logical l) {
            return new Field.Logical(l.and(), withoutPositions(l.left()), withoutPositions(l.right()), 0);
        }
        if (field instanceof Field.Not n) {
            return new Field.Not(withoutPositions(n.operand()), 0);
        }
        if (field instanceof Field.Comparison c) {
            return new Field.Comparison(c.operator(), withoutPositions(c.left()), withoutPositions(c.right()), null, 0);
        }
        if (field instanceof Field.Attribute a) {
            return new Field.Attribute(a.scope(), a.name(), 0);
        }
        if (field instanceof Field.IntrinsicField i) {
            return new Field.IntrinsicField(i.intrinsic(), i.written(), 0);
        }
        Field.Static literal = (Field.Static) field;
        return new Field.Static(literal.value(), literal.type(), 0);
    }
}
