package dev.tracestore.core.store;

import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.AttributeFilter.Scope;
import dev.tracestore.core.query.SpanPredicate;
import dev.tracestore.core.query.SpanQuery;
import io.opentelemetry.api.trace.SpanKind;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The listings of {@link SpanStore} over a stream of spans that no store holds (span files read once, by the command
 * line): the same services, operations, keys and values, by the same rules, counted as the spans go by. Only the
 * counts are kept, so any number of spans fits.
 *
 * <pre>{@code
 * StreamedListing listing = new StreamedListing(Listing.Window.lookback(Duration.ofHours(1)), clock, "http.route");
 * spans.forEach(listing::add);
 * List<Listing.Service> services = listing.services();
 * List<Listing.Value> routes = listing.values("", 10);
 * }</pre>
 */
public final class StreamedListing {

    private record Operation(String service, String name, SpanKind kind) {
    }

    private final SpanPredicate window;
    private final Map<String, Long> services = new HashMap<>();
    private final Map<Operation, Long> operations = new HashMap<>();
    private final KeyTally keys = new KeyTally();
    private final List<Scope> valueScopes;
    private final ValueTally values;

    /**
     * @param window the spans to count, by their start
     * @param clock the clock a look-back counts back from
     * @param valueKey the key whose values to count (with an optional scope prefix), or {@code null} for none
     */
    public StreamedListing(Listing.Window window, Clock clock, String valueKey) {
        this.window = SpanPredicate.of(query(window), clock.instant());
        Scope scope = valueKey == null ? Scope.ANY : Scope.of(valueKey);
        this.valueScopes = valueKey == null ? List.of()
                : scope == Scope.ANY ? List.of(Scope.SPAN, Scope.RESOURCE) : List.of(scope);
        this.values = new ValueTally(valueKey == null ? "" : valueKey.substring(scope.prefix().length()));
    }

    private static SpanQuery query(Listing.Window window) {
        SpanQuery.Builder query = SpanQuery.builder();
        if (window.from() != null) {
            query.from(window.from());
        }
        if (window.to() != null) {
            query.to(window.to());
        }
        if (window.lookback() != null) {
            query.lookback(window.lookback());
        }
        return query.build();
    }

    /** Counts a span, when it starts in the window. */
    public void add(StoredSpan span) {
        if (!window.test(span)) {
            return;
        }
        services.merge(span.serviceName(), 1L, Long::sum);
        operations.merge(new Operation(span.serviceName(), span.name(), span.kind()), 1L, Long::sum);
        keys.addSpan(span, List.of(Scope.SPAN, Scope.EVENT, Scope.LINK));
        keys.addAttributes(Scope.RESOURCE, span.resource().getAttributes(), 1);
        keys.addScope(span.scope(), 1);
        for (Scope scope : valueScopes) {
            values.addSpan(scope, span);
        }
    }

    /** @return as {@link SpanStore#listServices} */
    public List<Listing.Service> services() {
        List<Listing.Service> listed = new ArrayList<>();
        services.forEach((name, spans) -> listed.add(new Listing.Service(name, spans)));
        listed.sort(Comparator.comparing(Listing.Service::name));
        return listed;
    }

    /** @param service a service name @return as {@link SpanStore#listOperations} */
    public List<Listing.Operation> operations(String service) {
        List<Listing.Operation> listed = new ArrayList<>();
        operations.forEach((op, spans) -> {
            if (op.service().equals(service)) {
                listed.add(new Listing.Operation(op.name(), op.kind(), spans));
            }
        });
        listed.sort(Comparator.comparing(Listing.Operation::name).thenComparing(Listing.Operation::kind));
        return listed;
    }

    /** @param scope a scope, {@code ANY} for all @return as {@link SpanStore#listKeys} */
    public List<Listing.Key> keys(Scope scope) {
        return keys.keys().stream().filter(key -> scope == Scope.ANY || key.scope() == scope).toList();
    }

    /**
     * @param prefix the start of the values wanted
     * @param limit the most values to return
     * @return as {@link SpanStore#listValues}, for the key given at construction
     */
    public List<Listing.Value> values(String prefix, int limit) {
        return values.values(prefix, limit);
    }
}
