package dev.tracestore.autoconfigure;

import dev.tracestore.core.query.InvalidParameterException;
import dev.tracestore.core.query.QueryParameters;
import dev.tracestore.core.query.SpanQuery;
import dev.tracestore.core.store.SpanStore;
import dev.tracestore.core.traceql.TraceQlException;
import dev.tracestore.core.traceql.TraceQlQuery;
import dev.tracestore.core.traceql.TraceQlResult;
import dev.tracestore.core.traceql.TraceQlSearch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /actuator/traces?q=<TraceQL>}: a TraceQL search within the time window ({@code from}, {@code to},
 * {@code lookback}) and {@code limit} (traces). The other filter parameters cannot be combined with {@code q} (400
 * naming the parameter): their conditions are written in the query instead, as docs/queries.md shows.
 */
final class TraceQlOperation {

    private static final Set<String> WINDOW = Set.of("from", "to", "lookback", "limit");

    private final TracesSource source;
    private final int maxSpans;

    TraceQlOperation(TracesSource source, int maxSpans) {
        this.source = source;
        this.maxSpans = maxSpans;
    }

    /**
     * @param parameters the search operation's parameters other than {@code q}, {@code view} and {@code format}
     * @return the query, validated
     * @throws InvalidParameterException naming {@code q} or a parameter that does not combine with it
     */
    static Parsed parse(List<String> q, Map<String, List<String>> parameters) {
        if (q.size() != 1) {
            throw new InvalidParameterException("q", "q may be given once, but was given " + q.size() + " times");
        }
        Map<String, List<String>> window = new LinkedHashMap<>();
        parameters.forEach((name, values) -> {
            if (!WINDOW.contains(name)) {
                throw new InvalidParameterException(name, name + " cannot be combined with q; write the condition "
                        + "in the TraceQL query instead (see docs/queries.md: service=x is { resource.service.name = "
                        + "\"x\" }), or leave out q");
            }
            window.put(name, values);
        });
        SpanQuery query = QueryParameters.parse(window);
        try {
            return new Parsed(TraceQlQuery.parse(q.get(0)), query);
        } catch (TraceQlException e) {
            throw new InvalidParameterException("q", "q: " + e.getMessage());
        }
    }

    TraceQlDescriptor answer(Parsed parsed) {
        boolean reloading = source.awaitIngest();
        SpanStore store = source.store();
        SpanQuery window = parsed.window();
        TraceQlSearch search = new TraceQlSearch(store, store.failureRules());
        try {
            // a look-back counts back from the store's clock, as in every other search
            TraceQlResult result = window.lookback().isPresent()
                    ? search.search(parsed.query(), window.lookback().get(), window.limit(), store.startQuery())
                    : search.search(parsed.query(), window.from().orElse(null), window.to().orElse(null),
                            window.limit());
            return TraceQlDescriptor.of(parsed.query().text(), result, maxSpans, reloading);
        } catch (TraceQlException e) {
            throw new InvalidParameterException("q", "q: " + e.getMessage());
        }
    }

    /** A validated TraceQL request: the query and the window and limit it runs in. */
    record Parsed(TraceQlQuery query, SpanQuery window) {
    }
}
