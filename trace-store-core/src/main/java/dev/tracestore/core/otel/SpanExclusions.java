package dev.tracestore.core.otel;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.ReadableSpan;

import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Spans not to store, by span name or URL path patterns. A pattern matches the span name, or the value of
 * {@code http.route}, {@code url.path}, {@code uri} or {@code http.url} (OpenTelemetry's and Micrometer's
 * names for the server route and path), in full. In a pattern {@code *} stands for any characters but
 * {@code /}, {@code **} for any characters, and a trailing {@code /**} also matches the path without it.
 *
 * <pre>{@code
 * SpanExclusions exclusions = SpanExclusions.of(List.of("/actuator/traces/**", "health check"));
 * FileBasedSpanProcessor processor = FileBasedSpanProcessor.builder(store).exclude(exclusions).build();
 * }</pre>
 */
public final class SpanExclusions implements Predicate<ReadableSpan> {

    private static final List<AttributeKey<String>> PATH_KEYS = List.of(AttributeKey.stringKey("http.route"),
            AttributeKey.stringKey("url.path"), AttributeKey.stringKey("uri"), AttributeKey.stringKey("http.url"));

    private static final SpanExclusions NONE = new SpanExclusions(List.of(), null);

    private final List<String> patterns;
    private final Pattern combined;

    private SpanExclusions(List<String> patterns, Pattern combined) {
        this.patterns = patterns;
        this.combined = combined;
    }

    /** @return exclusions that exclude nothing */
    public static SpanExclusions none() {
        return NONE;
    }

    /**
     * @param patterns span name or URL path patterns; blank patterns are refused
     * @return the exclusions
     * @throws IllegalArgumentException naming the blank pattern
     */
    public static SpanExclusions of(List<String> patterns) {
        Objects.requireNonNull(patterns, "patterns must not be null");
        if (patterns.isEmpty()) {
            return NONE;
        }
        StringBuilder regex = new StringBuilder();
        for (String pattern : patterns) {
            if (pattern == null || pattern.isBlank()) {
                throw new IllegalArgumentException("exclude patterns must not be blank, but were " + patterns);
            }
            regex.append(regex.length() == 0 ? "" : "|").append(toRegex(pattern.strip()));
        }
        return new SpanExclusions(List.copyOf(patterns), Pattern.compile(regex.toString()));
    }

    private static String toRegex(String glob) {
        StringBuilder regex = new StringBuilder("(?:");
        String body = glob;
        boolean anyTail = glob.endsWith("/**");
        if (anyTail) {
            body = glob.substring(0, glob.length() - 3);
        }
        int i = 0;
        while (i < body.length()) {
            if (body.startsWith("**", i)) {
                regex.append(".*");
                i += 2;
            } else if (body.charAt(i) == '*') {
                regex.append("[^/]*");
                i++;
            } else {
                int next = body.indexOf('*', i);
                int end = next < 0 ? body.length() : next;
                regex.append(Pattern.quote(body.substring(i, end)));
                i = end;
            }
        }
        if (anyTail) {
            regex.append("(?:/.*)?");
        }
        return regex.append(')').toString();
    }

    /** @return the patterns as given */
    public List<String> patterns() {
        return patterns;
    }

    /**
     * @param span an ended span
     * @return {@code true} when the span is excluded from the store
     */
    @Override
    public boolean test(ReadableSpan span) {
        if (combined == null) {
            return false;
        }
        if (combined.matcher(span.getName()).matches()) {
            return true;
        }
        for (AttributeKey<String> key : PATH_KEYS) {
            String value = span.getAttribute(key);
            if (value != null && combined.matcher(value).matches()) {
                return true;
            }
        }
        return false;
    }
}
