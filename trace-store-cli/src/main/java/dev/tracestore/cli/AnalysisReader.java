package dev.tracestore.cli;

import dev.tracestore.core.log.ReadResult;
import dev.tracestore.core.query.FailureRules;
import dev.tracestore.core.query.InvalidParameterException;
import dev.tracestore.core.query.SpanPredicate;
import dev.tracestore.core.query.SpanQuery;
import dev.tracestore.core.store.ScannedSpan;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Feeds the spans of the files that match a filter to an analysis in one pass, keeping none: the analyses count as
 * they go, so any size of files works.
 */
final class AnalysisReader {

    private AnalysisReader() {
    }

    /**
     * @param files the span files
     * @param filter the span conditions
     * @param now the moment a look-back counts back from
     * @param analysis gets every matching span
     * @return what was read
     */
    static ReadResult feed(SpanFiles files, SpanQuery filter, Instant now, Consumer<ScannedSpan> analysis) {
        SpanPredicate matches = SpanPredicate.of(filter, now);
        return files.read("", span -> {
            if (matches.test(span)) {
                analysis.accept(ScannedSpan.of(span, FailureRules.DEFAULT));
            }
        });
    }

    /**
     * Reads parameters with the core's parser, turning a bad value into a usage error naming the option.
     *
     * @param spec the command
     * @param parse the parsing
     * @param <T> what is parsed
     * @return what was parsed
     */
    static <T> T parse(CommandSpec spec, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (InvalidParameterException e) {
            throw new ParameterException(spec.commandLine(), QueryArguments.message(e));
        }
    }
}
