package dev.tracestore.core.query;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

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

    /** Where the key is looked up. */
    public enum Scope {
        /** Span attributes first, then resource attributes. */
        ANY,
        /** Span attributes only ({@code span.} prefix). */
        SPAN,
        /** Resource attributes only ({@code resource.} prefix). */
        RESOURCE
    }

    /** Operators in the order {@link #parse(String)} tries them: longer symbols first. */
    private static final List<Operator> PARSE_ORDER = List.of(Operator.NOT_EQUALS, Operator.GREATER_OR_EQUAL,
            Operator.LESS_OR_EQUAL, Operator.MATCHES, Operator.EQUALS, Operator.GREATER_THAN, Operator.LESS_THAN);

    /** The longest regular expression accepted: anything longer is a mistake or an attack, not a query. */
    public static final int MAX_REGEX_LENGTH = 1000;

    /**
     * The most characters a regular expression may read while matching one value: a hundred passes over a value of
     * the default maximum length, far more than a sane expression needs, and about a millisecond of work.
     */
    public static final int MAX_REGEX_STEPS = 1_000_000;

    private static final Pattern LONG = Pattern.compile("-?\\d{1,19}");
    private static final Pattern DOUBLE = Pattern.compile("-?(\\d+\\.\\d*|\\.\\d+|\\d+)([eE][-+]?\\d+)?");

    private final String key;
    private final Scope scope;
    private final Operator operator;
    private final List<Object> candidates;
    private final Pattern pattern;
    private final List<AttributeKey<?>> typedKeys;
    private final List<AttributeAliases.Alias> aliases;

    private AttributeFilter(String qualifiedKey, Operator operator, List<Object> candidates) {
        Objects.requireNonNull(qualifiedKey, "attribute key must not be null");
        Objects.requireNonNull(operator, "operator must not be null");
        if (qualifiedKey.startsWith("span.") && qualifiedKey.length() > 5) {
            this.scope = Scope.SPAN;
            this.key = qualifiedKey.substring(5);
        } else if (qualifiedKey.startsWith("resource.") && qualifiedKey.length() > 9) {
            this.scope = Scope.RESOURCE;
            this.key = qualifiedKey.substring(9);
        } else {
            this.scope = Scope.ANY;
            this.key = qualifiedKey;
        }
        if (key.isBlank()) {
            throw new IllegalArgumentException("attr: the attribute key must not be blank");
        }
        this.operator = operator;
        this.candidates = List.copyOf(candidates);
        this.pattern = validate();
        this.typedKeys = AttributeAliases.typedKeys(key);
        this.aliases = scope == Scope.ANY ? AttributeAliases.of(key) : List.of();
    }

    /**
     * Tells whether a span's attributes satisfy this filter, by the rules in the class comment.
     *
     * @param spanAttributes the span's attributes
     * @param resourceAttributes the attributes of the span's resource
     * @return {@code true} when the filter holds
     * @throws InvalidParameterException naming {@code attr} when a regular expression needs more than
     *     {@value #MAX_REGEX_STEPS} steps on one value, which only runaway backtracking does
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
     * @throws RegexBudget.Spent when the budget runs out while matching
     */
    public boolean matches(Attributes spanAttributes, Attributes resourceAttributes, RegexBudget budget) {
        Object value = switch (scope) {
            case SPAN -> lookup(spanAttributes);
            case RESOURCE -> lookup(resourceAttributes);
            case ANY -> {
                Object own = lookup(spanAttributes);
                if (own == null) {
                    own = lookup(resourceAttributes);
                }
                for (int i = 0; own == null && i < aliases.size(); i++) {
                    own = aliases.get(i).lookup(spanAttributes);
                }
                yield own;
            }
        };
        return switch (operator) {
            case EXISTS -> value != null;
            case NOT_EXISTS -> value == null;
            case NOT_EQUALS -> value == null || !anyElementMatches(value, Operator.EQUALS, budget);
            default -> value != null && anyElementMatches(value, operator, budget);
        };
    }

    private Object lookup(Attributes attributes) {
        for (AttributeKey<?> typedKey : typedKeys) {
            Object value = attributes.get(typedKey);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private boolean anyElementMatches(Object value, Operator comparison, RegexBudget budget) {
        if (value instanceof List<?> elements) {
            for (Object element : elements) {
                if (elementMatches(element, comparison, budget)) {
                    return true;
                }
            }
            return false;
        }
        return elementMatches(value, comparison, budget);
    }

    private boolean elementMatches(Object element, Operator comparison, RegexBudget budget) {
        if (comparison == Operator.MATCHES) {
            return element instanceof String text && matchesRegex(text, budget);
        }
        for (Object candidate : candidates) {
            if (candidateMatches(element, candidate, comparison)) {
                return true;
            }
        }
        return false;
    }

    private boolean matchesRegex(String text, RegexBudget budget) {
        try {
            return pattern.matcher(new BoundedText(text, MAX_REGEX_STEPS, budget)).matches();
        } catch (BoundedText.BudgetExceeded e) {
            throw new InvalidParameterException("attr", "attr: the regular expression '" + abbreviate(pattern.pattern())
                    + "' needs more than " + MAX_REGEX_STEPS + " steps to match a stored value of " + text.length()
                    + " characters; simplify it (repeated groups such as (.*a){20} backtrack without end)");
        }
    }

    private static boolean candidateMatches(Object element, Object candidate, Operator comparison) {
        if (candidate instanceof Number expected) {
            Number actual = element instanceof Number number ? number
                    : comparison.isOrdering() && element instanceof String text ? numberIn(text) : null;
            if (actual == null || isNaN(actual) || isNaN(expected)) {
                return false;
            }
            int order = compareNumbers(actual, expected);
            return switch (comparison) {
                case EQUALS -> order == 0;
                case GREATER_THAN -> order > 0;
                case GREATER_OR_EQUAL -> order >= 0;
                case LESS_THAN -> order < 0;
                case LESS_OR_EQUAL -> order <= 0;
                default -> false;
            };
        }
        return comparison == Operator.EQUALS && candidate.equals(element);
    }

    /** Spring's HTTP observations record numbers such as status codes as strings; ordering still applies. */
    private static Number numberIn(String text) {
        if (LONG.matcher(text).matches()) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException tooLarge) {
                return Double.parseDouble(text);
            }
        }
        return DOUBLE.matcher(text).matches() ? Double.parseDouble(text) : null;
    }

    private static boolean isNaN(Object number) {
        return number instanceof Double d && d.isNaN();
    }

    /** Compares exactly when both are longs, numerically as doubles otherwise (neither is NaN here). */
    private static int compareNumbers(Number actual, Number expected) {
        if (actual instanceof Long a && expected instanceof Long e) {
            return Long.compare(a, e);
        }
        return Double.compare(actual.doubleValue() + 0.0, expected.doubleValue() + 0.0);
    }

    /**
     * A filter comparing the attribute with one typed value.
     *
     * @param key the attribute key, optionally prefixed with {@code span.} or {@code resource.}
     * @param operator any operator but {@code EXISTS} and {@code NOT_EXISTS}
     * @param value a {@link String}, {@link Long}, {@link Integer}, {@link Double}, {@link Float} or {@link Boolean}
     * @return the filter
     * @throws IllegalArgumentException when the value's type does not suit the operator
     */
    public static AttributeFilter of(String key, Operator operator, Object value) {
        return new AttributeFilter(key, operator, List.of(normalize(value)));
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
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("attr must be key=value, key!=value, key>value, key>=value, "
                    + "key<value, key<=value, key=~regex, key or !key, but was empty");
        }
        String text = expression.strip();
        for (Operator operator : PARSE_ORDER) {
            int at = text.indexOf(operator.symbol());
            if (at > 0 && !containsEarlierOperator(text, at)) {
                String key = text.substring(0, at).strip();
                String value = text.substring(at + operator.symbol().length());
                return new AttributeFilter(key, operator, operator == Operator.MATCHES ? List.of(value)
                        : readCandidates(value, operator));
            }
        }
        String key = text.startsWith("!") ? text.substring(1).strip() : text;
        if (key.isEmpty() || key.chars().anyMatch(c -> c == '=' || c == '<' || c == '>' || c == '!')) {
            throw new IllegalArgumentException("attr must be key=value, key!=value, key>value, key>=value, "
                    + "key<value, key<=value, key=~regex, key or !key, but was '" + abbreviate(text) + "'");
        }
        return text.startsWith("!") ? notExists(key) : exists(key);
    }

    private static boolean containsEarlierOperator(String text, int at) {
        for (int i = 0; i < at; i++) {
            char c = text.charAt(i);
            if (c == '=' || c == '<' || c == '>' || (c == '!' && i > 0)) {
                return true;
            }
        }
        return false;
    }

    private static List<Object> readCandidates(String raw, Operator operator) {
        if (raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"")) {
            return List.of(raw.substring(1, raw.length() - 1));
        }
        if (operator.isOrdering()) {
            return List.of(readNumber(raw, operator));
        }
        if (raw.equals("true") || raw.equals("false")) {
            return List.of(Boolean.parseBoolean(raw), raw);
        }
        if (LONG.matcher(raw).matches()) {
            try {
                return List.of(Long.parseLong(raw), raw);
            } catch (NumberFormatException tooLarge) {
                return List.of(Double.parseDouble(raw), raw);
            }
        }
        if (DOUBLE.matcher(raw).matches()) {
            return List.of(Double.parseDouble(raw), raw);
        }
        return List.of(raw);
    }

    private static Object readNumber(String raw, Operator operator) {
        String text = raw.strip();
        if (LONG.matcher(text).matches()) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException tooLarge) {
                return Double.parseDouble(text);
            }
        }
        if (DOUBLE.matcher(text).matches()) {
            return Double.parseDouble(text);
        }
        throw new IllegalArgumentException("attr: operator " + operator.symbol()
                + " needs a number, but the value was '" + abbreviate(raw) + "'");
    }

    private static Object normalize(Object value) {
        if (value instanceof Integer i) {
            return i.longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof String || value instanceof Long || value instanceof Double || value instanceof Boolean) {
            return value;
        }
        throw new IllegalArgumentException("attr: a value must be a String, Long, Double or Boolean, but was "
                + (value == null ? "null" : value.getClass().getName()));
    }

    private Pattern validate() {
        switch (operator) {
            case EXISTS, NOT_EXISTS -> {
                return null;
            }
            case MATCHES -> {
                if (!(candidates.get(0) instanceof String regex)) {
                    throw new IllegalArgumentException("attr: operator =~ needs a regular expression string");
                }
                if (regex.length() > MAX_REGEX_LENGTH) {
                    throw new IllegalArgumentException("attr: a regular expression may have at most "
                            + MAX_REGEX_LENGTH + " characters, but had " + regex.length());
                }
                try {
                    return Pattern.compile(regex);
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException("attr: '" + abbreviate(regex)
                            + "' is not a valid regular expression: " + e.getDescription());
                }
            }
            default -> {
                if (operator.isOrdering() && !(candidates.get(0) instanceof Number)) {
                    throw new IllegalArgumentException("attr: operator " + operator.symbol() + " needs a number");
                }
                return null;
            }
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 100 ? text.substring(0, 100) + "..." : text;
    }

    /** @return the attribute key, without a {@code span.} or {@code resource.} prefix */
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
     * pinned with {@code span.} or {@code resource.}, and for keys no convention renames.
     *
     * <pre>{@code
     * AttributeFilter.parse("http.route=/orders/{id}").aliasKeys();      // [uri]
     * AttributeFilter.parse("span.http.route=/orders/{id}").aliasKeys(); // []: exactly http.route
     * }</pre>
     *
     * @return the alias keys; a store that indexes values by key must not answer such a filter from one key's list
     */
    public List<String> aliasKeys() {
        return aliases.stream().map(AttributeAliases.Alias::key).toList();
    }

    /** @return the comparison */
    public Operator operator() {
        return operator;
    }

    /** @return the typed candidate values (String, Long, Double or Boolean); empty for EXISTS and NOT_EXISTS */
    public List<Object> candidates() {
        return candidates;
    }

    /** @return the compiled regular expression of a {@code MATCHES} filter, otherwise {@code null} */
    Pattern pattern() {
        return pattern;
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
        String prefix = switch (scope) {
            case ANY -> "";
            case SPAN -> "span.";
            case RESOURCE -> "resource.";
        };
        return switch (operator) {
            case EXISTS -> prefix + key;
            case NOT_EXISTS -> "!" + prefix + key;
            default -> prefix + key + operator.symbol() + candidates.get(0);
        };
    }
}
