package dev.tracestore.core.internal;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.internal.ImmutableKeyValuePairs;

/**
 * {@link Attributes} whose keys arrive already in the order {@link Attributes#builder()} would sort them into: those
 * unpacked from a span record, and those read back from a span file (written sorted). It keeps its key-value array
 * as given, through the constructor OpenTelemetry's own {@code ImmutableKeyValuePairs} offers for sorted and
 * de-duplicated data, so reading skips the builder's copy, sort and de-duplication (~15 % of a {@code getTrace}).
 * Sharing that base class with the SDK's attributes keeps {@code equals} and {@code hashCode} the same in both
 * directions: an {@code Attributes} built by the SDK with the same pairs is equal to this one and has the same hash.
 * Internal to trace-store: shared by its packages, not an API.
 *
 * <pre>{@code
 * Attributes attributes = SortedAttributes.of(new Object[] {
 *         AttributeKey.stringKey("http.request.method"), "GET", AttributeKey.longKey("http.response.status_code"), 200L});
 * }</pre>
 */
public final class SortedAttributes extends ImmutableKeyValuePairs<AttributeKey<?>, Object> implements Attributes {

    private SortedAttributes(Object[] keysAndValues) {
        super(keysAndValues);
    }

    /**
     * @param keysAndValues key, value, key, value...; no key or value null, no key name empty
     * @return the attributes, without copying the array when its key names are strictly ascending (as the SDK
     *     sorts them); sorted and de-duplicated by the SDK's builder otherwise
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Attributes of(Object[] keysAndValues) {
        if (keysAndValues.length == 0) {
            return Attributes.empty();
        }
        // "" sorts first: the SDK drops an empty key, so its place is checked like an unsorted one
        String previous = "";
        for (int i = 0; i < keysAndValues.length; i += 2) {
            String key = ((AttributeKey<?>) keysAndValues[i]).getKey();
            if (previous.compareTo(key) >= 0) {
                AttributesBuilder builder = Attributes.builder();
                for (int j = 0; j < keysAndValues.length; j += 2) {
                    builder.put((AttributeKey) keysAndValues[j], keysAndValues[j + 1]);
                }
                return builder.build();
            }
            previous = key;
        }
        return new SortedAttributes(keysAndValues);
    }

    /**
     * @param keysAndValues key, value, key, value...; no key or value null, key names strictly ascending and not
     *     empty, which the caller has made sure of (the ingest worker sorts each shape of keys once)
     * @return the attributes, keeping the array without checking its order again
     */
    public static Attributes ofAscending(Object[] keysAndValues) {
        return keysAndValues.length == 0 ? Attributes.empty() : new SortedAttributes(keysAndValues);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(AttributeKey<T> key) {
        return (T) super.get(key);
    }

    @Override
    public AttributesBuilder toBuilder() {
        return Attributes.builder().putAll(this);
    }
}
