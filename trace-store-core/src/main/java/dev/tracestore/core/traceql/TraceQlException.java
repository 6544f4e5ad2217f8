package dev.tracestore.core.traceql;

/**
 * A TraceQL query that cannot be run: a syntax error (with the position it was found at), a query that parses but
 * makes no sense (comparing a number with a string), or a query that uses a part of TraceQL trace-store does not
 * support (metrics, arithmetic, {@code parent.}). Over HTTP every kind is a 400 naming the parameter {@code q}.
 *
 * <pre>{@code
 * try {
 *     TraceQlQuery.parse("{ span.http.route = }");
 * } catch (TraceQlException e) {
 *     e.problem();   // SYNTAX
 *     e.position();  // 20, the offset of the closing brace
 *     e.getMessage() // "syntax error at column 21: expected a value after '=' but found '}'"
 * }
 * }</pre>
 */
public final class TraceQlException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** What is wrong with the query. */
    public enum Problem {
        /** The text is not TraceQL; {@link #position()} points at the offending character. */
        SYNTAX,
        /** The query parses but cannot mean anything, such as {@code { 1 = "a" }}. */
        INVALID,
        /** Valid TraceQL that trace-store does not run, such as metrics or arithmetic. */
        UNSUPPORTED
    }

    private final Problem problem;
    private final int position;

    private TraceQlException(Problem problem, int position, String message) {
        super(message);
        this.problem = problem;
        this.position = position;
    }

    static TraceQlException syntax(int position, String message) {
        return new TraceQlException(Problem.SYNTAX, position,
                "syntax error at column " + (position + 1) + ": " + message);
    }

    static TraceQlException invalid(int position, String message) {
        return new TraceQlException(Problem.INVALID, position,
                "invalid query at column " + (position + 1) + ": " + message);
    }

    static TraceQlException unsupported(int position, String feature) {
        return new TraceQlException(Problem.UNSUPPORTED, position,
                "not supported (column " + (position + 1) + "): " + feature
                        + "; see docs/queries.md for the TraceQL subset trace-store runs");
    }

    /** @return what kind of problem it is */
    public Problem problem() {
        return problem;
    }

    /** @return the zero-based offset in the query the problem was found at */
    public int position() {
        return position;
    }
}
