package dev.tracestore.core.otel;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.data.SpanData;

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

    private static final SpanExclusions NONE = new SpanExclusions(List.of(), null, new String[0]);

    private final List<String> patterns;
    private final Pattern combined;
    /**
     * What each pattern starts with, up to its first {@code *}: a value that starts with none of them matches no
     * pattern, and most values (every path of the application's own requests) are told apart without a regex.
     */
    private final String[] literalPrefixes;

    private SpanExclusions(List<String> patterns, Pattern combined, String[] literalPrefixes) {
        this.patterns = patterns;
        this.combined = combined;
        this.literalPrefixes = literalPrefixes;
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
        String[] literalPrefixes = new String[patterns.size()];
        for (int i = 0; i < patterns.size(); i++) {
            String pattern = patterns.get(i);
            if (pattern == null || pattern.isBlank()) {
                throw new IllegalArgumentException("exclude patterns must not be blank, but were " + patterns);
            }
            String glob = pattern.strip();
            regex.append(regex.length() == 0 ? "" : "|").append(toRegex(glob));
            // a trailing /** also matches the path without it
            String body = glob.endsWith("/**") ? glob.substring(0, glob.length() - 3) : glob;
            int star = body.indexOf('*');
            literalPrefixes[i] = star < 0 ? body : body.substring(0, star);
        }
        return new SpanExclusions(List.copyOf(patterns), Pattern.compile(regex.toString()), literalPrefixes);
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
        if (matches(span.getName())) {
            return true;
        }
        for (AttributeKey<String> key : PATH_KEYS) {
            if (matches(span.getAttribute(key))) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@link #test(ReadableSpan)} for the span's data: its attributes are read without the span's lock.
     *
     * @return {@code true} when the span is excluded from the store
     */
    boolean test(SpanData span) {
        if (combined == null) {
            return false;
        }
        if (matches(span.getName())) {
            return true;
        }
        Attributes attributes = span.getAttributes();
        for (AttributeKey<String> key : PATH_KEYS) {
            if (matches(attributes.get(key))) {
                return true;
            }
        }
        return false;
    }

    private boolean matches(String value) {
        if (value == null) {
            return false;
        }
        for (String prefix : literalPrefixes) {
            if (value.startsWith(prefix)) {
                return combined.matcher(value).matches();
            }
        }
        return false;
    }
}
