package dev.tracestore.core.store;

import dev.tracestore.core.model.HexIds;
import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.AttributeFilter;
import dev.tracestore.core.query.FailureRules;
import dev.tracestore.core.query.SpanQuery;
import dev.tracestore.core.query.TraceSummary;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The in-memory {@link SpanStore}, compact and indexed. A ring of {@code maxSpans} slots ({@link SpanRing}) holds
 * each span's fixed fields in primitive columns and the rest packed in a record; a trace's spans are chained slot
 * to slot; error types and attribute values have posting lists; blocks of {@value TimeBlocks#BLOCK_SIZE} spans
 * carry time bounds so a query skips blocks outside its window and stops once no unread block can improve its
 * answer. Spans are unpacked into {@link StoredSpan}s only for the answers (and for conditions the columns cannot
 * decide).
 *
 * <p>Queries read in short steps ({@link BlockScanner}): each holds the read lock for a few dozen spans or a
 * fraction of a millisecond, so adding a span never waits long behind a query. Each query has a budget: the
 * {@linkplain Builder#queryTimeout(Duration) query timeout} and {@value #MAX_REGEX_STEPS_PER_QUERY} characters
 * read by all its regular expressions together. A query that runs out answers what it found, marked partial
 * ({@link #searchSpans}). Each answer holds spans exactly as stored, each matching the query.
 *
 * <pre>{@code
 * InMemorySpanStore store = InMemorySpanStore.builder()
 *         .maxSpans(1_000_000)
 *         .maxAge(Duration.ofHours(24))
 *         .queryTimeout(Duration.ofSeconds(5))
 *         .build();
 * SearchResult<StoredSpan> slow = store.searchSpans(SpanQuery.builder().minDuration(Duration.ofMillis(500)).build());
 * }</pre>
 */
public final class InMemorySpanStore implements SpanStore {

    /** The largest store: live sequences must stay far within the 32 bits that posting lists keep. */
    public static final int MAX_SPANS_LIMIT = 1 << 28;

    /**
     * The characters all regular expressions of one query may read together (about a second of matching), on top
     * of the per-value limit {@link dev.tracestore.core.query.AttributeFilter#MAX_REGEX_STEPS}.
     */
    public static final long MAX_REGEX_STEPS_PER_QUERY = 100_000_000L;

    /** The most spans {@link #addAll} adds under one hold of the write lock (about a tenth of a millisecond). */
    static final int ADD_BATCH = 64;

    /** Trace order: start time, then span ID. */
    static final Comparator<StoredSpan> BY_START_THEN_SPAN_ID = Comparator
            .comparingLong(StoredSpan::startEpochNanos)
            .thenComparing(StoredSpan::spanId);

    private final SpanRing ring;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Clock clock;
    private final FailureRules failureRules;
    private final long maxAgeNanos;
    private final Duration queryTimeout;
    private final StoreListing listing;
    private final StoreSearches searches;

    /**
     * A store of {@code maxSpans} spans with no age limit.
     *
     * @param maxSpans the most spans to hold, at least 1
     * @throws IllegalArgumentException when {@code maxSpans} is out of range
     */
    public InMemorySpanStore(int maxSpans) {
        this(builder().maxSpans(maxSpans));
    }

    private InMemorySpanStore(Builder builder) {
        this.failureRules = builder.failureRules;
        this.ring = new SpanRing(builder.maxSpans, failureRules);
        this.clock = builder.clock;
        this.maxAgeNanos = builder.maxAge == null ? Long.MAX_VALUE : builder.maxAge.toNanos();
        this.queryTimeout = builder.queryTimeout;
        this.listing = new StoreListing(lock.readLock(), ring);
        this.searches = new StoreSearches(lock.readLock(), ring, clock, failureRules);
    }

    /** @return a builder: 100 000 spans, no age limit, a 5 s query timeout, the system clock */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void add(StoredSpan span) {
        lock.writeLock().lock();
        try {
            evictExpired();
            ring.add(span);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * {@inheritDoc} Takes the write lock once per {@value #ADD_BATCH} spans rather than once per span, so a reload
     * pays for the lock a few thousand times instead of a million, while a query or an ingest waits at most one such
     * batch.
     */
    @Override
    public void addAll(List<StoredSpan> spans) {
        for (int from = 0; from < spans.size(); from += ADD_BATCH) {
            int to = Math.min(spans.size(), from + ADD_BATCH);
            lock.writeLock().lock();
            try {
                evictExpired();
                for (int i = from; i < to; i++) {
                    ring.add(spans.get(i));
                }
            } finally {
                lock.writeLock().unlock();
            }
        }
    }

    /** Evicts from the oldest while the oldest span ended longer than max-age ago. Holds the write lock. */
    private void evictExpired() {
        if (maxAgeNanos == Long.MAX_VALUE) {
            return;
        }
        long cutoff = nowNanos() - maxAgeNanos;
        while (ring.oldestEnd() < cutoff) {
            ring.evictOldest();
        }
    }

    private void evictExpiredBeforeQuery() {
        if (maxAgeNanos == Long.MAX_VALUE) {
            return;
        }
        boolean expired;
        lock.readLock().lock();
        try {
            expired = ring.oldestEnd() < nowNanos() - maxAgeNanos;
        } finally {
            lock.readLock().unlock();
        }
        if (expired) {
            lock.writeLock().lock();
            try {
                evictExpired();
            } finally {
                lock.writeLock().unlock();
            }
        }
    }

    /** @return the instant of the store's {@linkplain Builder#clock(Clock) clock} */
    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public FailureRules failureRules() {
        return failureRules;
    }

    @Override
    public List<StoredSpan> getTrace(String traceId) {
        HexIds.requireTraceId(traceId, "traceId");
        evictExpiredBeforeQuery();
        StoredSpan[] spans;
        lock.readLock().lock();
        try {
            spans = TraceUnpacker.unpack(ring, ring.traceSlots(HexIds.parseLong(traceId, 0),
                    HexIds.parseLong(traceId, 16)));
        } finally {
            lock.readLock().unlock();
        }
        Arrays.sort(spans, BY_START_THEN_SPAN_ID);
        return List.of(spans);
    }

    /** {@inheritDoc} Reads the packed spans under the read lock; a trace of many spans is unpacked first. */
    @Override
    public <T> T readTrace(String traceId, Function<? super TraceSpans, ? extends T> reader) {
        HexIds.requireTraceId(traceId, "traceId");
        evictExpiredBeforeQuery();
        return RingTraceSpans.read(lock.readLock(), ring, HexIds.parseLong(traceId, 0), HexIds.parseLong(traceId, 16),
                reader);
    }

    /** {@inheritDoc} The answer may be partial; {@link #searchSpans} says so. */
    @Override
    public List<StoredSpan> findSpans(SpanQuery query) {
        return searchSpans(query).items();
    }

    /** {@inheritDoc} The answer may be partial; {@link #searchTraces} says so. */
    @Override
    public List<TraceSummary> findTraces(SpanQuery query) {
        return searchTraces(query).items();
    }

    /** @return a deadline {@code queryTimeout} from now */
    @Override
    public QueryDeadline startQuery() {
        return QueryDeadline.after(queryTimeout);
    }

    @Override
    public SearchResult<StoredSpan> searchSpans(SpanQuery query) {
        return searchSpans(query, startQuery());
    }

    @Override
    public SearchResult<TraceSummary> searchTraces(SpanQuery query) {
        return searchTraces(query, startQuery());
    }

    @Override
    public SearchResult<StoredSpan> searchSpans(SpanQuery query, QueryDeadline deadline) {
        evictExpiredBeforeQuery();
        return searches.spans(query, budget(deadline));
    }

    /** {@inheritDoc} Unpacks no span that matching did not need to unpack. */
    @Override
    public SearchResult<SpanStart> searchSpanStarts(SpanQuery query, QueryDeadline deadline) {
        evictExpiredBeforeQuery();
        return searches.spanStarts(query, budget(deadline));
    }

    @Override
    public SearchResult<TraceSummary> searchTraces(SpanQuery query, QueryDeadline deadline) {
        evictExpiredBeforeQuery();
        return searches.traces(query, budget(deadline));
    }

    /**
     * {@inheritDoc} Reads the columns of the candidates the index and the time blocks leave, in short lock holds;
     * a span is unpacked only when its conditions or the visitor need it.
     */
    @Override
    public ScanResult scan(SpanQuery query, QueryDeadline deadline, Consumer<ScannedSpan> visitor) {
        evictExpiredBeforeQuery();
        return searches.scan(query, budget(deadline), visitor);
    }

    private static QueryBudget budget(QueryDeadline deadline) {
        return QueryBudget.until(deadline, MAX_REGEX_STEPS_PER_QUERY);
    }

    @Override
    public List<String> services() {
        evictExpiredBeforeQuery();
        lock.readLock().lock();
        try {
            return List.copyOf(ring.services());
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public SearchResult<Listing.Service> listServices(Listing.Window window) {
        evictExpiredBeforeQuery();
        return listing.services(StoreListing.range(window, clock), listingBudget());
    }

    @Override
    public SearchResult<Listing.Operation> listOperations(String service, Listing.Window window) {
        Objects.requireNonNull(service, "service must not be null");
        evictExpiredBeforeQuery();
        return listing.operations(service, StoreListing.range(window, clock), listingBudget());
    }

    @Override
    public SearchResult<Listing.Key> listKeys(AttributeFilter.Scope scope, Listing.Window window) {
        evictExpiredBeforeQuery();
        return listing.keys(Objects.requireNonNull(scope, "scope"), StoreListing.range(window, clock), listingBudget());
    }

    @Override
    public SearchResult<Listing.Value> listValues(String key, String prefix, int limit, Listing.Window window) {
        StoreListing.requireValueArguments(key, prefix, limit);
        evictExpiredBeforeQuery();
        return listing.values(key, prefix, limit, StoreListing.range(window, clock), listingBudget());
    }

    private QueryBudget listingBudget() {
        return budget(startQuery());
    }

    /**
     * {@inheritDoc} Unpacks {@value #ADD_BATCH} spans per hold of the read lock, so an ingest or a query waits at
     * most that long.
     */
    @Override
    public boolean forEachOldestFirst(Consumer<StoredSpan> sink) {
        List<StoredSpan> step = new ArrayList<>(ADD_BATCH);
        long next;
        long end;
        lock.readLock().lock();
        try {
            next = ring.oldestSequence();
            end = ring.nextSequence();
        } finally {
            lock.readLock().unlock();
        }
        while (next < end) {
            lock.readLock().lock();
            try {
                if (next < ring.oldestSequence()) {
                    return false; // evicted (by age, or by newer spans) since it was listed
                }
                for (long to = Math.min(end, next + ADD_BATCH); next < to; next++) {
                    step.add(ring.decode(ring.slotOf(next)));
                }
            } finally {
                lock.readLock().unlock();
            }
            step.forEach(sink);
            step.clear();
        }
        return true;
    }

    @Override
    public int size() {
        lock.readLock().lock();
        try {
            return ring.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public int capacity() {
        return ring.capacity;
    }

    @Override
    public long evictedCount() {
        lock.readLock().lock();
        try {
            return ring.evicted();
        } finally {
            lock.readLock().unlock();
        }
    }

    private long nowNanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** Configures an {@link InMemorySpanStore}. */
    public static final class Builder {
        /** Default {@link #maxSpans(int)}. */
        public static final int DEFAULT_MAX_SPANS = 100_000;

        /** Default {@link #queryTimeout(Duration)}: long enough for any indexed query, short enough to wait for. */
        public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(5);

        private int maxSpans = DEFAULT_MAX_SPANS;
        private Duration maxAge;
        private Duration queryTimeout = DEFAULT_QUERY_TIMEOUT;
        private Clock clock = Clock.systemUTC();
        private FailureRules failureRules = FailureRules.DEFAULT;

        private Builder() {
        }

        /**
         * @param maxSpans the most spans to hold before the oldest is evicted; 1 to {@value #MAX_SPANS_LIMIT}
         * @return this
         */
        public Builder maxSpans(int maxSpans) {
            if (maxSpans < 1 || maxSpans > MAX_SPANS_LIMIT) {
                throw new IllegalArgumentException("maxSpans must be between 1 and " + MAX_SPANS_LIMIT
                        + ", but was " + maxSpans);
            }
            this.maxSpans = maxSpans;
            return this;
        }

        /**
         * @param maxAge evict spans that ended longer ago than this; {@code null} (the default) keeps spans until
         *     the count bound evicts them
         * @return this
         */
        public Builder maxAge(Duration maxAge) {
            if (maxAge != null && (maxAge.isNegative() || maxAge.isZero())) {
                throw new IllegalArgumentException("maxAge must be positive, but was " + maxAge);
            }
            this.maxAge = maxAge;
            return this;
        }

        /**
         * @param queryTimeout how long one search may run before it answers what it found so far, marked partial;
         *     5 seconds by default
         * @return this
         */
        public Builder queryTimeout(Duration queryTimeout) {
            Objects.requireNonNull(queryTimeout, "queryTimeout must not be null");
            if (queryTimeout.isNegative() || queryTimeout.isZero()) {
                throw new IllegalArgumentException("queryTimeout must be positive, but was " + queryTimeout);
            }
            this.queryTimeout = queryTimeout;
            return this;
        }

        /**
         * @param failureRules what counts as failed (the {@code failed} flag of every span added, {@code failed}
         *     and {@code errorType} queries); {@link FailureRules#DEFAULT} by default
         * @return this
         */
        public Builder failureRules(FailureRules failureRules) {
            this.failureRules = Objects.requireNonNull(failureRules, "failureRules must not be null");
            return this;
        }

        /**
         * @param clock the clock that look-backs and max-age count from; the system clock by default
         * @return this
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock must not be null");
            return this;
        }

        /** @return the store */
        public InMemorySpanStore build() {
            return new InMemorySpanStore(this);
        }
    }
}
