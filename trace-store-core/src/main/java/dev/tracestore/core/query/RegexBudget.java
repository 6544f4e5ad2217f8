package dev.tracestore.core.query;

/**
 * The characters that all regular expressions of one query may read together, over every value they test. Each
 * value still has its own limit ({@link AttributeFilter#MAX_REGEX_STEPS}, a runaway expression fails the query),
 * but a query that tests an ordinary expression against very many long values stops once the total is spent:
 * the store then answers what it found so far, marked partial. Not thread-safe: one query, one thread.
 *
 * <pre>{@code
 * RegexBudget budget = RegexBudget.of(100_000_000);
 * boolean hit = filter.matches(spanAttributes, resourceAttributes, budget); // throws RegexBudget.Spent when out
 * }</pre>
 */
public final class RegexBudget {

    /** Thrown when the query's budget is spent; carries no stack trace, it is an answer, not a bug. */
    public static final class Spent extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Spent(long total) {
            super("the regular expressions of this query read " + total + " characters, the most a query may",
                    null, false, false);
        }
    }

    private final long total;
    private long remaining;

    private RegexBudget(long total) {
        this.total = total;
        this.remaining = total;
    }

    /**
     * @param totalSteps the characters all matches of the query may read together, at least 1
     * @return a fresh budget
     */
    public static RegexBudget of(long totalSteps) {
        if (totalSteps < 1) {
            throw new IllegalArgumentException("totalSteps must be positive, but was " + totalSteps);
        }
        return new RegexBudget(totalSteps);
    }

    /** @return a budget that is never spent: only the per-value limit applies */
    public static RegexBudget unlimited() {
        return new RegexBudget(Long.MAX_VALUE);
    }

    /** @return the characters left to read */
    public long remaining() {
        return remaining;
    }

    /** Counts one character read. */
    void spend() {
        if (--remaining < 0) {
            remaining = 0;
            throw new Spent(total);
        }
    }
}
