package dev.tracestore.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;

/** Where the spans are: the last argument or {@code --dir}, by default the starter's {@code ./trace-store}. */
final class SourceOptions {

    /** The starter's default {@code tracestore.directory}, relative to the working directory. */
    static final String DEFAULT_PATH = "trace-store";

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = {"-d", "--dir"}, paramLabel = "PATH",
            description = "The span directory (the app's tracestore.directory, rotated files included) or one "
                    + "OTLP/JSON lines file; default: ./" + DEFAULT_PATH + ".")
    private Path dir;

    @Parameters(arity = "0..1", paramLabel = "PATH", description = "The same as --dir.")
    private Path path;

    /** @return the path given, or {@code ./trace-store} */
    Path path() {
        if (dir != null && path != null && !dir.equals(path)) {
            throw new ParameterException(spec.commandLine(), "Give the path once: as --dir or as the last argument, not both");
        }
        if (path != null) {
            return path;
        }
        return dir != null ? dir : Path.of(DEFAULT_PATH);
    }
}
