package dev.tracestore.core.query;

import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;

import java.util.List;
import java.util.Objects;

/**
 * One condition on an attribute of a span, typed like OpenTelemetry attribute values.
 *
 * <p>Matching rules:
 * <ul>
 *   <li>A filter holds one or more candidate values; it matches when the attribute matches any candidate.
 *       Values built in Java have one candidate of the Java type given. {@link #parse(String)} (the HTTP
 *       and CLI form) turns {@code 200} into the candidates long 200 and string "200", {@code true} into
 *       boolean true and string "true", {@code 1.5} into double 1.5 and string "1.5"; a value in double
 *       quotes is only a string.</li>
 *   <li>Strings match only strings, booleans only booleans: the long 200 never equals the string "200".
 *       Long and double compare numerically with each other (200 equals 200.0).</li>
 *   <li>The ordering operators ({@code > >= < <=}) also compare a string attribute that holds a number, such
 *       as the status code {@code "500"} that Spring's HTTP observations record as a string.</li>
 *   <li>An array attribute matches {@code EQUALS}, the ordering operators and {@code MATCHES} when any element
 *       does, and {@code NOT_EQUALS} when no element equals the value.</li>
 *   <li>{@code NOT_EQUALS} and {@code NOT_EXISTS} match spans that lack the attribute.</li>
 *   <li>A key is looked up in the span's attributes first, then in its resource's, then under the keys other HTTP
 *       conventions use for the same fact ({@code http.response.status_code} also reads Micrometer's
 *       {@code status}, {@code http.route} its {@code uri}: see {@link #aliasKeys()}); the prefix {@code span.} or
 *       {@code resource.} pins the lookup to exactly that key in one of them.</li>
 *   <li>The prefixes {@code event.}, {@code link.} and {@code instrumentation.} look in the attributes of the span's
 *       events, of its links, and of its instrumentation scope ({@link Scope}). A span has many events and links:
 *       their values of the key read like an array, so {@code event.exception.type=java.io.IOException} holds
 *       when one event has it and {@code !=} when none has. {@code event.name} also reads an event's name,
 *       {@code instrumentation.name} and {@code instrumentation.version} the scope's name and version, when no
 *       attribute of that name is there.</li>
 *   <li>A regular expression has at most {@value #MAX_REGEX_LENGTH} characters and may read at most
 *       {@value #MAX_REGEX_STEPS} characters while matching one value; an expression that backtracks beyond that
 *       (such as {@code (.*a){20}}) fails the query with an {@link InvalidParameterException} naming {@code attr},
 *       instead of running for hours.</li>
 * </ul>
 *
 * <pre>{@code
 * AttributeFilter slow = AttributeFilter.of("http.response.status_code", Operator.GREATER_OR_EQUAL, 500L);
 * AttributeFilter tenant = AttributeFilter.parse("tenant.id=42");
 * AttributeFilter host = AttributeFilter.parse("resource.host.name=~web-.*");
 * AttributeFilter failedCall = AttributeFilter.parse("event.exception.type=java.net.SocketTimeoutException");
 * }</pre>
 */
public final class AttributeFilter {

    /** How the attribute is compared with the value. */
    public enum Operator {
        /** {@code =}: equal to the value. */
        EQUALS("="),
        /** {@code !=}: not equal to the value, or absent. */
        NOT_EQUALS("!="),
        /** {@code >}: numerically greater. */
        GREATER_THAN(">"),
        /** {@code >=}: numerically greater or equal. */
        GREATER_OR_EQUAL(">="),
        /** {@code <}: numerically less. */
        LESS_THAN("<"),
        /** {@code <=}: numerically less or equal. */
        LESS_OR_EQUAL("<="),
        /** {@code =~}: a string attribute that the regular expression matches in full. */
        MATCHES("=~"),
        /** The attribute is present, whatever its value. */
        EXISTS(""),
        /** {@code !}key: the attribute is absent. */
        NOT_EXISTS("!");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        /** @return the operator as written in {@link #parse(String)} expressions */
        public String symbol() {
            return symbol;
        }

        boolean isOrdering() {
            return this == GREATER_THAN || this == GREATER_OR_EQUAL || this == LESS_THAN || this == LESS_OR_EQUAL;
        }
    }

    /** Where the key is looked up: the key's prefix, if any. */
    public enum Scope {
        /** No prefix: span attributes first, then resource attributes, then the other conventions' keys. */
        ANY(""),
        /** Span attributes only ({@code span.} prefix). */
        SPAN("span."),
        /** Resource attributes only ({@code resource.} prefix). */
        RESOURCE("resource."),
        /** The attributes of the span's events, and their names ({@code event.} prefix). */
        EVENT("event."),
        /** The attributes of the span's links ({@code link.} prefix). */
        LINK("link."),
        /** The span's instrumentation scope: its attributes, name and version ({@code instrumentation.} prefix). */
        INSTRUMENTATION("instrumentation.");

        private final String prefix;

        Scope(String prefix) {
            this.prefix = prefix;
        }

        /** @return the prefix that selects this scope in a key, {@code ""} for {@link #ANY} */
        public String prefix() {
            return prefix;
        }

        /** @return whether a key of this scope is read from the whole span, not its own and resource attributes */
        public boolean needsWholeSpan() {
            return this == EVENT || this == LINK || this == INSTRUMENTATION;
        }

        /**
         * @param qualifiedKey a key, perhaps with a scope prefix
         * @return the scope its prefix selects, {@link #ANY} without one
         */
        public static Scope of(String qualifiedKey) {
            for (Scope scope : values()) {
                if (scope != ANY && qualifiedKey.startsWith(scope.prefix)
                        && qualifiedKey.length() > scope.prefix.length()) {
                    return scope;
                }
            }
            return ANY;
        }
    }

    /** The longest regular expression accepted: anything longer is a mistake or an attack, not a query. */
    public static final int MAX_REGEX_LENGTH = 1000;

    /**
     * The most characters a regular expression may read while matching one value: a hundred passes over a value of
     * the default maximum length, far more than a sane expression needs, and about a millisecond of work.
     */
    public static final int MAX_REGEX_STEPS = 1_000_000;

    private final String key;
    private final Scope scope;
    private final Operator operator;
    private final List<Object> candidates;
    private final ValueMatcher matcher;
    private final ScopedLookup lookup;

    private AttributeFilter(String qualifiedKey, Operator operator, List<Object> candidates) {
        Objects.requireNonNull(qualifiedKey, "attribute key must not be null");
        Objects.requireNonNull(operator, "operator must not be null");
        this.scope = Scope.of(qualifiedKey);
        this.key = qualifiedKey.substring(scope.prefix().length());
        if (key.isBlank()) {
            throw new IllegalArgumentException("attr: the attribute key must not be blank");
        }
        this.operator = operator;
        this.candidates = List.copyOf(candidates);
        this.matcher = new ValueMatcher(operator, this.candidates);
        this.lookup = new ScopedLookup(scope, key);
    }

    /**
     * Tells whether a span satisfies this filter, by the rules in the class comment.
     *
     * @param span the span
     * @return {@code true} when the filter holds
     * @throws InvalidParameterException naming {@code attr} when a regular expression needs more than
     *     {@value #MAX_REGEX_STEPS} steps on one value, which only runaway backtracking does
     */
    public boolean matches(StoredSpan span) {
        return matches(span, RegexBudget.unlimited());
    }

    /**
     * Like {@link #matches(StoredSpan)}, counting what a regular expression reads against the query's budget.
     *
     * @param span the span
     * @param budget the query's regular-expression budget
     * @return {@code true} when the filter holds
     * @throws RegexBudget.Spent when the budget runs out while matching
     */
    public boolean matches(StoredSpan span, RegexBudget budget) {
        return matcher.matches(lookup.inSpan(span), budget);
    }

    /**
     * Tells whether a span's own and resource attributes satisfy this filter: enough for every filter whose
     * {@linkplain Scope#needsWholeSpan() scope} does not need the whole span.
     *
     * @param spanAttributes the span's attributes
     * @param resourceAttributes the attributes of the span's resource
     * @return {@code true} when the filter holds
     * @throws IllegalStateException for an {@code event.}, {@code link.} or {@code instrumentation.} filter
     * @throws InvalidParameterException naming {@code attr} for a runaway regular expression
     */
    public boolean matches(Attributes spanAttributes, Attributes resourceAttributes) {
        return matches(spanAttributes, resourceAttributes, RegexBudget.unlimited());
    }

    /**
     * Like {@link #matches(Attributes, Attributes)}, counting what a regular expression reads against the query's
     * budget.
     *
     * @param spanAttributes the span's attributes
     * @param resourceAttributes the attributes of the span's resource
     * @param budget the query's regular-expression budget
     * @return {@code true} when the filter holds
     * @throws IllegalStateException for an {@code event.}, {@code link.} or {@code instrumentation.} filter
     * @throws RegexBudget.Spent when the budget runs out while matching
     */
    public boolean matches(Attributes spanAttributes, Attributes resourceAttributes, RegexBudget budget) {
        if (scope.needsWholeSpan()) {
            throw new IllegalStateException(this + " reads the whole span: use matches(StoredSpan)");
        }
        return matcher.matches(lookup.in(spanAttributes, resourceAttributes), budget);
    }

    /**
     * Tells whether a span's instrumentation scope satisfies this {@code instrumentation.} filter, without the rest
     * of the span.
     *
     * @param scope the span's instrumentation scope
     * @param budget the query's regular-expression budget
     * @return {@code true} when the filter holds
     * @throws IllegalStateException for a filter of another scope
     */
    public boolean matches(InstrumentationScopeInfo scope, RegexBudget budget) {
        if (this.scope != Scope.INSTRUMENTATION) {
            throw new IllegalStateException(this + " does not read the instrumentation scope");
        }
        return matcher.matches(lookup.inScope(scope), budget);
    }

    /**
     * A filter comparing the attribute with one typed value.
     *
     * @param key the attribute key, optionally prefixed with a {@link Scope}'s prefix
     * @param operator any operator but {@code EXISTS} and {@code NOT_EXISTS}
     * @param value a {@link String}, {@link Long}, {@link Integer}, {@link Double}, {@link Float} or {@link Boolean}
     * @return the filter
     * @throws IllegalArgumentException when the value's type does not suit the operator
     */
    public static AttributeFilter of(String key, Operator operator, Object value) {
        return new AttributeFilter(key, operator, List.of(ValueMatcher.typed(value)));
    }

    /**
     * A filter that matches when the attribute equals the value.
     *
     * @param key the attribute key
     * @param value a string, long, double or boolean value
     * @return the filter
     */
    public static AttributeFilter equalTo(String key, Object value) {
        return of(key, Operator.EQUALS, value);
    }

    /**
     * A filter that matches spans that have the attribute.
     *
     * @param key the attribute key
     * @return the filter
     */
    public static AttributeFilter exists(String key) {
        return new AttributeFilter(key, Operator.EXISTS, List.of());
    }

    /**
     * A filter that matches spans that lack the attribute.
     *
     * @param key the attribute key
     * @return the filter
     */
    public static AttributeFilter notExists(String key) {
        return new AttributeFilter(key, Operator.NOT_EXISTS, List.of());
    }

    /**
     * Parses the text form used over HTTP and on the command line: {@code key=value}, {@code key!=value},
     * {@code key>value}, {@code key>=value}, {@code key<value}, {@code key<=value}, {@code key=~regex},
     * {@code key} (exists) and {@code !key} (does not exist). An unquoted value becomes every type it can be
     * read as (see the class comment); a value in double quotes is a string.
     *
     * @param expression the expression
     * @return the filter
     * @throws IllegalArgumentException with a message starting {@code attr:} when the expression is malformed
     */
    public static AttributeFilter parse(String expression) {
        AttributeFilterParser.Parsed parsed = AttributeFilterParser.parse(expression);
        return new AttributeFilter(parsed.key(), parsed.operator(), parsed.candidates());
    }

    /** @return the attribute key, without its scope prefix */
    public String key() {
        return key;
    }

    /** @return where the key is looked up */
    public Scope scope() {
        return scope;
    }

    /**
     * The keys that other HTTP conventions use for what this filter's key holds, read (in this order) when the span
     * has neither the key nor a resource attribute of that name: Micrometer's {@code status}, {@code uri},
     * {@code method}, {@code exception}, {@code http.url}, {@code client.name}, OpenTelemetry's semantic conventions
     * and their older names ({@code http.status_code}, {@code http.method}, {@code http.target}). Empty for a key
     * with a scope prefix, and for keys no convention renames.
     *
     * <pre>{@code
     * AttributeFilter.parse("http.route=/orders/{id}").aliasKeys();      // [uri]
     * AttributeFilter.parse("span.http.route=/orders/{id}").aliasKeys(); // []: exactly http.route
     * }</pre>
     *
     * @return the alias keys, read from the span's own attributes
     */
    public List<String> aliasKeys() {
        return lookup.aliases().stream().map(AttributeAliases.Alias::key).toList();
    }

    /**
     * Tells whether a value of an alias key (one of {@link #aliasKeys()}) can make this filter hold, as the alias
     * reads it: lets a store that indexes values by key collect the candidates of every name of the fact.
     *
     * @param aliasKey one of {@link #aliasKeys()}
     * @param storedValue a value recorded under that key
     * @return whether the filter holds for a span whose first present name is {@code aliasKey} with that value
     */
    public boolean aliasValueMatches(String aliasKey, Object storedValue) {
        for (AttributeAliases.Alias alias : lookup.aliases()) {
            if (alias.key().equals(aliasKey)) {
                Object read = alias.read().apply(storedValue);
                return read != null && matcher.matches(read, RegexBudget.unlimited());
            }
        }
        return false;
    }

    /** @return the comparison */
    public Operator operator() {
        return operator;
    }

    /** @return the typed candidate values (String, Long, Double or Boolean); empty for EXISTS and NOT_EXISTS */
    public List<Object> candidates() {
        return candidates;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AttributeFilter that && key.equals(that.key) && scope == that.scope
                && operator == that.operator && candidates.equals(that.candidates);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, scope, operator, candidates);
    }

    @Override
    public String toString() {
        return switch (operator) {
            case EXISTS -> scope.prefix() + key;
            case NOT_EXISTS -> "!" + scope.prefix() + key;
            default -> scope.prefix() + key + operator.symbol() + candidates.get(0);
        };
    }
}
