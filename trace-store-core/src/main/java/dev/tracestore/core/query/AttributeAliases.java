package dev.tracestore.core.query;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The keys under which the HTTP conventions record the same fact, so that a query asks one way whichever convention
 * wrote the span: Micrometer's defaults (Spring Boot without an OpenTelemetry convention: {@code status},
 * {@code uri}, {@code method}, {@code exception}, {@code http.url}, {@code client.name}), OpenTelemetry's semantic
 * conventions (Spring's OpenTelemetry conventions, Boot 4.1's {@code management.observations.conventions=opentelemetry},
 * the OpenTelemetry Java agent) and the older semantic conventions of earlier agents ({@code http.status_code},
 * {@code http.method}, {@code http.target}, {@code net.peer.name}).
 *
 * <p>Each alias names another key and how its value reads as the queried key's: Micrometer writes status codes as
 * text ({@code "500"}), which reads as the number 500 when asked for as {@code http.response.status_code}, the type
 * the semantic conventions give it; values that mean "no value" in one convention ({@code uri=none} on a client
 * span, Micrometer's {@code status=CLIENT_ERROR}) read as absent. The table is in docs/queries.md.
 */
final class AttributeAliases {

    /** Another key holding the same fact, and how its value reads as the queried key's ({@code null}: absent). */
    record Alias(String key, UnaryOperator<Object> read, List<AttributeKey<?>> typedKeys) {

        Alias(String key, UnaryOperator<Object> read) {
            this(key, read, AttributeAliases.typedKeys(key));
        }

        /** @return the value of this key in {@code attributes}, read as the queried key's, or {@code null} */
        Object lookup(Attributes attributes) {
            for (AttributeKey<?> typedKey : typedKeys) {
                Object value = attributes.get(typedKey);
                if (value != null) {
                    return read.apply(value);
                }
            }
            return null;
        }
    }

    private static final Pattern STATUS_CODE = Pattern.compile("\\d{3}");

    private static final UnaryOperator<Object> SAME = value -> value;
    /** Micrometer's {@code status} as a status code: "500" is 500; UNKNOWN, CLIENT_ERROR, IO_ERROR are no code. */
    private static final UnaryOperator<Object> CODE_AS_NUMBER = value -> value instanceof String text
            ? (STATUS_CODE.matcher(text).matches() ? (Object) Long.parseLong(text) : null) : value;
    /** A status code as Micrometer writes it: text. */
    private static final UnaryOperator<Object> CODE_AS_TEXT = value -> value instanceof Long code ? code.toString() : value;
    /** Micrometer's client {@code uri} is {@code none} when the request had no URI template. */
    private static final UnaryOperator<Object> TEMPLATE = value -> "none".equals(value) ? null : value;
    /** Micrometer's server {@code http.url} is the path; its client {@code http.url} (and the old one) the full URL. */
    private static final UnaryOperator<Object> PATH_OF_URL = value -> value instanceof String text
            && text.startsWith("/") ? withoutQuery(text) : null;
    private static final UnaryOperator<Object> PATH_OF_TARGET = value -> value instanceof String text
            ? withoutQuery(text) : value;
    private static final UnaryOperator<Object> FULL_URL = value -> value instanceof String text
            && text.contains("://") ? value : null;

    private static final Map<String, List<Alias>> ALIASES = Map.ofEntries(
            Map.entry("http.response.status_code", List.of(new Alias("status", CODE_AS_NUMBER),
                    new Alias("http.status_code", SAME))),
            Map.entry("http.status_code", List.of(new Alias("http.response.status_code", SAME),
                    new Alias("status", CODE_AS_NUMBER))),
            Map.entry("status", List.of(new Alias("http.response.status_code", CODE_AS_TEXT),
                    new Alias("http.status_code", CODE_AS_TEXT))),
            Map.entry("http.route", List.of(new Alias("uri", TEMPLATE))),
            Map.entry("uri", List.of(new Alias("http.route", SAME))),
            Map.entry("http.request.method", List.of(new Alias("method", SAME), new Alias("http.method", SAME))),
            Map.entry("http.method", List.of(new Alias("http.request.method", SAME), new Alias("method", SAME))),
            Map.entry("method", List.of(new Alias("http.request.method", SAME), new Alias("http.method", SAME))),
            Map.entry("error.type", List.of(new Alias("exception", SAME))),
            Map.entry("exception", List.of(new Alias("error.type", SAME))),
            Map.entry("url.path", List.of(new Alias("http.url", PATH_OF_URL), new Alias("http.target", PATH_OF_TARGET))),
            Map.entry("url.full", List.of(new Alias("http.url", FULL_URL))),
            Map.entry("http.url", List.of(new Alias("url.path", SAME), new Alias("url.full", SAME))),
            Map.entry("http.target", List.of(new Alias("url.path", SAME))),
            Map.entry("server.address", List.of(new Alias("client.name", SAME), new Alias("net.peer.name", SAME))),
            Map.entry("client.name", List.of(new Alias("server.address", SAME), new Alias("net.peer.name", SAME))),
            Map.entry("net.peer.name", List.of(new Alias("server.address", SAME), new Alias("client.name", SAME))));

    private AttributeAliases() {
    }

    /** @return the other keys that hold what {@code key} holds, in the order they are read; empty for most keys */
    static List<Alias> of(String key) {
        return ALIASES.getOrDefault(key, List.of());
    }

    static List<AttributeKey<?>> typedKeys(String key) {
        return List.of(AttributeKey.stringKey(key), AttributeKey.longKey(key), AttributeKey.doubleKey(key),
                AttributeKey.booleanKey(key), AttributeKey.stringArrayKey(key), AttributeKey.longArrayKey(key),
                AttributeKey.doubleArrayKey(key), AttributeKey.booleanArrayKey(key));
    }

    private static String withoutQuery(String target) {
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }
}
