package dev.tracestore.autoconfigure;

import dev.tracestore.core.store.Listing;
import dev.tracestore.core.store.SearchResult;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;

import java.util.List;
import java.util.Locale;

/**
 * The answers of the listing routes ({@code /actuator/traces/services}, {@code .../services/{service}/operations},
 * {@code /actuator/traces/keys}, {@code .../keys/{key}/values}): what the store holds, each with its span count, and
 * whether the answer is complete.
 *
 * <pre>{@code
 * {"services": [{"name": "orders", "spans": 1200}], "partial": false, "reloading": false}
 * {"service": "orders", "operations": [{"name": "GET /orders/{id}", "kind": "server", "spans": 800}], ...}
 * {"keys": [{"scope": "event", "key": "exception.type", "types": ["string"], "spans": 12}], ...}
 * {"key": "http.route", "values": [{"scope": "span", "value": "/orders/{id}", "spans": 800}], ...}
 * }</pre>
 */
public final class ListingDescriptors {

    private ListingDescriptors() {
    }

    /**
     * The services.
     *
     * @param services each service name with its span count, by name
     * @param partial whether a window's scan stopped early (its time budget ran out)
     * @param partialReason why; absent when complete
     * @param reloading {@code true} while the span files are read back after a start
     */
    public record Services(List<Listing.Service> services, boolean partial, @Nullable String partialReason,
            boolean reloading) implements OperationResponseBody {

        static Services of(SearchResult<Listing.Service> found, boolean reloading) {
            return new Services(found.items(), found.partial(), found.truncatedReason(), reloading);
        }
    }

    /**
     * The operations of one service.
     *
     * @param service the service
     * @param operations span names with their kinds ({@code server}, {@code client}...) and span counts
     * @param partial whether a window's scan stopped early
     * @param partialReason why; absent when complete
     * @param reloading {@code true} while the span files are read back after a start
     */
    public record Operations(String service, List<Operation> operations, boolean partial,
            @Nullable String partialReason, boolean reloading) implements OperationResponseBody {

        static Operations of(String service, SearchResult<Listing.Operation> found, boolean reloading) {
            return new Operations(service, found.items().stream().map(op -> new Operation(op.name(),
                    lower(op.kind()), op.spans())).toList(), found.partial(), found.truncatedReason(), reloading);
        }
    }

    /**
     * One operation.
     *
     * @param name the span name
     * @param kind the span kind in lower case
     * @param spans how many spans have both
     */
    public record Operation(String name, String kind, long spans) {
    }

    /**
     * The attribute keys.
     *
     * @param keys each key with its scope, types (lower case) and span count
     * @param partial whether a window's scan stopped early
     * @param partialReason why; absent when complete
     * @param reloading {@code true} while the span files are read back after a start
     */
    public record Keys(List<Key> keys, boolean partial, @Nullable String partialReason, boolean reloading)
            implements OperationResponseBody {

        static Keys of(SearchResult<Listing.Key> found, boolean reloading) {
            return new Keys(found.items().stream().map(key -> new Key(lower(key.scope()), key.key(),
                    key.types().stream().map(ListingDescriptors::lower).sorted().toList(), key.spans())).toList(),
                    found.partial(), found.truncatedReason(), reloading);
        }
    }

    /**
     * One key.
     *
     * @param scope {@code span}, {@code resource}, {@code event}, {@code link} or {@code instrumentation}
     * @param key the key; {@code attr=<scope>.<key>} searches it
     * @param types the types of its values
     * @param spans how many spans have it
     */
    public record Key(String scope, String key, List<String> types, long spans) {
    }

    /**
     * The most frequent values of a key.
     *
     * @param key the key as asked
     * @param values each value with its scope and span count, most spans first
     * @param partial whether they were counted over part of the spans only (a key with very many values, or a
     *     window's scan that ran out of time)
     * @param partialReason why; absent when complete
     * @param reloading {@code true} while the span files are read back after a start
     */
    public record Values(String key, List<Value> values, boolean partial, @Nullable String partialReason,
            boolean reloading) implements OperationResponseBody {

        static Values of(String key, SearchResult<Listing.Value> found, boolean reloading) {
            return new Values(key, found.items().stream().map(value -> new Value(lower(value.scope()),
                    value.value(), value.spans())).toList(), found.partial(), found.truncatedReason(), reloading);
        }
    }

    /**
     * One value.
     *
     * @param scope where the key has it
     * @param value a string, number or boolean
     * @param spans how many spans have it
     */
    public record Value(String scope, Object value, long spans) {
    }

    private static String lower(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }
}
