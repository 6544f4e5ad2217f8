package dev.tracestore.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * Whether and why an answer of the {@code traces} endpoint left out spans, as its JSON says it: the three fields
 * are {@code null}, and so left out, for a whole answer.
 *
 * @param truncated {@code true} when spans were left out, otherwise {@code null}
 * @param omittedSpans how many, when known
 * @param message which limit cut the answer and what to do about it
 */
record Truncation(@Nullable Boolean truncated, @Nullable Integer omittedSpans, @Nullable String message) {

    static final Truncation NONE = new Truncation(null, null, null);

    /**
     * @param budget the spans taken
     * @param omittedSpans how many were left out, {@code null} when not known
     * @param advice how to get the rest
     * @return {@link #NONE} unless a limit cut the answer
     */
    static Truncation of(SpanBudget budget, @Nullable Integer omittedSpans, String advice) {
        String limit = budget.limitReached();
        if (limit == null) {
            return NONE;
        }
        return new Truncation(Boolean.TRUE, omittedSpans, "cut at " + limit + " after " + budget.spans().size()
                + " spans: " + advice);
    }
}
