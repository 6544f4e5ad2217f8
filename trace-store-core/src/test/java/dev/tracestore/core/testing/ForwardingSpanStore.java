package dev.tracestore.core.testing;

import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.AttributeFilter;
import dev.tracestore.core.query.FailureRules;
import dev.tracestore.core.query.SpanQuery;
import dev.tracestore.core.query.TraceSummary;
import dev.tracestore.core.store.Listing;
import dev.tracestore.core.store.SearchResult;
import dev.tracestore.core.store.SpanStore;

import java.time.Instant;
import java.util.List;

/**
 * A real store seen through a test's window: every call goes to {@code delegate}; a test overrides the calls it
 * watches or holds (an {@code add} that waits for a latch, a {@code findSpans} that notes its limit).
 *
 * <pre>{@code
 * SpanStore store = new ForwardingSpanStore(new InMemorySpanStore(100)) {
 *     public void add(StoredSpan span) {
 *         names.add(span.name());
 *         super.add(span);
 *     }
 * };
 * }</pre>
 */
public class ForwardingSpanStore implements SpanStore {

    private final SpanStore delegate;

    /** @param delegate the store that answers */
    public ForwardingSpanStore(SpanStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public void add(StoredSpan span) {
        delegate.add(span);
    }

    @Override
    public List<StoredSpan> getTrace(String traceId) {
        return delegate.getTrace(traceId);
    }

    @Override
    public List<StoredSpan> findSpans(SpanQuery query) {
        return delegate.findSpans(query);
    }

    @Override
    public List<TraceSummary> findTraces(SpanQuery query) {
        return delegate.findTraces(query);
    }

    @Override
    public FailureRules failureRules() {
        return delegate.failureRules();
    }

    @Override
    public Instant now() {
        return delegate.now();
    }

    @Override
    public List<String> services() {
        return delegate.services();
    }

    @Override
    public SearchResult<Listing.Service> listServices(Listing.Window window) {
        return delegate.listServices(window);
    }

    @Override
    public SearchResult<Listing.Operation> listOperations(String service, Listing.Window window) {
        return delegate.listOperations(service, window);
    }

    @Override
    public SearchResult<Listing.Key> listKeys(AttributeFilter.Scope scope, Listing.Window window) {
        return delegate.listKeys(scope, window);
    }

    @Override
    public SearchResult<Listing.Value> listValues(String key, String prefix, int limit, Listing.Window window) {
        return delegate.listValues(key, prefix, limit, window);
    }

    @Override
    public int size() {
        return delegate.size();
    }

    @Override
    public int capacity() {
        return delegate.capacity();
    }

    @Override
    public long evictedCount() {
        return delegate.evictedCount();
    }
}
