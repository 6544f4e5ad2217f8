package dev.tracestore.cli;

/**
 * ANSI colours, or none. Colour is only for a terminal that wants it (see {@link Terminal}); the text
 * without colour must say everything the colour says, so that pipes, files and {@code NO_COLOR} users lose
 * nothing.
 */
final class Style {

    static final Style PLAIN = new Style(false);
    static final Style COLOR = new Style(true);

    private final boolean color;

    private Style(boolean color) {
        this.color = color;
    }

    static Style of(boolean color) {
        return color ? COLOR : PLAIN;
    }

    String bold(String text) {
        return wrap("1", text);
    }

    String dim(String text) {
        return wrap("2", text);
    }

    String red(String text) {
        return wrap("31", text);
    }

    String cyan(String text) {
        return wrap("36", text);
    }

    private String wrap(String code, String text) {
        return color && !text.isEmpty() ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }
}
