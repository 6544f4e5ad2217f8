package dev.tracestore.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;

/** Runs {@code tracestore} in-process with captured output, as a user would see it in a pipe. */
final class Cli {

    /** What one run printed and returned. */
    record Result(int exitCode, String out, String err) {
    }

    private Cli() {
    }

    static Result run(String... args) {
        return run(Terminal.PLAIN, args);
    }

    static Result run(Terminal terminal, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = TraceStoreCli.commandLine(terminal, Clock.systemUTC(), System::nanoTime)
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }
}
