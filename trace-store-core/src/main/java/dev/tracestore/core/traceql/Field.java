package dev.tracestore.core.traceql;

import java.util.regex.Pattern;

/** A field expression: what stands inside a spanset filter {@code { ... }} or in {@code by(...)}. */
sealed interface Field {

    int position();

    /** Where an attribute is looked up; {@code UNSCOPED} ({@code .x}) reads the span's, then the resource's. */
    enum Scope { UNSCOPED, SPAN, RESOURCE, EVENT, LINK, INSTRUMENTATION }

    /** A literal; durations are {@link Long} nanoseconds, nil is {@code null}. */
    record Static(Object value, ValueType type, int position) implements Field {
    }

    /** An attribute such as {@code span.http.route} or {@code ."a b"}. */
    record Attribute(Scope scope, String name, int position) implements Field {

        /** @return the attribute as written in a query, quoted when its name needs it */
        String text() {
            String prefix = scope == Scope.UNSCOPED ? "." : scope.name().toLowerCase(java.util.Locale.ROOT) + ".";
            boolean plain = !name.isEmpty() && name.chars().noneMatch(c -> Character.isWhitespace(c)
                    || "{}()=~!<>&|^,\"`\\".indexOf(c) >= 0);
            return prefix + (plain ? name : '"' + name.replace("\\", "\\\\").replace("\"", "\\\"") + '"');
        }
    }

    /** An intrinsic such as {@code duration} or {@code trace:rootService}, with its spelling in the query. */
    record IntrinsicField(Intrinsic intrinsic, String written, int position) implements Field {
    }

    /** {@code !operand}. */
    record Not(Field operand, int position) implements Field {
    }

    /** {@code left && right} or {@code left || right}. */
    record Logical(boolean and, Field left, Field right, int position) implements Field {
    }

    /** A comparison; {@code pattern} is the compiled right side of {@code =~} and {@code !~}. */
    record Comparison(TokenType operator, Field left, Field right, Pattern pattern, int position)
            implements Field {
    }

    /** @return how the field is named in a {@code by(...)} group or a {@code select(...)} column */
    static String label(Field field) {
        if (field instanceof Attribute attribute) {
            return attribute.text();
        }
        if (field instanceof IntrinsicField intrinsic) {
            return intrinsic.written();
        }
        throw new IllegalStateException("only attributes and intrinsics have labels: " + field);
    }
}
