package dev.tracestore.cli;

import picocli.CommandLine.Option;

/**
 * {@code --format table|json} of the commands that print one answer (statistics, analyses, listings of names): a
 * table for people or one JSON object shaped like the endpoint's answer. Listed after the command's own options.
 */
final class TableOrJson {

    /** The formats. */
    enum Format {
        /** Columns with a header, or one fact per line. */
        TABLE,
        /** One indented JSON object. */
        JSON
    }

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            order = DisplayOptions.OUTPUT_ORDER,
            description = "table (default) or json.")
    private Format format;

    /** @return whether JSON was asked for */
    boolean json() {
        return format == Format.JSON;
    }
}
