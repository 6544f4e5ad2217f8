package dev.tracestore.cli;

import dev.tracestore.core.query.FailureRules;
import dev.tracestore.core.query.SpanPredicate;
import dev.tracestore.core.query.SpanQuery;
import dev.tracestore.core.store.ScannedSpan;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What the analyses ({@code ops}, {@code deps}, {@code problems}) share: the service and window, {@code --format},
 * the paths and the display options (the command adds its own), and one pass over the files that feeds the spans
 * matching a filter to the analysis, keeping none: the analyses count as they go, so any size of files works.
 */
abstract class AnalysisCommand implements Callable<Integer> {

    @ParentCommand
    TraceStoreCli cli;

    @Spec
    CommandSpec spec;

    @Mixin
    AnalysisWindowOptions window;

    @Mixin
    TableOrJson format;

    @Mixin
    private SourceOptions.Paths source;

    @Mixin
    private DisplayOptions display;

    /** @see QueryArguments#read */
    <T> T parse(Supplier<T> parse) {
        return QueryArguments.read(spec, parse);
    }

    /**
     * @param filter the span conditions
     * @param now the moment a look-back counts back from
     * @param analysis gets every matching span
     */
    void feed(SpanQuery filter, Instant now, Consumer<ScannedSpan> analysis) {
        SpanPredicate matches = SpanPredicate.of(filter, now);
        cli.open(source, err()).read("", span -> {
            if (matches.test(span)) {
                analysis.accept(ScannedSpan.of(span, FailureRules.DEFAULT));
            }
        });
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    Style style() {
        return display.style(cli.terminal());
    }

    OperationsTables tables() {
        return new OperationsTables(out(), style(), cli.terminal().tableWidth());
    }

    /** @return {@link ExitCode#NOTHING_MATCHED}, after saying {@code message} on stderr */
    int nothing(String message) {
        err().println(message);
        return ExitCode.NOTHING_MATCHED;
    }
}
