package dev.tracestore.core.query;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;

import java.util.List;
import java.util.Objects;

/**
 * Reads one attribute of a span the way an {@code attr=} filter finds it: in the span's attributes, then its
 * resource's, then under the other HTTP conventions' keys for the same fact ({@code http.route} is Micrometer's
 * {@code uri} on a default Spring Boot app; see docs/queries.md). Any type: the value as stored (a {@code String},
 * {@code Long}, {@code Double}, {@code Boolean} or a list of these), or {@code null} when absent.
 *
 * <pre>{@code
 * AttributeLookup route = AttributeLookup.of("http.route");
 * Object value = route.valueIn(span.attributes(), span.resource().getAttributes()); // "/orders/{id}"
 * }</pre>
 */
public final class AttributeLookup {

    private final String key;
    private final List<AttributeKey<?>> typedKeys;
    private final List<AttributeAliases.Alias> aliases;

    private AttributeLookup(String key) {
        this.key = key;
        this.typedKeys = AttributeAliases.typedKeys(key);
        this.aliases = AttributeAliases.of(key);
    }

    /**
     * @param key an attribute key, such as {@code http.route}
     * @return the lookup of that key
     * @throws IllegalArgumentException when the key is blank
     */
    public static AttributeLookup of(String key) {
        Objects.requireNonNull(key, "key must not be null");
        if (key.isBlank()) {
            throw new IllegalArgumentException("an attribute key must not be blank");
        }
        return new AttributeLookup(key);
    }

    /** @return the key looked up */
    public String key() {
        return key;
    }

    /**
     * @param spanAttributes the span's attributes
     * @param resourceAttributes its resource's attributes
     * @return the value under the key in the span, else in the resource, else under an alias in the span; or
     *     {@code null}
     */
    public Object valueIn(Attributes spanAttributes, Attributes resourceAttributes) {
        Object value = lookup(spanAttributes);
        if (value == null) {
            value = lookup(resourceAttributes);
        }
        for (int i = 0; value == null && i < aliases.size(); i++) {
            value = aliases.get(i).lookup(spanAttributes);
        }
        return value;
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

    @Override
    public String toString() {
        return "AttributeLookup{" + key + "}";
    }
}
