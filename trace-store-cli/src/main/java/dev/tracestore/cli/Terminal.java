package dev.tracestore.cli;

import java.util.Map;

/**
 * What the output goes to: whether a person watches it (progress lines make sense), whether it takes colour,
 * and how wide it is.
 *
 * @param interactive stdout and stderr are a terminal
 * @param color colour codes may be written
 * @param columns the width the waterfall is laid out for
 */
record Terminal(boolean interactive, boolean color, int columns) {

    static final int DEFAULT_COLUMNS = 120;

    /** Neither interactive nor coloured, {@value #DEFAULT_COLUMNS} columns: what tests and pipes see. */
    static final Terminal PLAIN = new Terminal(false, false, DEFAULT_COLUMNS);

    /**
     * Colour only on a terminal, never when {@code NO_COLOR} is set to anything non-empty (no-color.org) or
     * {@code TERM=dumb}. The width comes from {@code COLUMNS}, which the {@code tracestore} script exports
     * because Java cannot ask the terminal.
     *
     * @param environment the process environment
     * @param console {@code true} when {@code System.console()} is not null
     * @return the terminal
     */
    static Terminal detect(Map<String, String> environment, boolean console) {
        String noColor = environment.get("NO_COLOR");
        boolean color = console && (noColor == null || noColor.isEmpty()) && !"dumb".equals(environment.get("TERM"));
        return new Terminal(console, color, columns(environment.get("COLUMNS")));
    }

    private static int columns(String text) {
        try {
            // Narrower than 40 columns nothing lines up anyway; wrap rather than squeeze.
            return text == null ? DEFAULT_COLUMNS : Math.max(40, Integer.parseInt(text.strip()));
        } catch (NumberFormatException e) {
            return DEFAULT_COLUMNS;
        }
    }

    /** @return how wide a table line may be: the terminal's width, or no limit when nobody watches */
    int tableWidth() {
        return interactive ? columns : Integer.MAX_VALUE;
    }
}
