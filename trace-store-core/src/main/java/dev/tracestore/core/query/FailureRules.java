package dev.tracestore.core.query;

import dev.tracestore.core.model.StoredSpan;

/**
 * Which spans count as failed: the rules of {@link Failures}, and whether a static-resource 404 counts.
 *
 * <p>A request for a static resource that does not exist (the browser's {@code /favicon.ico}, a stale
 * {@code /app.css}) ends in Spring's {@code NoResourceFoundException} and a 404. Spring MVC records no exception for
 * it, but WebFlux records one (status ERROR, {@code exception=NoResourceFoundException}, an exception event), which
 * would put every favicon request among the failures. By default such a span is not a failure (and has no error
 * types to search by); {@link #countingStaticNotFound()} counts it again.
 *
 * <pre>{@code
 * FailureRules rules = FailureRules.DEFAULT;
 * boolean failed = rules.isFailure(span);
 * SpanStore store = InMemorySpanStore.builder().failureRules(FailureRules.countingStaticNotFound()).build();
 * }</pre>
 */
public final class FailureRules {

    /** The rules of {@link Failures}; a static-resource 404 is not a failure. */
    public static final FailureRules DEFAULT = new FailureRules(false);

    private static final FailureRules COUNTING_STATIC_NOT_FOUND = new FailureRules(true);

    private final boolean staticNotFoundFails;

    private FailureRules(boolean staticNotFoundFails) {
        this.staticNotFoundFails = staticNotFoundFails;
    }

    /** @return the rules of {@link Failures} under which a static-resource 404 is a failure too */
    public static FailureRules countingStaticNotFound() {
        return COUNTING_STATIC_NOT_FOUND;
    }

    /**
     * @param staticNotFoundFails whether a static-resource 404 is a failure
     * @return {@link #countingStaticNotFound()} or {@link #DEFAULT}
     */
    public static FailureRules of(boolean staticNotFoundFails) {
        return staticNotFoundFails ? COUNTING_STATIC_NOT_FOUND : DEFAULT;
    }

    /**
     * @param span a stored span
     * @return {@code true} when the span failed by the rules of {@link Failures}, unless it is a static-resource
     *     404 that these rules do not count
     */
    public boolean isFailure(StoredSpan span) {
        return Failures.recordsFailure(span) && (staticNotFoundFails || !Failures.isStaticResourceNotFound(span));
    }

    /**
     * @param span a stored span
     * @param errorType an error type, qualified or simple
     * @return {@code true} when the span failed (by these rules) and {@code errorType} is one of its error types
     */
    public boolean hasErrorType(StoredSpan span, String errorType) {
        return isFailure(span) && Failures.recordsErrorType(span, errorType);
    }

    @Override
    public String toString() {
        return staticNotFoundFails ? "FailureRules{static-resource 404s fail}" : "FailureRules{default}";
    }
}
