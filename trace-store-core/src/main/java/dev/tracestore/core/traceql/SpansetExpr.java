package dev.tracestore.core.traceql;

import java.util.List;

/** An expression whose value is a set of spans of one trace. */
sealed interface SpansetExpr {

    /** {@code { condition }}; an empty filter {@code {}} has the condition {@code true}. */
    record Filter(Field condition, int position) implements SpansetExpr {
    }

    /** {@code left op right} for {@code && || > >> < << ~} and the negated structural operators. */
    record Operation(TokenType operator, SpansetExpr left, SpansetExpr right, int position) implements SpansetExpr {
    }

    /** {@code first | stage | ...}: a pipeline, also as an operand in parentheses. */
    record Pipeline(List<Stage> stages) implements SpansetExpr {
        public Pipeline {
            stages = List.copyOf(stages);
        }
    }
}
