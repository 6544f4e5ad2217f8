package dev.tracestore.cli;

import picocli.CommandLine.Option;

/** The options every command has: help, and turning colour off. */
final class DisplayOptions {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help with examples, and exit.")
    private boolean help;

    @Option(names = "--no-color", description = "No colour, even on a terminal (so does the NO_COLOR variable).")
    private boolean noColor;

    /**
     * @param terminal what the output goes to
     * @return the style to print with
     */
    Style style(Terminal terminal) {
        return Style.of(terminal.color() && !noColor);
    }
}
