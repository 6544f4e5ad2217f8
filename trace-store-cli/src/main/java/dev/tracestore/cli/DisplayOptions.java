package dev.tracestore.cli;

import picocli.CommandLine.Option;

/** The options every command has: help, and turning colour off. */
final class DisplayOptions {

    /**
     * Help lists a command's own options first, then the output options ({@code --format}, {@code --limit}...),
     * the paths and these, whichever class declares them: commands share those classes.
     */
    static final int OUTPUT_ORDER = 90;
    static final int SOURCE_ORDER = 91;
    private static final int ORDER = 92;

    @Option(names = {"-h", "--help"}, usageHelp = true, order = ORDER,
            description = "Show this help with examples, and exit.")
    private boolean help;

    @Option(names = "--no-color", order = ORDER,
            description = "No colour, even on a terminal (so does the NO_COLOR variable).")
    private boolean noColor;

    /**
     * @param terminal what the output goes to
     * @return the style to print with
     */
    Style style(Terminal terminal) {
        return Style.of(terminal.color() && !noColor);
    }
}
