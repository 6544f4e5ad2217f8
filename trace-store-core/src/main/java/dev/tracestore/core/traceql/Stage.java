package dev.tracestore.core.traceql;

import java.util.List;

/** One stage of a pipeline: each takes the spansets of the stage before and answers spansets. */
sealed interface Stage {

    /** Keeps, of each spanset, the spans the expression selects among them. */
    record Select(SpansetExpr expression) implements Stage {
    }

    /** Keeps the spansets whose aggregate compares true, such as {@code count() > 3}. */
    record ScalarFilter(Aggregate aggregate, Field argument, TokenType operator, Field.Static value, int position)
            implements Stage {
    }

    /** {@code by(field)}: splits each spanset by the field's value. */
    record GroupBy(Field field, int position) implements Stage {
    }

    /** {@code select(fields)}: answers the fields' values with each span. */
    record Columns(List<Field> fields, int position) implements Stage {
        public Columns {
            fields = List.copyOf(fields);
        }
    }

    /** {@code coalesce()}: merges the spansets of a trace into one. */
    record Coalesce(int position) implements Stage {
    }

    /** The aggregate functions of scalar filters. */
    enum Aggregate { COUNT, AVG, MIN, MAX, SUM }
}
