package dev.tracestore.cli;

import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.Failures;

import java.util.Set;

/** What went wrong in a failed span, in one line: its error types and status message, unescaped. */
final class ErrorNote {

    private ErrorNote() {
    }

    /**
     * @param span a failed span
     * @return e.g. {@code java.lang.IllegalStateException: card declined}
     */
    static String of(StoredSpan span) {
        // one name per error: Micrometer's simple name beside the exception event's qualified one said it twice
        Set<String> types = Failures.distinctErrorTypes(span);
        String message = span.statusMessage();
        if (types.isEmpty()) {
            return message;
        }
        String joined = String.join(", ", types);
        return message.isEmpty() ? joined : joined + ": " + message;
    }
}
