package dev.tracestore.core.traceql;

import java.util.Locale;

/**
 * A status ({@code error ok unset}) or kind ({@code server client ...}) value, lower case; never equal to a string
 * attribute, so {@code status = error} and {@code .status = "error"} stay apart.
 *
 * @param word the value as TraceQL spells it
 */
record Keyword(String word) {

    static Keyword of(Enum<?> value) {
        return new Keyword(value.name().toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return word;
    }
}
