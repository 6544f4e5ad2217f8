package dev.tracestore.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where the spans are: the paths after the command's arguments and every {@code --dir}, all read into one view (so
 * the files of several services show a trace that crossed them); by default the starter's {@code ./trace-store}.
 * A command mixes in {@link Paths}, or a {@link FirstArgumentAndPaths} when its first argument is something else.
 */
abstract class SourceOptions {

    /** The starter's default {@code tracestore.directory}, relative to the working directory. */
    static final String DEFAULT_PATH = "trace-store";

    @Option(names = {"-d", "--dir"}, paramLabel = "PATH", order = DisplayOptions.SOURCE_ORDER,
            description = "A span directory (an app's tracestore.directory, rotated files included) or an "
                    + "OTLP/JSON lines file; repeat it (or give several paths) to read them as one; "
                    + "default: ./" + DEFAULT_PATH + ".")
    private List<Path> dirs = new ArrayList<>();

    /** @return the paths given as arguments */
    abstract List<Path> arguments();

    /** @return the paths given, in order and once each, or {@code ./trace-store} when none was */
    List<Path> paths() {
        Set<Path> all = new LinkedHashSet<>(dirs);
        all.addAll(arguments());
        return all.isEmpty() ? List.of(Path.of(DEFAULT_PATH)) : List.copyOf(all);
    }

    /** @return whether no path was given, so that {@link #paths()} is the default {@code ./trace-store} */
    boolean isDefault() {
        return dirs.isEmpty() && arguments().isEmpty();
    }

    /** Every argument is a path. */
    static final class Paths extends SourceOptions {

        @Parameters(index = "0..*", arity = "0..*", paramLabel = "PATH",
                description = "The same as --dir; several are read as one.")
        private List<Path> paths = new ArrayList<>();

        @Override
        List<Path> arguments() {
            return paths;
        }
    }

    /**
     * The first argument is something else (a name, a trace ID, a query), the others are paths: one mixin, as picocli
     * checks a mixin's indexes alone.
     */
    abstract static class FirstArgumentAndPaths extends SourceOptions {

        @Parameters(index = "1..*", arity = "0..*", paramLabel = "PATH",
                description = "The same as --dir; several are read as one.")
        private List<Path> paths = new ArrayList<>();

        @Override
        List<Path> arguments() {
            return paths;
        }
    }

    /** The first argument is a name: a service or an attribute key. */
    static final class NameAndPaths extends FirstArgumentAndPaths {

        @Parameters(index = "0", paramLabel = "NAME", description = "The service (operations) or the attribute key, "
                + "with an optional scope prefix such as event. (values).")
        private String name;

        /** @return the name as given */
        String name() {
            return name;
        }
    }

    /** The first argument is a trace ID. */
    static final class TraceIdAndPaths extends FirstArgumentAndPaths {

        @Parameters(index = "0", paramLabel = "TRACE_ID",
                description = "The trace ID: 32 hex characters, upper or lower case.")
        private String traceId;

        /** @return the trace ID as given */
        String traceId() {
            return traceId;
        }
    }

    /** The first argument is a TraceQL query. */
    static final class QueryAndPaths extends FirstArgumentAndPaths {

        @Parameters(index = "0", paramLabel = "QUERY", description = "The TraceQL query, in single quotes.")
        private String query;

        /** @return the query as given */
        String query() {
            return query;
        }
    }
}
