package dev.tracestore.cli;

import dev.tracestore.core.query.InvalidParameterException;
import dev.tracestore.core.query.QueryParameters;
import dev.tracestore.core.query.SpanQuery;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The options of a command as the text parameters of the HTTP API, handed to the core's
 * {@link QueryParameters#parse}: one parser, one set of names and one duration syntax for both. Every option
 * is the parameter's name in kebab case ({@code minDuration} is {@code --min-duration}); a bad value becomes a
 * usage error that names the option.
 */
final class QueryArguments {

    private final Map<String, List<String>> parameters = new LinkedHashMap<>();

    /**
     * @param parameter a name in {@link QueryParameters#NAMES}
     * @param value the option's text, or {@code null} when it was not given
     * @return this
     */
    QueryArguments put(String parameter, String value) {
        if (value != null) {
            parameters.computeIfAbsent(parameter, name -> new ArrayList<>()).add(value);
        }
        return this;
    }

    /**
     * @param parameter a repeatable name, i.e. {@code attr}
     * @param values the option's texts, possibly empty
     * @return this
     */
    QueryArguments putAll(String parameter, List<String> values) {
        values.forEach(value -> put(parameter, value));
        return this;
    }

    /** @return the parameters given, by the API's names, for the core's other parsers ({@code AnalysisParameters}) */
    Map<String, List<String>> parameters() {
        return parameters;
    }

    /**
     * @param spec the command, for the usage error
     * @return the validated query
     * @throws ParameterException naming the option of the first bad value
     */
    SpanQuery parse(CommandSpec spec) {
        return read(spec, () -> QueryParameters.parse(parameters));
    }

    /**
     * Reads values with one of the core's parsers, turning a bad value into a usage error naming the option.
     *
     * @param spec the command, for the usage error
     * @param parse the parsing
     * @param <T> what is read
     * @return what was read
     */
    static <T> T read(CommandSpec spec, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (InvalidParameterException e) {
            throw new ParameterException(spec.commandLine(), message(e));
        }
    }

    /**
     * Reads a time, such as {@code --now}, with the syntax of {@code --from} and {@code --to}.
     *
     * @param spec the command, for the usage error
     * @param text the option's text
     * @param parameter the option's name without dashes, in camel case
     * @return the instant
     */
    static Instant instant(CommandSpec spec, String text, String parameter) {
        return read(spec, () -> QueryParameters.instant(text, parameter));
    }

    /** @return {@code --min-duration} for {@code minDuration} */
    static String option(String parameter) {
        StringBuilder option = new StringBuilder("--");
        for (char c : parameter.toCharArray()) {
            if (Character.isUpperCase(c)) {
                option.append('-').append(Character.toLowerCase(c));
            } else {
                option.append(c);
            }
        }
        return option.toString();
    }

    /**
     * The core's messages start with the parameter's name: the user typed the option, so say that.
     *
     * @return the message naming the option, escaped for the terminal
     */
    static String message(InvalidParameterException e) {
        String parameter = e.parameter();
        String message = e.getMessage();
        if (parameter != null && message.startsWith(parameter)
                && (message.length() == parameter.length() || !Character.isLetterOrDigit(message.charAt(parameter.length())))) {
            message = option(parameter) + message.substring(parameter.length());
        } else if (parameter != null) {
            message = option(parameter) + ": " + message;
        }
        return TerminalText.escape(message);
    }
}
