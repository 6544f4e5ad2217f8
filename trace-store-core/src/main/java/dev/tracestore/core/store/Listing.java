package dev.tracestore.core.store;

import dev.tracestore.core.query.AttributeFilter;
import io.opentelemetry.api.common.AttributeType;
import io.opentelemetry.api.trace.SpanKind;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What a store holds, listed for a user who must not guess names (the answers of {@link SpanStore#listServices},
 * {@link SpanStore#listOperations}, {@link SpanStore#listKeys} and {@link SpanStore#listValues}): services,
 * operations (span names with their kinds), attribute keys per scope with their types, and the values of a key,
 * each with the number of live spans that have it, over all stored spans or those that start in a time window.
 *
 * <pre>{@code
 * List<Listing.Service> services = store.listServices(Listing.Window.ALL);
 * List<Listing.Operation> operations = store.listOperations("shop", Listing.Window.lookback(Duration.ofHours(1)));
 * List<Listing.Key> eventKeys = store.listKeys(AttributeFilter.Scope.EVENT, Listing.Window.ALL);
 * SearchResult<Listing.Value> routes = store.listValues("http.route", "/orders", 10, Listing.Window.ALL);
 * }</pre>
 */
public final class Listing {

    private Listing() {
    }

    /**
     * The spans a listing counts: those whose start lies in {@code [from, to)}, or in {@code [now - lookback, now]};
     * every stored span when nothing is given.
     *
     * @param from the earliest start counted, or {@code null}
     * @param to the start before which spans are counted, or {@code null}
     * @param lookback how far back from now, or {@code null}; not with {@code from} or {@code to}
     */
    public record Window(Instant from, Instant to, Duration lookback) {

        /** Every stored span. */
        public static final Window ALL = new Window(null, null, null);

        /** Validates the combination. */
        public Window {
            if (lookback != null && (from != null || to != null)) {
                throw new IllegalArgumentException("lookback cannot be combined with from or to");
            }
            if (lookback != null && lookback.isNegative()) {
                throw new IllegalArgumentException("lookback must not be negative, but was " + lookback);
            }
            if (from != null && to != null && to.isBefore(from)) {
                throw new IllegalArgumentException("to must not be before from");
            }
        }

        /** @param lookback how far back from now @return the window */
        public static Window lookback(Duration lookback) {
            return new Window(null, null, Objects.requireNonNull(lookback, "lookback"));
        }

        /** @param from the earliest start @param to the start before which spans count @return the window */
        public static Window between(Instant from, Instant to) {
            return new Window(from, to, null);
        }

        /** @return whether the window holds every span */
        public boolean all() {
            return from == null && to == null && lookback == null;
        }
    }

    /**
     * A service: a {@code service.name} of the resources of stored spans ({@code ""} for spans without one).
     *
     * @param name the service name
     * @param spans how many spans of the window it has
     */
    public record Service(String name, long spans) {
    }

    /**
     * An operation of a service: a span name with a kind (one name may come with several kinds).
     *
     * @param name the span name
     * @param kind the span kind
     * @param spans how many spans of the window have both
     */
    public record Operation(String name, SpanKind kind, long spans) {
    }

    /**
     * An attribute key in one scope.
     *
     * @param scope {@code SPAN}, {@code RESOURCE}, {@code EVENT}, {@code LINK} or {@code INSTRUMENTATION}: prefix
     *     the key with its {@linkplain AttributeFilter.Scope#prefix() prefix} to search it there
     * @param key the key, without prefix ({@code name} of events and {@code name}, {@code version} of
     *     instrumentation scopes included)
     * @param types the types its values have
     * @param spans how many spans of the window have the key in that scope
     */
    public record Key(AttributeFilter.Scope scope, String key, Set<AttributeType> types, long spans) {

        /** Copies the types. */
        public Key {
            types = Set.copyOf(types);
        }
    }

    /**
     * A value of a key in one scope. Numbers that are whole are listed as longs ({@code 200.0} as {@code 200}),
     * as queries compare them; an array contributes each of its elements.
     *
     * @param scope where the key was found
     * @param value a String, Long, Double or Boolean
     * @param spans how many spans of the window have it
     */
    public record Value(AttributeFilter.Scope scope, Object value, long spans) {
    }
}
