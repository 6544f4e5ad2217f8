package dev.tracestore.cli;

/**
 * A problem the user can fix that is not a malformed command line, such as a span directory that does not
 * exist. Printed as one line, without a stack trace or the usage, with exit code {@link ExitCode#USAGE}.
 */
final class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    CliException(String message) {
        super(message, null, false, false);
    }
}
