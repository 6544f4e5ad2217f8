package dev.tracestore.core.query;

/**
 * A value handed to a regular expression that counts the characters the matcher reads and stops it after a budget:
 * Java's regex engine backtracks, and a pattern such as {@code (.*a){20}} would otherwise run for years on a value of
 * a few dozen characters, holding up every query and the writer behind it.
 */
final class BoundedText implements CharSequence {

    /** Thrown when the budget is spent; carries no stack trace, it is an answer, not a bug. */
    static final class BudgetExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BudgetExceeded() {
            super("regular expression budget exceeded", null, false, false);
        }
    }

    private final String text;
    private final RegexBudget query;
    private long remaining;

    BoundedText(String text, long budget, RegexBudget query) {
        this.text = text;
        this.remaining = budget;
        this.query = query;
    }

    @Override
    public char charAt(int index) {
        if (--remaining < 0) {
            throw new BudgetExceeded();
        }
        query.spend();
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return text.substring(start, end);
    }

    @Override
    public String toString() {
        return text;
    }
}
