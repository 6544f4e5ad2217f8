package dev.tracestore.core.store;

import dev.tracestore.core.model.HexIds;
import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.Failures;
import dev.tracestore.core.query.SpanOrder;
import dev.tracestore.core.query.SpanPredicate;
import dev.tracestore.core.query.SpanQuery;
import dev.tracestore.core.query.TraceSummary;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The in-memory {@link SpanStore}: a ring buffer of {@code maxSpans} slots in insertion order, posting lists
 * by trace ID, service, span name, status, error type and attribute value, and per-block time bounds. Each
 * span gets a sequence number; its slot is {@code sequence % maxSpans}, so eviction overwrites the oldest slot
 * and removes the first entry of each posting list the span is in.
 *
 * <p>Queries take the read lock one block of {@value TimeBlocks#BLOCK_SIZE} spans at a time, so a long query
 * holds up a writer for one block at most; each span is seen whole or not at all.
 *
 * <pre>{@code
 * InMemorySpanStore store = InMemorySpanStore.builder()
 *         .maxSpans(100_000)
 *         .maxAge(Duration.ofHours(24))
 *         .build();
 * List<StoredSpan> slow = store.findSpans(SpanQuery.builder().minDuration(Duration.ofMillis(500)).build());
 * }</pre>
 */
public final class InMemorySpanStore implements SpanStore {

    /** Trace order: start time, then span ID. */
    static final Comparator<StoredSpan> BY_START_THEN_SPAN_ID = Comparator
            .comparingLong(StoredSpan::startEpochNanos)
            .thenComparing(StoredSpan::spanId);

    private static final Comparator<StoredSpan> BY_IDS = Comparator
            .comparing(StoredSpan::traceId)
            .thenComparing(StoredSpan::spanId);

    private final StoredSpan[] slots;
    private final SpanIndex index = new SpanIndex();
    private final TimeBlocks blocks;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Clock clock;
    private final long maxAgeNanos;
    private long nextSequence;
    private int size;
    private long evicted;

    /**
     * A store of {@code maxSpans} spans with no age limit.
     *
     * @param maxSpans the most spans to hold, at least 1
     * @throws IllegalArgumentException when {@code maxSpans} is less than 1
     */
    public InMemorySpanStore(int maxSpans) {
        this(builder().maxSpans(maxSpans));
    }

    private InMemorySpanStore(Builder builder) {
        this.slots = new StoredSpan[builder.maxSpans];
        this.blocks = new TimeBlocks(builder.maxSpans);
        this.clock = builder.clock;
        this.maxAgeNanos = builder.maxAge == null ? Long.MAX_VALUE : builder.maxAge.toNanos();
    }

    /** @return a builder: 100 000 spans, no age limit, the system clock */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void add(StoredSpan span) {
        lock.writeLock().lock();
        try {
            evictExpired();
            if (size == slots.length) {
                evictOldest();
            }
            long sequence = nextSequence++;
            slots[slotOf(sequence)] = span;
            index.add(sequence, span);
            blocks.add(sequence, span.startEpochNanos(), span.durationNanos());
            size++;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void evictOldest() {
        long sequence = nextSequence - size;
        int slot = slotOf(sequence);
        index.remove(sequence, slots[slot]);
        slots[slot] = null;
        size--;
        evicted++;
    }

    /** Evicts from the oldest while the oldest span ended longer than max-age ago. Holds the write lock. */
    private void evictExpired() {
        if (maxAgeNanos == Long.MAX_VALUE) {
            return;
        }
        long cutoff = nowNanos() - maxAgeNanos;
        while (size > 0 && slots[slotOf(nextSequence - size)].endEpochNanos() < cutoff) {
            evictOldest();
        }
    }

    private boolean hasExpired() {
        if (maxAgeNanos == Long.MAX_VALUE) {
            return false;
        }
        lock.readLock().lock();
        try {
            return size > 0 && slots[slotOf(nextSequence - size)].endEpochNanos() < nowNanos() - maxAgeNanos;
        } finally {
            lock.readLock().unlock();
        }
    }

    private void evictExpiredBeforeQuery() {
        if (hasExpired()) {
            lock.writeLock().lock();
            try {
                evictExpired();
            } finally {
                lock.writeLock().unlock();
            }
        }
    }

    @Override
    public List<StoredSpan> getTrace(String traceId) {
        HexIds.requireTraceId(traceId, "traceId");
        evictExpiredBeforeQuery();
        List<StoredSpan> spans;
        lock.readLock().lock();
        try {
            spans = traceSpans(traceId);
        } finally {
            lock.readLock().unlock();
        }
        spans.sort(BY_START_THEN_SPAN_ID);
        return List.copyOf(spans);
    }

    /** Holds the read lock. */
    private List<StoredSpan> traceSpans(String traceId) {
        SequenceList sequences = index.trace(traceId);
        if (sequences == null) {
            return new ArrayList<>(0);
        }
        List<StoredSpan> spans = new ArrayList<>(sequences.size());
        for (int i = 0; i < sequences.size(); i++) {
            spans.add(slots[slotOf(sequences.get(i))]);
        }
        return spans;
    }

    @Override
    public List<StoredSpan> findSpans(SpanQuery query) {
        evictExpiredBeforeQuery();
        SpanPredicate predicate = SpanPredicate.of(query, clock.instant());
        Comparator<StoredSpan> order = spanOrder(query.order());
        PriorityQueue<StoredSpan> best = new PriorityQueue<>(query.limit() + 1, order.reversed());
        for (Block block : plan(query, predicate)) {
            if (best.size() == query.limit() && rank(best.peek(), query.order()) > block.bound) {
                break; // no span of this block or a later one can enter the results
            }
            scanBlock(block, predicate, span -> {
                best.offer(span);
                if (best.size() > query.limit()) {
                    best.poll();
                }
            });
        }
        List<StoredSpan> result = new ArrayList<>(best);
        result.sort(order);
        return List.copyOf(result);
    }

    @Override
    public List<TraceSummary> findTraces(SpanQuery query) {
        evictExpiredBeforeQuery();
        SpanPredicate predicate = SpanPredicate.of(query, clock.instant());
        long minTrace = query.minTraceDuration().map(Duration::toNanos).orElse(0L);
        long maxTrace = query.maxTraceDuration().map(Duration::toNanos).orElse(Long.MAX_VALUE);
        Comparator<TraceSummary> order = traceOrder(query.order());
        PriorityQueue<TraceSummary> best = new PriorityQueue<>(query.limit() + 1, order.reversed());
        Set<String> seen = new HashSet<>();
        // A trace starts no later than any of its spans, so only newest-first can stop early on span bounds.
        boolean canStop = query.order() == SpanOrder.NEWEST_FIRST;
        for (Block block : plan(query.toBuilder().order(SpanOrder.NEWEST_FIRST).build(), predicate)) {
            if (canStop && best.size() == query.limit() && best.peek().startEpochNanos() > block.bound) {
                break;
            }
            scanBlock(block, predicate, span -> {
                if (seen.add(span.traceId())) {
                    TraceSummary trace = summarize(traceSpans(span.traceId()));
                    if (trace.durationNanos() >= minTrace && trace.durationNanos() <= maxTrace) {
                        best.offer(trace);
                        if (best.size() > query.limit()) {
                            best.poll();
                        }
                    }
                }
            });
        }
        List<TraceSummary> result = new ArrayList<>(best);
        result.sort(order);
        return List.copyOf(result);
    }

    /** A block of sequences to scan, with the candidate list and the best rank any of its spans can have. */
    private record Block(long id, SequenceList candidates, long bound) {
    }

    /** Lists the live blocks that can hold matches, best bound first. */
    private List<Block> plan(SpanQuery query, SpanPredicate predicate) {
        List<Block> plan = new ArrayList<>();
        lock.readLock().lock();
        try {
            if (size == 0) {
                return plan;
            }
            SequenceList candidates = index.candidates(query);
            if (candidates != null && candidates.isEmpty()) {
                return plan;
            }
            long first = TimeBlocks.blockOf(nextSequence - size);
            long last = TimeBlocks.blockOf(nextSequence - 1);
            for (long block = first; block <= last; block++) {
                if (blocks.maxStart(block) < predicate.fromNanos()
                        || blocks.minStart(block) >= predicate.toNanosExclusive()
                        || blocks.maxDuration(block) < predicate.minDurationNanos()) {
                    continue;
                }
                long bound = switch (query.order()) {
                    case NEWEST_FIRST -> blocks.maxStart(block);
                    case OLDEST_FIRST -> -blocks.minStart(block);
                    case LONGEST_FIRST -> blocks.maxDuration(block);
                };
                plan.add(new Block(block, candidates, bound));
            }
        } finally {
            lock.readLock().unlock();
        }
        plan.sort(Comparator.comparingLong(Block::bound).reversed().thenComparing(Block::id, Comparator.reverseOrder()));
        return plan;
    }

    /** Hands every live span of the block that matches to {@code sink}, under the read lock. */
    private void scanBlock(Block block, SpanPredicate predicate, java.util.function.Consumer<StoredSpan> sink) {
        long blockStart = TimeBlocks.firstSequence(block.id);
        long blockEnd = blockStart + TimeBlocks.BLOCK_SIZE;
        lock.readLock().lock();
        try {
            long oldest = nextSequence - size;
            long from = Math.max(blockStart, oldest);
            long to = Math.min(blockEnd, nextSequence);
            if (block.candidates == null) {
                for (long sequence = from; sequence < to; sequence++) {
                    offerIfMatching(slots[slotOf(sequence)], predicate, sink);
                }
            } else {
                SequenceList candidates = block.candidates;
                for (int i = candidates.lowerBound(from); i < candidates.size(); i++) {
                    long sequence = candidates.get(i);
                    if (sequence >= to) {
                        break;
                    }
                    offerIfMatching(slots[slotOf(sequence)], predicate, sink);
                }
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    private static void offerIfMatching(StoredSpan span, SpanPredicate predicate,
            java.util.function.Consumer<StoredSpan> sink) {
        if (predicate.test(span)) {
            sink.accept(span);
        }
    }

    private static long rank(StoredSpan span, SpanOrder order) {
        return switch (order) {
            case NEWEST_FIRST -> span.startEpochNanos();
            case OLDEST_FIRST -> -span.startEpochNanos();
            case LONGEST_FIRST -> span.durationNanos();
        };
    }

    static Comparator<StoredSpan> spanOrder(SpanOrder order) {
        Comparator<StoredSpan> primary = switch (order) {
            case NEWEST_FIRST -> Comparator.comparingLong(StoredSpan::startEpochNanos).reversed();
            case OLDEST_FIRST -> Comparator.comparingLong(StoredSpan::startEpochNanos);
            case LONGEST_FIRST -> Comparator.comparingLong(StoredSpan::durationNanos).reversed();
        };
        return primary.thenComparing(BY_IDS);
    }

    static Comparator<TraceSummary> traceOrder(SpanOrder order) {
        Comparator<TraceSummary> primary = switch (order) {
            case NEWEST_FIRST -> Comparator.comparingLong(TraceSummary::startEpochNanos).reversed();
            case OLDEST_FIRST -> Comparator.comparingLong(TraceSummary::startEpochNanos);
            case LONGEST_FIRST -> Comparator.comparingLong(TraceSummary::durationNanos).reversed();
        };
        return primary.thenComparing(TraceSummary::traceId);
    }

    static TraceSummary summarize(List<StoredSpan> spans) {
        StoredSpan root = null;
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        int errors = 0;
        Set<String> services = new TreeSet<>();
        for (StoredSpan span : spans) {
            if (root == null || rootRank(span, root) < 0) {
                root = span;
            }
            start = Math.min(start, span.startEpochNanos());
            end = Math.max(end, span.endEpochNanos());
            errors += Failures.isFailure(span) ? 1 : 0;
            services.add(span.serviceName());
        }
        Objects.requireNonNull(root, "a trace has at least one span");
        return new TraceSummary(root.traceId(), root.serviceName(), root.name(), start, end - start, spans.size(),
                errors, List.copyOf(services));
    }

    /** Roots first, then the earliest start, then span ID: the span a summary names the trace by. */
    private static int rootRank(StoredSpan a, StoredSpan b) {
        if (a.isRoot() != b.isRoot()) {
            return a.isRoot() ? -1 : 1;
        }
        return BY_START_THEN_SPAN_ID.compare(a, b);
    }

    @Override
    public List<String> services() {
        evictExpiredBeforeQuery();
        lock.readLock().lock();
        try {
            return index.services();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public int size() {
        lock.readLock().lock();
        try {
            return size;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public int capacity() {
        return slots.length;
    }

    @Override
    public long evictedCount() {
        lock.readLock().lock();
        try {
            return evicted;
        } finally {
            lock.readLock().unlock();
        }
    }

    private int slotOf(long sequence) {
        return (int) (sequence % slots.length);
    }

    private long nowNanos() {
        java.time.Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** Configures an {@link InMemorySpanStore}. */
    public static final class Builder {
        /** Default {@link #maxSpans(int)}. */
        public static final int DEFAULT_MAX_SPANS = 100_000;

        private int maxSpans = DEFAULT_MAX_SPANS;
        private Duration maxAge;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * @param maxSpans the most spans to hold before the oldest is evicted; at least 1
         * @return this
         */
        public Builder maxSpans(int maxSpans) {
            if (maxSpans < 1) {
                throw new IllegalArgumentException("maxSpans must be at least 1, but was " + maxSpans);
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
