package dev.tracestore.cli;

/**
 * Makes span data safe to print on a terminal. Span names, attribute values and messages come from
 * applications and from files anyone could have written: an escape sequence in them could recolour,
 * move the cursor, retitle the window or hide text. Control characters, C1 controls and the bidirectional
 * overrides that reorder text are therefore printed as visible escapes, never raw: a line feed as {@code \n},
 * escape as {@code \x1b}, the right-to-left override U+202E as backslash, {@code u202e}.
 */
final class TerminalText {

    private static final String ELLIPSIS = "…";

    private TerminalText() {
    }

    /**
     * @param text text from a span, possibly {@code null}
     * @return the text with every unsafe character escaped; the same instance when nothing needed escaping
     */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        int first = 0;
        while (first < text.length() && !unsafe(text.charAt(first))) {
            first++;
        }
        if (first == text.length()) {
            return text;
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!unsafe(c)) {
                escaped.append(c);
            } else if (c == '\n') {
                escaped.append("\\n");
            } else if (c == '\r') {
                escaped.append("\\r");
            } else if (c == '\t') {
                escaped.append("\\t");
            } else if (c <= 0xFF) {
                escaped.append("\\x").append(hex(c, 2));
            } else {
                escaped.append("\\u").append(hex(c, 4));
            }
        }
        return escaped.toString();
    }

    /**
     * Makes JSON text safe for a terminal without changing what it means. JSON encoders escape C0 controls
     * inside strings but let C1 controls, DEL and bidi overrides through raw; those can only be inside strings
     * (JSON's structure is ASCII), where a JSON backslash-u escape stands for the same character.
     *
     * @param json JSON text, possibly with line breaks between values
     * @return the same JSON with the unsafe characters as backslash-u escapes
     */
    static String escapeJson(String json) {
        StringBuilder escaped = null;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            boolean whitespace = c == '\n' || c == '\r' || c == '\t';
            if (unsafe(c) && !whitespace) {
                if (escaped == null) {
                    escaped = new StringBuilder(json.length() + 16).append(json, 0, i);
                }
                escaped.append("\\u").append(hex(c, 4));
            } else if (escaped != null) {
                escaped.append(c);
            }
        }
        return escaped == null ? json : escaped.toString();
    }

    /**
     * @param text escaped text
     * @param width the most characters to keep, at least 1
     * @return the text, cut to {@code width} characters ending in an ellipsis when longer
     */
    static String truncate(String text, int width) {
        if (text.length() <= width) {
            return text;
        }
        return text.substring(0, Math.max(0, width - 1)) + ELLIPSIS;
    }

    /** C0 and C1 controls, DEL, line and paragraph separators, and the bidi embeddings, overrides and isolates. */
    private static boolean unsafe(char c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029'
                || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }

    private static String hex(char c, int digits) {
        String hex = Integer.toHexString(c);
        return "0".repeat(digits - hex.length()) + hex;
    }
}
