package dev.tracestore.core.store;

import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.AttributeFilter;
import dev.tracestore.core.query.FailureRules;
import dev.tracestore.core.query.SpanQuery;
import dev.tracestore.core.query.TraceSummary;

import dev.tracestore.core.query.FailureRules;
import dev.tracestore.core.query.SpanOrder;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A bounded, thread-safe store of finished spans. When full, adding a span evicts the oldest one (first in,
 * first out). Results are immutable snapshots: callers never see the store's internals or a half-added span.
 *
 * <pre>{@code
 * SpanStore store = new InMemorySpanStore(100_000);
 * store.add(span);
 * List<StoredSpan> trace = store.getTrace("4bf92f3577b34da6a3ce929d0e0e4736");
 * }</pre>
 */
public interface SpanStore {

    /**
     * Adds a span, evicting the oldest span when the store is full.
     *
     * @param span the finished span
     */
    void add(StoredSpan span);

    /**
     * Adds spans in their order, as {@link #add} one by one would; a store may do it more cheaply (a reload hands
     * over thousands at a time).
     *
     * @param spans the finished spans, oldest first
     */
    default void addAll(List<StoredSpan> spans) {
        for (StoredSpan span : spans) {
            add(span);
        }
    }

    /**
     * Returns the stored spans of one trace, ordered by start time, ties by span ID.
     *
     * @param traceId 32 lowercase hex characters
     * @return an immutable list, empty when no span of the trace is stored
     * @throws IllegalArgumentException when {@code traceId} is malformed
     */
    List<StoredSpan> getTrace(String traceId);

    /**
     * Reads one trace for a caller that tests its spans' fields and unpacks few of them (a TraceQL evaluation):
     * {@code reader} gets the trace's spans as {@link TraceSpans} and its answer is returned. A store may call it
     * under its read lock with its packed spans, so it must not call the store nor keep the {@code TraceSpans}.
     * This default hands over {@link #getTrace}'s spans.
     *
     * @param traceId 32 lowercase hex characters
     * @param reader called once with the trace's spans (none when the trace is not stored)
     * @param <T> what the reader answers
     * @return the reader's answer, or {@code null} without calling it when no span of the trace is stored
     * @throws IllegalArgumentException when {@code traceId} is malformed
     */
    default <T> T readTrace(String traceId, Function<? super TraceSpans, ? extends T> reader) {
        List<StoredSpan> spans = getTrace(traceId);
        return spans.isEmpty() ? null : reader.apply(TraceSpans.of(spans, failureRules()));
    }

    /**
     * Returns the spans that match every condition of the query, in the query's order, at most its limit.
     * Ties are broken by trace ID, then span ID.
     *
     * @param query the conditions, order and limit
     * @return an immutable list
     */
    List<StoredSpan> findSpans(SpanQuery query);

    /**
     * Returns the traces that have at least one span matching every span condition of the query and whose
     * duration lies within its trace-duration bounds; the limit counts traces. Ties are broken by trace ID.
     *
     * @param query the conditions, order and limit
     * @return an immutable list of summaries
     */
    List<TraceSummary> findTraces(SpanQuery query);

    /**
     * Like {@link #findSpans}, saying whether the answer is complete: a store may stop a search that exceeds its
     * budget (time, regular-expression work) and answer what it found so far.
     *
     * @param query the conditions, order and limit
     * @return the spans, and why the search stopped early if it did
     */
    default SearchResult<StoredSpan> searchSpans(SpanQuery query) {
        return SearchResult.complete(findSpans(query));
    }

    /**
     * Like {@link #findTraces}, saying whether the answer is complete (see {@link #searchSpans}).
     *
     * @param query the conditions, order and limit
     * @return the trace summaries, and why the search stopped early if it did
     */
    default SearchResult<TraceSummary> searchTraces(SpanQuery query) {
        return SearchResult.complete(findTraces(query));
    }

    /**
     * Starts the clock of one request that may make several searches: pass the deadline to each, so that together
     * they stop at the store's query timeout. A store without a timeout gives a deadline that never passes in practice.
     *
     * @return a deadline for the searches of one request
     */
    default QueryDeadline startQuery() {
        return QueryDeadline.after(Duration.ofDays(365));
    }

    /**
     * Like {@link #searchSpans(SpanQuery)}, stopping at {@code deadline} (and at the store's other limits).
     *
     * @param deadline from {@link #startQuery()}, shared by the searches of one request
     */
    default SearchResult<StoredSpan> searchSpans(SpanQuery query, QueryDeadline deadline) {
        return searchSpans(query);
    }

    /**
     * Like {@link #searchSpans(SpanQuery, QueryDeadline)}, answering only the trace ID and start of each span: for
     * a caller that reads the spans' whole traces next, a store may answer without unpacking the spans.
     *
     * @param deadline from {@link #startQuery()}, shared by the searches of one request
     */
    default SearchResult<SpanStart> searchSpanStarts(SpanQuery query, QueryDeadline deadline) {
        SearchResult<StoredSpan> found = searchSpans(query, deadline);
        return new SearchResult<>(found.items().stream()
                .map(span -> new SpanStart(span.traceId(), span.startEpochNanos())).toList(), found.truncatedReason());
    }

    /**
     * Like {@link #searchTraces(SpanQuery)}, stopping at {@code deadline} (and at the store's other limits).
     *
     * @param deadline from {@link #startQuery()}, shared by the searches of one request
     */
    default SearchResult<TraceSummary> searchTraces(SpanQuery query, QueryDeadline deadline) {
        return searchTraces(query);
    }

    /**
     * @return the moment a look-back counts back from: the store's clock ({@link java.time.Instant#now()} unless
     *     the store was given another)
     */
    default Instant now() {
        return Instant.now();
    }

    /** @return what this store counts as a failure (in trace summaries' error counts and {@code failed} queries) */
    default FailureRules failureRules() {
        return FailureRules.DEFAULT;
    }

    /**
     * Hands every stored span that matches the query's conditions to {@code visitor}, in no particular order; the
     * query's limit and order do not apply. For aggregations over many spans: the visitor sees each span's fixed
     * fields without the span being unpacked. It may be called under the store's read lock, so it must be quick
     * and must not call the store. The scan stops when the deadline passes (or the store's other budgets run out),
     * and says so.
     *
     * <p>This default asks {@link #searchSpans} for at most {@link SpanQuery#MAX_LIMIT} spans and says the answer
     * is partial when that many came back; stores that can do better override it.
     *
     * @param query the conditions; limit and order are ignored
     * @param deadline from {@link #startQuery()}, shared by the searches and scans of one request
     * @param visitor called once per matching span, with a view valid only during the call
     * @return how many spans were handed over, and why the scan stopped early if it did
     */
    default ScanResult scan(SpanQuery query, QueryDeadline deadline, Consumer<ScannedSpan> visitor) {
        SearchResult<StoredSpan> found = searchSpans(query.toBuilder().limit(SpanQuery.MAX_LIMIT)
                .order(SpanOrder.OLDEST_FIRST).build(), deadline);
        found.items().forEach(span -> visitor.accept(ScannedSpan.of(span, failureRules())));
        String reason = found.partial() ? found.truncatedReason()
                : found.items().size() == SpanQuery.MAX_LIMIT
                        ? "this store hands at most " + SpanQuery.MAX_LIMIT + " spans to a scan" : null;
        return new ScanResult(found.items().size(), reason);
    }

    /** @return the services that have spans in the store, sorted */
    List<String> services();

    /**
     * Lists the services of the spans in a window, sorted by name, each with its span count.
     *
     * @param window the spans to count; {@link Listing.Window#ALL} for every stored span
     * @return the services, partial when a window's scan ran out of budget
     */
    SearchResult<Listing.Service> listServices(Listing.Window window);

    /**
     * Lists the operations of one service: its span names, each with the kinds it comes with and span counts,
     * sorted by name, then kind.
     *
     * @param service a {@code service.name}
     * @param window the spans to count
     * @return the operations; empty for a service with no span in the window
     */
    SearchResult<Listing.Operation> listOperations(String service, Listing.Window window);

    /**
     * Lists the attribute keys of one scope (all scopes for {@code ANY}) with their types and span counts, sorted
     * by scope, then key.
     *
     * @param scope {@code SPAN}, {@code RESOURCE}, {@code EVENT}, {@code LINK}, {@code INSTRUMENTATION} or
     *     {@code ANY}
     * @param window the spans to count
     * @return the keys
     */
    SearchResult<Listing.Key> listKeys(AttributeFilter.Scope scope, Listing.Window window);

    /**
     * Lists the most frequent values of a key, for autocompletion: those whose text starts with {@code prefix}, most
     * spans first. A key without a scope prefix is looked up in span and resource attributes (each value says
     * where). A key with too many values to index one by one is counted over the newest spans of the window, and
     * the answer says so ({@link SearchResult#partial()}).
     *
     * @param key an attribute key, optionally with a scope prefix ({@code event.exception.type})
     * @param prefix the start of the values wanted; {@code ""} for all
     * @param limit the most values to return, 1 to {@value dev.tracestore.core.query.SpanQuery#MAX_LIMIT}
     * @param window the spans to count
     * @return the values
     */
    SearchResult<Listing.Value> listValues(String key, String prefix, int limit, Listing.Window window);

    /**
     * Hands every stored span to {@code sink}, oldest first: the order they were added in, which eviction follows.
     * For a snapshot of the whole store at shutdown (adding the spans in this order to an empty store of the same
     * capacity builds the same store); a store that cannot list its spans in that order answers {@code false}.
     *
     * <pre>{@code
     * List<StoredSpan> all = new ArrayList<>();
     * boolean complete = store.forEachOldestFirst(all::add);
     * }</pre>
     *
     * @param sink receives the spans; called outside the store's locks
     * @return {@code true} when every span was handed over; {@code false} when the store cannot list them (this
     *     default) or spans were evicted while they were read (the spans handed over are then not all)
     */
    default boolean forEachOldestFirst(Consumer<StoredSpan> sink) {
        return false;
    }

    /** @return how many spans are stored now */
    int size();

    /** @return the most spans the store holds before it evicts */
    int capacity();

    /** @return how many spans were evicted since the store was created */
    long evictedCount();
}
