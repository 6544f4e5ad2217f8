package dev.tracestore.core.otel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Which attribute values are masked before a span reaches the store or the files. The key stays, its value becomes
 * {@value #MASK}, so a reader sees that something was there. Applied to the attributes of spans, their events and
 * their links (not to resource attributes, span names or status messages).
 *
 * <p>The rules:
 * <ol>
 *   <li><b>Terms match keys by words.</b> A key and a term are split into words at every character that is not a
 *       letter or digit and where a lower-case letter or digit meets an upper-case letter; case is ignored. A term
 *       matches a key that holds the term's words one after the other. So {@code api-key} matches {@code api_key},
 *       {@code x-api-key}, {@code apiKey} and {@code http.request.header.x-api-key}; {@code token} matches
 *       {@code access_token} and {@code http.request.header.x-csrf-token} but not {@code tokens} nor
 *       {@code gen_ai.usage.input_tokens}.</li>
 *   <li><b>A term with {@code *} is a pattern</b> over the whole key, case ignored, {@code *} standing for any
 *       characters: {@code http.request.header.*} masks every request header.</li>
 *   <li><b>Masking:</b> a string becomes {@value #MASK}, each element of a string array becomes {@value #MASK}, a
 *       value of another type (number, boolean) becomes the string {@value #MASK}.</li>
 *   <li><b>URLs:</b> in {@code url.full}, {@code url.original}, {@code http.url} (user-info and query),
 *       {@code http.target} and {@code url.query} (query), the user-info of a URL ({@code user:password@})
 *       becomes {@code ****@} (unless the defaults are turned off), and the value of each query or fragment parameter whose name matches a term, or one
 *       of the {@link #DEFAULT_QUERY_TERMS}, becomes {@value #MASK}: {@code ?user=bob&password=****}.</li>
 * </ol>
 * The default terms ({@link #DEFAULT_TERMS}) mask credentials under their usual names, such as the
 * {@code Authorization}, {@code Cookie} and {@code Set-Cookie} headers ({@code http.request.header.authorization}),
 * passwords, secrets, tokens and API keys. A secret inside another value (an exception message, a SQL statement)
 * is not found: mask such keys by name, or do not record them.
 *
 * <pre>{@code
 * Redaction redaction = Redaction.builder()
 *         .keys(List.of("ssn", "http.request.header.x-tenant-*"))  // in addition to the defaults
 *         .build();
 * FileBasedSpanProcessor processor = FileBasedSpanProcessor.builder(store).redact(redaction).build();
 * }</pre>
 */
public final class Redaction {

    /** What a masked value becomes. */
    public static final String MASK = "****";

    /** The terms of {@link #defaults()}: credentials under their usual attribute and header names. */
    public static final List<String> DEFAULT_TERMS = List.of("authorization", "cookie", "set-cookie", "password",
            "passwd", "secret", "token", "api-key", "apikey", "access-key", "private-key", "credential",
            "credentials");

    /**
     * Terms masked in URL query parameters only, on top of the key terms: signatures of pre-signed URLs and API
     * keys passed as {@code key=}. Not applied to attribute keys, where {@code key} names far more than secrets
     * ({@code messaging.kafka.message.key}).
     */
    public static final List<String> DEFAULT_QUERY_TERMS = List.of("sig", "signature", "key");

    /** Attributes holding a whole URL: user-info and query are redacted. */
    private static final Set<String> URL_KEYS = Set.of("url.full", "url.original", "http.url");
    /** Attributes holding a path and query, or a query alone. */
    private static final Set<String> TARGET_KEYS = Set.of("http.target");
    private static final Set<String> QUERY_KEYS = Set.of("url.query");

    private static final Pattern USER_INFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#]*@");

    /** Key rules are cached; keys are few in practice, and a flood of distinct keys only stops the caching. */
    private static final int CACHE_LIMIT = 4096;

    private static final Redaction NONE = new Redaction(List.of(), List.of(), List.of(), false);
    private static final Redaction DEFAULTS = builder().build();

    private final List<String> terms;
    private final KeyMatcher keyMatcher;
    private final KeyMatcher queryMatcher;
    private final boolean masksUserInfo;
    private final Map<String, KeyRule> rules = new ConcurrentHashMap<>();

    private Redaction(List<String> terms, List<String> keyTerms, List<String> queryTerms, boolean masksUserInfo) {
        this.terms = terms;
        this.masksUserInfo = masksUserInfo;
        this.keyMatcher = new KeyMatcher(keyTerms);
        this.queryMatcher = new KeyMatcher(queryTerms);
    }

    /** @return the default redaction: {@link #DEFAULT_TERMS} and {@link #DEFAULT_QUERY_TERMS} */
    public static Redaction defaults() {
        return DEFAULTS;
    }

    /** @return a redaction that masks nothing */
    public static Redaction none() {
        return NONE;
    }

    /** @return a builder that starts from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return every term applied to attribute keys, the defaults (when kept) first */
    public List<String> terms() {
        return terms;
    }

    /** What happens to the value of a key, decided once per key ({@link #ruleOf}). */
    enum KeyRule {
        /** Kept as it is. */
        KEEP,
        /** Masked whole. */
        MASK,
        /** A whole URL: user-info and query parameters are masked. */
        URL,
        /** A path and query: query parameters are masked. */
        TARGET,
        /** A query: its parameters are masked. */
        QUERY
    }

    /**
     * @param key an attribute key
     * @return what happens to its values; one lookup per attribute, so that a span whose keys no rule names costs
     *     no matching
     */
    KeyRule ruleOf(String key) {
        if (this == NONE) {
            return KeyRule.KEEP;
        }
        KeyRule cached = rules.get(key);
        if (cached != null) {
            return cached;
        }
        KeyRule rule = keyMatcher.matches(key) ? KeyRule.MASK
                : URL_KEYS.contains(key) ? KeyRule.URL
                : TARGET_KEYS.contains(key) ? KeyRule.TARGET
                : QUERY_KEYS.contains(key) ? KeyRule.QUERY
                : KeyRule.KEEP;
        if (rules.size() < CACHE_LIMIT) {
            rules.put(key, rule);
        }
        return rule;
    }

    /**
     * @param key an attribute key
     * @return {@code true} when the value of {@code key} is masked whole
     */
    boolean masksKey(String key) {
        return ruleOf(key) == KeyRule.MASK;
    }

    /**
     * @param key an attribute key whose value is not masked whole
     * @param value its string value
     * @return the value with the credentials of a URL masked, or {@code value} itself when there are none
     */
    String redactValue(String key, String value) {
        return redactValue(ruleOf(key), value);
    }

    /**
     * @param rule the {@link #ruleOf rule} of the value's key
     * @param value a string value of a key that is not masked whole
     * @return the value with the credentials of a URL masked, or {@code value} itself when there are none
     */
    String redactValue(KeyRule rule, String value) {
        return switch (rule) {
            case URL -> {
                String withoutUserInfo = masksUserInfo && value.indexOf('@') > 0
                        ? USER_INFO.matcher(value).replaceFirst("$1" + MASK + "@") : value;
                yield maskParameters(withoutUserInfo, firstOf(withoutUserInfo, '?', '#'));
            }
            case TARGET -> maskParameters(value, firstOf(value, '?', '#'));
            case QUERY -> maskParameters(value, 0);
            case KEEP, MASK -> value;
        };
    }

    private static int firstOf(String value, char a, char b) {
        int i = value.indexOf(a);
        int j = value.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }

    /** Masks the values of sensitive {@code name=value} parameters from {@code from} on, separated by & or #. */
    private String maskParameters(String value, int from) {
        if (from < 0) {
            return value;
        }
        StringBuilder masked = null;
        int copied = 0;
        int start = from;
        while (start < value.length()) {
            int end = start;
            while (end < value.length() && value.charAt(end) != '&' && value.charAt(end) != '#') {
                end++;
            }
            int equals = value.indexOf('=', start);
            if (equals > start && equals < end - 1
                    && queryMatcher.matches(stripLeading(value.substring(start, equals), '?'))) {
                if (masked == null) {
                    masked = new StringBuilder(value.length());
                }
                masked.append(value, copied, equals + 1).append(MASK);
                copied = end;
            }
            start = end + 1;
        }
        return masked == null ? value : masked.append(value, copied, value.length()).toString();
    }

    private static String stripLeading(String text, char c) {
        return !text.isEmpty() && text.charAt(0) == c ? text.substring(1) : text;
    }

    @Override
    public String toString() {
        return "Redaction" + terms;
    }

    /** Matches keys against word terms and {@code *} patterns, by the rules of the class comment. */
    private static final class KeyMatcher {
        private final List<String> words;
        private final Pattern patterns;

        KeyMatcher(List<String> terms) {
            List<String> wordTerms = new ArrayList<>();
            StringBuilder regex = new StringBuilder();
            for (String term : terms) {
                if (term.indexOf('*') >= 0) {
                    regex.append(regex.length() == 0 ? "" : "|").append(globToRegex(term));
                } else {
                    wordTerms.add(words(term));
                }
            }
            this.words = List.copyOf(wordTerms);
            this.patterns = regex.length() == 0 ? null
                    : Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        }

        boolean matches(String key) {
            if (!words.isEmpty()) {
                String keyWords = words(key);
                for (String term : words) {
                    if (keyWords.contains(term)) {
                        return true;
                    }
                }
            }
            return patterns != null && patterns.matcher(key).matches();
        }

        private static String globToRegex(String glob) {
            StringBuilder regex = new StringBuilder("(?:");
            int start = 0;
            for (int star = glob.indexOf('*'); star >= 0; star = glob.indexOf('*', start)) {
                if (star > start) {
                    regex.append(Pattern.quote(glob.substring(start, star)));
                }
                regex.append(".*");
                start = star + 1;
            }
            if (start < glob.length()) {
                regex.append(Pattern.quote(glob.substring(start)));
            }
            return regex.append(')').toString();
        }
    }

    /**
     * The words of a key or term, lower-cased, each followed and the first preceded by a space: {@code " x api key "}
     * for {@code X-Api-Key}, so that {@link String#contains} finds whole words in order.
     */
    static String words(String text) {
        StringBuilder words = new StringBuilder(text.length() + 2).append(' ');
        char previous = ' ';
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                if (Character.isUpperCase(c) && (Character.isLowerCase(previous) || Character.isDigit(previous))) {
                    words.append(' ');
                }
                words.append(Character.toLowerCase(c));
            } else if (words.charAt(words.length() - 1) != ' ') {
                words.append(' ');
            }
            previous = c;
        }
        if (words.charAt(words.length() - 1) != ' ') {
            words.append(' ');
        }
        return words.toString();
    }

    /** Configures a {@link Redaction}; every term is validated when given. */
    public static final class Builder {
        private final Set<String> terms = new LinkedHashSet<>();
        private boolean defaults = true;

        private Builder() {
        }

        /**
         * Adds terms: words (such as {@code ssn} or {@code x-tenant-secret}) or {@code *} patterns over the
         * whole key (such as {@code http.request.header.*}). They also mask URL query parameters of that name.
         *
         * @param keys the terms
         * @return this
         * @throws IllegalArgumentException naming a blank term, or one with neither letter nor digit (such as
         *     {@code *}, which would mask every attribute)
         */
        public Builder keys(Collection<String> keys) {
            Objects.requireNonNull(keys, "keys must not be null");
            for (String key : keys) {
                terms.add(validate(key));
            }
            return this;
        }

        /**
         * @param defaults whether to keep {@link #DEFAULT_TERMS} and {@link #DEFAULT_QUERY_TERMS}; {@code true} by
         *     default, {@code false} masks only the terms given to {@link #keys}
         * @return this
         */
        public Builder defaults(boolean defaults) {
            this.defaults = defaults;
            return this;
        }

        private static String validate(String term) {
            if (term == null || term.isBlank()) {
                throw new IllegalArgumentException("redact terms must not be blank, but one was '" + term + "'");
            }
            String stripped = term.strip();
            if (stripped.chars().noneMatch(Character::isLetterOrDigit)) {
                throw new IllegalArgumentException("redact term '" + term + "' must contain a letter or digit; "
                        + "a term such as '*' would mask every attribute");
            }
            return stripped;
        }

        /** @return the redaction */
        public Redaction build() {
            List<String> keyTerms = new ArrayList<>(defaults ? DEFAULT_TERMS : List.of());
            terms.stream().filter(term -> !keyTerms.contains(term)).forEach(keyTerms::add);
            if (keyTerms.isEmpty()) {
                return NONE;
            }
            List<String> queryTerms = new ArrayList<>(keyTerms);
            if (defaults) {
                queryTerms.addAll(DEFAULT_QUERY_TERMS);
            }
            return new Redaction(List.copyOf(keyTerms), keyTerms, queryTerms, defaults);
        }
    }
}
