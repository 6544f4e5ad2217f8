package dev.tracestore.core.store;

import dev.tracestore.core.query.RegexBudget;


/**
 * What one query may spend: a deadline on the monotonic clock and the characters its regular expressions may read
 * together. Once either runs out the query stops and answers what it found, with the reason.
 */
final class QueryBudget {

    private final QueryDeadline deadline;
    private final RegexBudget regex;
    private String spentReason;

    private QueryBudget(QueryDeadline deadline, long regexSteps) {
        this.deadline = deadline;
        this.regex = RegexBudget.of(regexSteps);
    }

    /** A budget whose deadline is shared with other searches of the same request. */
    static QueryBudget until(QueryDeadline deadline, long regexSteps) {
        return new QueryBudget(deadline, regexSteps);
    }

    RegexBudget regex() {
        return regex;
    }

    /** @return whether the query must stop now; notes the reason when the deadline has passed */
    boolean spent() {
        if (spentReason == null && deadline.passed()) {
            spentReason = "the query ran longer than the query timeout (" + deadline.timeout()
                    + ", tracestore.query-timeout); narrow it with a time window, a service or a span name";
        }
        return spentReason != null;
    }

    /** Notes that the regular expressions spent their budget. */
    void regexSpent() {
        if (spentReason == null) {
            spentReason = "the regular expressions of the query read " + InMemorySpanStore.MAX_REGEX_STEPS_PER_QUERY
                    + " characters, the most a query may; narrow it with a time window, a service, a span name or "
                    + "an equality filter";
        }
    }

    /** @return why the query stopped early, or {@code null} when it did not */
    String spentReason() {
        return spentReason;
    }
}
