package dev.tracestore.cli;

/** The exit codes of {@code tracestore}, so that scripts can tell "nothing found" from "wrong call". */
final class ExitCode {

    /** Results were printed. */
    static final int OK = 0;
    /** The query ran and nothing matched: no span, no trace, an unknown trace ID. */
    static final int NOTHING_MATCHED = 1;
    /** A usage error: an unknown option, a bad value, a missing or unreadable path. */
    static final int USAGE = 2;
    /** A bug: an unexpected exception, printed with its stack trace. */
    static final int INTERNAL_ERROR = 3;

    private ExitCode() {
    }
}
