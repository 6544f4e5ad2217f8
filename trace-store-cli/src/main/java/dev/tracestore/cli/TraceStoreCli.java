package dev.tracestore.cli;

import dev.tracestore.core.query.InvalidParameterException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;

/**
 * The {@code tracestore} command: queries the span files that trace-store writes (or any OTLP/JSON lines file)
 * offline, also after the app is gone. Exit codes: 0 with results, 1 when nothing matched, 2 on a usage error
 * or an unreadable path, 3 on a bug.
 *
 * <pre>{@code
 * java -jar trace-store-cli.jar trace 4bf92f3577b34da6a3ce929d0e0e4736 --dir /var/lib/shop/trace-store
 * java -jar trace-store-cli.jar failures --lookback 1h --now 2026-01-05T11:00:00Z
 * }</pre>
 *
 * <p>Embedded, e.g. in a test:
 * <pre>{@code
 * int exitCode = TraceStoreCli.commandLine().execute("query", "--service", "shop", "--dir", "trace-store");
 * }</pre>
 */
@Command(name = "tracestore",
        subcommands = {TraceCommand.class, QueryCommand.class, TracesCommand.class, SearchCommand.class,
                FailuresCommand.class, ErrorsCommand.class, StatsCommand.class, RepeatsCommand.class,
                ListCommand.class, OpsCommand.class, DepsCommand.class, ProblemsCommand.class, HelpCommand.class},
        synopsisSubcommandLabel = "COMMAND",
        description = {"Queries the span files of trace-store (or any OTLP/JSON lines file) offline, also after "
                + "the app is gone.",
                "The paths are the last arguments or --dir (several are read as one); default: ./"
                        + SourceOptions.DEFAULT_PATH + "."},
        footer = {"",
                "Exit codes: 0 results printed, 1 nothing matched, 2 usage error or unreadable path, 3 bug.",
                "",
                "Examples:",
                "  tracestore stats /var/lib/shop/trace-store",
                "  tracestore failures --lookback 1h",
                "  tracestore trace 4bf92f3577b34da6a3ce929d0e0e4736 orders/trace-store payments/trace-store",
                "  tracestore query --service shop --attr 'http.response.status_code>=500'",
                "  tracestore traces --min-trace-duration 1s --format json",
                "  tracestore search '{ resource.service.name = \"shop\" } >> { status = error }'",
                "  tracestore ops --lookback 1h --group-by http.route",
                "  tracestore help query"})
public final class TraceStoreCli implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help with examples, and exit.")
    private boolean help;

    private final Terminal terminal;
    private final Clock clock;
    private final LongSupplier nanoTime;

    private TraceStoreCli(Terminal terminal, Clock clock, LongSupplier nanoTime) {
        this.terminal = terminal;
        this.clock = clock;
        this.nanoTime = nanoTime;
    }

    /**
     * Runs the command and exits with its exit code. Output is UTF-8, whatever the platform's default.
     *
     * @param args the command line
     */
    public static void main(String... args) {
        Terminal terminal = Terminal.detect(System.getenv(), System.console() != null);
        PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
                StandardCharsets.UTF_8));
        PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err),
                StandardCharsets.UTF_8), true);
        int exitCode = commandLine(terminal, Clock.systemUTC(), System::nanoTime).setOut(out).setErr(err).execute(args);
        out.flush();
        err.flush();
        System.exit(exitCode);
    }

    /**
     * @return the command for a plain terminal (no colour, no progress), with the system clock; set its output
     *     with {@link CommandLine#setOut} and {@link CommandLine#setErr}
     */
    public static CommandLine commandLine() {
        return commandLine(Terminal.PLAIN, Clock.systemUTC(), System::nanoTime);
    }

    static CommandLine commandLine(Terminal terminal, Clock clock, LongSupplier nanoTime) {
        CommandLine commandLine = new CommandLine(new TraceStoreCli(terminal, clock, nanoTime));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        // Help wider than 120 columns is hard to read; in a pipe, picocli's 80 columns.
        commandLine.setUsageHelpWidth(terminal.interactive() ? Math.min(terminal.columns(), 120) : 80);
        commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(
                terminal.color() ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
        commandLine.setParameterExceptionHandler(TraceStoreCli::usageError);
        commandLine.setExecutionExceptionHandler((exception, failed, parseResult) -> {
            PrintWriter err = failed.getErr();
            if (exception instanceof CliException) {
                err.println("tracestore: " + exception.getMessage());
                return ExitCode.USAGE;
            }
            if (exception instanceof InvalidParameterException invalid) {
                // Found while the query runs: a regular expression that backtracks without end on a stored value.
                err.println("tracestore: " + QueryArguments.message(invalid));
                return ExitCode.USAGE;
            }
            err.println("tracestore: unexpected error, please report it with the stack trace below");
            exception.printStackTrace(err);
            return ExitCode.INTERNAL_ERROR;
        });
        return commandLine;
    }

    /**
     * A usage error is the message, the synopsis (or picocli's suggestions for a mistyped option) and where to
     * read more: the full help would push the message off the screen.
     */
    private static int usageError(ParameterException error, String[] args) {
        CommandLine command = error.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(command.getColorScheme().errorText(error.getMessage()));
        if (!UnmatchedArgumentException.printSuggestions(error, err)) {
            CommandLine.Help help = command.getHelp();
            err.print(help.synopsisHeading() + help.synopsis(help.synopsisHeadingLength()));
        }
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return ExitCode.USAGE;
    }

    /** Without a command there is nothing to do: a usage error. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing command: trace, query, traces, failures, errors or stats");
    }

    Terminal terminal() {
        return terminal;
    }

    /** @return the clock "now" comes from when {@code --now} is not given */
    Clock clock() {
        return clock;
    }

    /**
     * @param source the path options
     * @param err where the progress line goes
     * @return the files to read
     * @throws CliException when the path does not exist or cannot be read
     */
    SpanFiles open(SourceOptions source, PrintWriter err) {
        if (source.isDefault() && !Files.exists(Path.of(SourceOptions.DEFAULT_PATH))) {
            throw new CliException("No ./" + SourceOptions.DEFAULT_PATH + " directory here, where the starter "
                    + "writes its span files by default: run tracestore in the app's working directory, or give the "
                    + "app's tracestore.directory (or any OTLP/JSON lines file) as the last argument or with --dir");
        }
        return SpanFiles.at(source.paths(), Progress.on(err, terminal.interactive(), nanoTime));
    }
}
