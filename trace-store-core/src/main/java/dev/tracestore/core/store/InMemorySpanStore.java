package dev.tracestore.core.store;

import dev.tracestore.core.model.HexIds;
import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.AttributeFilter;
import dev.tracestore.core.query.FailureRules;
import dev.tracestore.core.query.SpanOrder;
import dev.tracestore.core.query.SpanPredicate;
import dev.tracestore.core.query.SpanQuery;
import dev.tracestore.core.query.TraceSummary;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The in-memory {@link SpanStore}, compact and indexed. A ring of {@code maxSpans} slots in insertion order holds
 * each span's fixed fields in primitive columns (IDs, times, name, resource, kind, status) and the rest packed in
 * a record (attributes with dictionary-numbered keys and values, events, links). Each span gets a sequence
 * number; its slot is {@code sequence % maxSpans}, so eviction (first in, first out) overwrites the oldest slot.
 * A trace's spans are chained slot to slot from a trace-ID table; error types and low-cardinality attribute
 * values have posting lists; blocks of {@value TimeBlocks#BLOCK_SIZE} spans carry time bounds so a query skips
 * blocks outside its window and stops once no unread block can improve its answer. Spans are unpacked into
 * {@link StoredSpan}s only for the answers (and for conditions the columns cannot decide).
 *
 * <p>Queries take the read lock one block at a time, so a long query holds up a writer for one block at most;
 * each span is seen whole or not at all.
 *
 * <pre>{@code
 * InMemorySpanStore store = InMemorySpanStore.builder()
 *         .maxSpans(1_000_000)
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

    private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

    /** The largest store: live sequences must stay far within the 32 bits that posting lists keep. */
    public static final int MAX_SPANS_LIMIT = 1 << 28;

    private final int capacity;
    private final SpanColumns columns;
    private final Dictionary dictionary = new Dictionary();
    private final CountedNames names = new CountedNames();
    private final SpanRecordCodec codec = new SpanRecordCodec(dictionary);
    private final RecordWriter recordWriter = new RecordWriter();
    private final ByteArena arena = new ByteArena();
    private final Interner<Resource> resources = new Interner<>();
    private final Interner<InstrumentationScopeInfo> scopes = new Interner<>();
    private int[] liveSpansByResource = new int[8];
    private final Map<TraceKey, Integer> newestSlotByTrace = new HashMap<>();
    private final SpanIndex index = new SpanIndex();
    private final TimeBlocks blocks;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Clock clock;
    private final FailureRules failureRules;
    private final long maxAgeNanos;
    private final long sweepEvery;
    private long nextSequence;
    private int size;
    private long evicted;
    private long addsSinceSweep;

    /** A trace ID as two unsigned longs. */
    private record TraceKey(long high, long low) {
        static TraceKey of(String traceId) {
            return new TraceKey(SpanColumns.parseHex(traceId, 0), SpanColumns.parseHex(traceId, 16));
        }
    }

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
        this.capacity = builder.maxSpans;
        this.columns = new SpanColumns(capacity);
        this.blocks = new TimeBlocks(capacity);
        this.clock = builder.clock;
        this.failureRules = builder.failureRules;
        this.maxAgeNanos = builder.maxAge == null ? Long.MAX_VALUE : builder.maxAge.toNanos();
        this.sweepEvery = Math.max(4096, capacity / 2);
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
            if (size == capacity) {
                evictOldest();
            }
            write(nextSequence++, span);
            size++;
            if (++addsSinceSweep >= sweepEvery) {
                index.sweep(oldestSequence());
                addsSinceSweep = 0;
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Holds the write lock. */
    private void write(long sequence, StoredSpan span) {
        int slot = slotOf(sequence);
        SpanColumns c = columns;
        TraceKey trace = TraceKey.of(span.traceId());
        c.traceHigh[slot] = trace.high();
        c.traceLow[slot] = trace.low();
        c.spanId[slot] = SpanColumns.parseHex(span.spanId(), 0);
        c.parentSpanId[slot] = span.isRoot() ? 0 : SpanColumns.parseHex(span.parentSpanId(), 0);
        c.start[slot] = span.startEpochNanos();
        c.duration[slot] = span.durationNanos();
        c.nameId[slot] = names.acquire(span.name());
        int resource = resources.idOf(span.resource());
        if (resource >= liveSpansByResource.length) {
            liveSpansByResource = Arrays.copyOf(liveSpansByResource, liveSpansByResource.length * 2);
            index.addResourceKeys(span.resource().getAttributes());
        } else if (liveSpansByResource[resource] == 0) {
            index.addResourceKeys(span.resource().getAttributes());
        }
        liveSpansByResource[resource]++;
        c.resourceId[slot] = resource;
        c.scopeId[slot] = scopes.idOf(span.scope());
        boolean failed = failureRules.isFailure(span);
        c.flags[slot] = SpanColumns.flags(span.kind(), span.statusCode(), failed);
        Integer previous = newestSlotByTrace.put(trace, slot);
        c.previousInTrace[slot] = previous == null ? -1 : previous;
        long oldest = sequence - size;
        index.add(sequence, span, failed, oldest);
        recordWriter.reset();
        codec.encode(recordWriter, span.statusMessage(), span.attributes(), span.events(), span.links(),
                span.startEpochNanos(), index::hasFewValues);
        c.recordAddress[slot] = arena.append(recordWriter.buffer(), recordWriter.length());
        blocks.add(sequence, span.startEpochNanos(), span.durationNanos());
    }

    /** Holds the write lock. */
    private void evictOldest() {
        int slot = slotOf(oldestSequence());
        SpanColumns c = columns;
        names.release(c.nameId[slot]);
        liveSpansByResource[c.resourceId[slot]]--;
        TraceKey trace = new TraceKey(c.traceHigh[slot], c.traceLow[slot]);
        if (newestSlotByTrace.get(trace) == slot) {
            newestSlotByTrace.remove(trace); // the trace's newest span is its oldest: its last one goes
        }
        size--;
        evicted++;
        if (size > 0) {
            arena.releaseBefore(c.recordAddress[slotOf(oldestSequence())]);
        }
    }

    /** Evicts from the oldest while the oldest span ended longer than max-age ago. Holds the write lock. */
    private void evictExpired() {
        if (maxAgeNanos == Long.MAX_VALUE) {
            return;
        }
        long cutoff = nowNanos() - maxAgeNanos;
        while (size > 0 && endOf(slotOf(oldestSequence())) < cutoff) {
            evictOldest();
        }
    }

    private long endOf(int slot) {
        return columns.start[slot] + columns.duration[slot];
    }

    private void evictExpiredBeforeQuery() {
        if (maxAgeNanos == Long.MAX_VALUE) {
            return;
        }
        boolean expired;
        lock.readLock().lock();
        try {
            expired = size > 0 && endOf(slotOf(oldestSequence())) < nowNanos() - maxAgeNanos;
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

    @Override
    public List<StoredSpan> getTrace(String traceId) {
        HexIds.requireTraceId(traceId, "traceId");
        evictExpiredBeforeQuery();
        List<StoredSpan> spans = new ArrayList<>();
        lock.readLock().lock();
        try {
            for (int slot : traceSlots(TraceKey.of(traceId))) {
                spans.add(decode(slot));
            }
        } finally {
            lock.readLock().unlock();
        }
        spans.sort(BY_START_THEN_SPAN_ID);
        return List.copyOf(spans);
    }

    /** The live slots of a trace, newest first. Holds the read lock. */
    private int[] traceSlots(TraceKey trace) {
        Integer newest = newestSlotByTrace.get(trace);
        if (newest == null) {
            return new int[0];
        }
        int[] slots = new int[8];
        int count = 0;
        long previousSequence = Long.MAX_VALUE;
        for (int slot = newest; slot >= 0; slot = columns.previousInTrace[slot]) {
            long sequence = sequenceAt(slot);
            // a link to an evicted span points at a free or reused slot: the chain ends there
            if (sequence < 0 || sequence >= previousSequence || columns.traceHigh[slot] != trace.high()
                    || columns.traceLow[slot] != trace.low()) {
                break;
            }
            if (count == slots.length) {
                slots = Arrays.copyOf(slots, count * 2);
            }
            slots[count++] = slot;
            previousSequence = sequence;
        }
        return Arrays.copyOf(slots, count);
    }

    /** @return the live sequence held in {@code slot}, or -1 when the slot is free. Holds a lock. */
    private long sequenceAt(int slot) {
        long oldest = oldestSequence();
        int offset = Math.floorMod(slot - slotOf(oldest), capacity);
        return offset < size ? oldest + offset : -1;
    }

    private StoredSpan decode(int slot) {
        SpanColumns c = columns;
        long address = c.recordAddress[slot];
        SpanRecordCodec.Fields fields = codec.decode(
                new RecordReader(arena.chunk(address), ByteArena.offset(address), dictionary), c.start[slot]);
        return new StoredSpan(
                SpanColumns.hex(c.traceHigh[slot]) + SpanColumns.hex(c.traceLow[slot]),
                SpanColumns.hex(c.spanId[slot]),
                c.parentSpanId[slot] == 0 ? "" : SpanColumns.hex(c.parentSpanId[slot]),
                names.get(c.nameId[slot]),
                c.kind(slot),
                c.start[slot],
                c.start[slot] + c.duration[slot],
                c.status(slot),
                fields.statusMessage(),
                fields.attributes(),
                fields.events(),
                fields.links(),
                resources.get(c.resourceId[slot]),
                scopes.get(c.scopeId[slot]));
    }

    @Override
    public List<StoredSpan> findSpans(SpanQuery query) {
        evictExpiredBeforeQuery();
        SpanPredicate predicate = SpanPredicate.of(query, clock.instant(), failureRules);
        Comparator<Hit> order = hitOrder(query.order());
        PriorityQueue<Hit> best = new PriorityQueue<>(query.limit() + 1, order.reversed());
        Scan scan = plan(query, predicate, query.order());
        for (Block block : scan.blocks) {
            if (best.size() == query.limit() && best.peek().rank(query.order()) > block.bound) {
                break; // no span of this block or a later one can enter the results
            }
            scanBlock(scan, block, slot -> {
                Hit hit = new Hit(columns.start[slot], columns.duration[slot], columns.traceHigh[slot],
                        columns.traceLow[slot], columns.spanId[slot], null);
                if (best.size() < query.limit() || order.compare(hit, best.peek()) < 0) {
                    best.offer(hit.with(scan.decoded != null ? scan.decoded : decode(slot)));
                    if (best.size() > query.limit()) {
                        best.poll();
                    }
                }
            });
        }
        List<Hit> hits = new ArrayList<>(best);
        hits.sort(order);
        return hits.stream().map(Hit::span).toList();
    }

    @Override
    public List<TraceSummary> findTraces(SpanQuery query) {
        evictExpiredBeforeQuery();
        SpanPredicate predicate = SpanPredicate.of(query, clock.instant(), failureRules);
        long minTrace = query.minTraceDuration().map(Duration::toNanos).orElse(0L);
        long maxTrace = query.maxTraceDuration().map(Duration::toNanos).orElse(Long.MAX_VALUE);
        Comparator<TraceSummary> order = traceOrder(query.order());
        PriorityQueue<TraceSummary> best = new PriorityQueue<>(query.limit() + 1, order.reversed());
        Set<TraceKey> seen = new HashSet<>();
        // A trace starts no later than any of its spans, so only newest-first can stop early on span bounds.
        boolean canStop = query.order() == SpanOrder.NEWEST_FIRST;
        Scan scan = plan(query, predicate, SpanOrder.NEWEST_FIRST);
        for (Block block : scan.blocks) {
            if (canStop && best.size() == query.limit() && best.peek().startEpochNanos() > block.bound) {
                break;
            }
            scanBlock(scan, block, slot -> {
                TraceKey trace = new TraceKey(columns.traceHigh[slot], columns.traceLow[slot]);
                if (seen.add(trace)) {
                    TraceSummary summary = summarize(trace);
                    if (summary.durationNanos() >= minTrace && summary.durationNanos() <= maxTrace) {
                        best.offer(summary);
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

    /** Summarises a trace from its columns. Holds the read lock. */
    private TraceSummary summarize(TraceKey trace) {
        int root = -1;
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        int errors = 0;
        Set<String> services = new TreeSet<>();
        int[] slots = traceSlots(trace);
        for (int slot : slots) {
            if (root < 0 || rootRank(slot, root) < 0) {
                root = slot;
            }
            start = Math.min(start, columns.start[slot]);
            end = Math.max(end, endOf(slot));
            errors += columns.failed(slot) ? 1 : 0;
            services.add(serviceOf(columns.resourceId[slot]));
        }
        return new TraceSummary(SpanColumns.hex(trace.high()) + SpanColumns.hex(trace.low()),
                serviceOf(columns.resourceId[root]), names.get(columns.nameId[root]), start, end - start,
                slots.length, errors, List.copyOf(services));
    }

    /** Roots first, then the earliest start, then span ID: the span a summary names the trace by. */
    private int rootRank(int a, int b) {
        boolean aRoot = columns.parentSpanId[a] == 0;
        boolean bRoot = columns.parentSpanId[b] == 0;
        if (aRoot != bRoot) {
            return aRoot ? -1 : 1;
        }
        int order = Long.compare(columns.start[a], columns.start[b]);
        return order != 0 ? order : Long.compareUnsigned(columns.spanId[a], columns.spanId[b]);
    }

    private String serviceOf(int resource) {
        String service = resources.get(resource).getAttribute(SERVICE_NAME);
        return service == null ? "" : service;
    }

    /** A span that may enter the answer, with what ordering needs. */
    private record Hit(long start, long duration, long traceHigh, long traceLow, long spanId, StoredSpan span) {
        Hit with(StoredSpan decoded) {
            return new Hit(start, duration, traceHigh, traceLow, spanId, decoded);
        }

        long rank(SpanOrder order) {
            return switch (order) {
                case NEWEST_FIRST -> start;
                case OLDEST_FIRST -> -start;
                case LONGEST_FIRST -> duration;
            };
        }
    }

    private static Comparator<Hit> hitOrder(SpanOrder order) {
        Comparator<Hit> primary = switch (order) {
            case NEWEST_FIRST -> Comparator.comparingLong(Hit::start).reversed();
            case OLDEST_FIRST -> Comparator.comparingLong(Hit::start);
            case LONGEST_FIRST -> Comparator.comparingLong(Hit::duration).reversed();
        };
        return primary.thenComparing((a, b) -> {
            int ids = Long.compareUnsigned(a.traceHigh, b.traceHigh);
            if (ids == 0) {
                ids = Long.compareUnsigned(a.traceLow, b.traceLow);
            }
            return ids != 0 ? ids : Long.compareUnsigned(a.spanId, b.spanId);
        });
    }

    /** A block of sequences to scan, with the best rank any of its spans can have. */
    private record Block(long id, long bound) {
    }

    /** What a query scans: blocks in order, where the candidates come from, and the column conditions. */
    private final class Scan {
        final List<Block> blocks = new ArrayList<>();
        final SpanQuery query;
        final SpanPredicate predicate;
        IntPostings postings;
        long[] traceSequences;
        long fromNanos;
        long toNanos;
        long minDuration;
        long maxDuration;
        /** The IDs of the names a span may have (the query's name and its other HTTP convention's); null: any. */
        int[] nameIds;
        boolean[] resourceMatches;
        int kind = -1;
        int status = -1;
        boolean failedOnly;
        /** Whether the error type must be checked on the unpacked span (the index did not answer it). */
        boolean checkErrorType;
        /** The attribute filters the index did not answer. */
        List<AttributeFilter> attributeFilters = List.of();
        /** The span unpacked by the last {@link #matches} call that needed it, for reuse. */
        StoredSpan decoded;

        Scan(SpanPredicate predicate, SpanQuery query) {
            this.query = query;
            this.predicate = predicate;
        }

        /** Notes which conditions the chosen candidates already answer, and what is left to check. */
        void answeredBy(Object exactlyAnswered) {
            checkErrorType = query.errorType().isPresent() && !query.errorType().get().equals(exactlyAnswered);
            attributeFilters = query.attributes().stream().filter(filter -> filter != exactlyAnswered).toList();
        }

        private boolean hasName(int nameId) {
            for (int id : nameIds) {
                if (id == nameId) {
                    return true;
                }
            }
            return false;
        }

        boolean matches(int slot) {
            SpanColumns c = columns;
            long start = c.start[slot];
            long duration = c.duration[slot];
            decoded = null;
            if (start < fromNanos || start >= toNanos || duration < minDuration || duration > maxDuration
                    || (nameIds != null && !hasName(c.nameId[slot]))
                    || (resourceMatches != null && !resourceMatches[c.resourceId[slot]])
                    || (kind >= 0 && c.kindOrdinal(slot) != kind)
                    || (status >= 0 && c.statusOrdinal(slot) != status)
                    || (failedOnly && !c.failed(slot))) {
                return false;
            }
            if (checkErrorType) {
                decoded = decode(slot);
                return predicate.test(decoded);
            }
            if (attributeFilters.isEmpty()) {
                return true;
            }
            long address = c.recordAddress[slot];
            Attributes attributes = codec.decodeAttributes(
                    new RecordReader(arena.chunk(address), ByteArena.offset(address), dictionary));
            Attributes resource = resources.get(c.resourceId[slot]).getAttributes();
            for (AttributeFilter filter : attributeFilters) {
                if (!filter.matches(attributes, resource)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Resolves the query against the columns and lists the blocks that can hold matches, best bound first. */
    private Scan plan(SpanQuery query, SpanPredicate predicate, SpanOrder order) {
        Scan scan = new Scan(predicate, query);
        scan.fromNanos = predicate.fromNanos();
        scan.toNanos = predicate.toNanosExclusive();
        scan.minDuration = predicate.minDurationNanos();
        scan.maxDuration = predicate.maxDurationNanos();
        scan.kind = query.kind().map(Enum::ordinal).orElse(-1);
        scan.status = query.status().map(Enum::ordinal).orElse(-1);
        scan.failedOnly = query.failedOnly();
        lock.readLock().lock();
        try {
            if (size == 0 || !resolveColumns(query, scan)) {
                return scan;
            }
            long first = TimeBlocks.blockOf(oldestSequence());
            long last = TimeBlocks.blockOf(nextSequence - 1);
            if (scan.traceSequences != null) {
                first = Math.max(first, TimeBlocks.blockOf(scan.traceSequences[0]));
                last = Math.min(last, TimeBlocks.blockOf(scan.traceSequences[scan.traceSequences.length - 1]));
            }
            for (long block = first; block <= last; block++) {
                if (blocks.maxStart(block) < scan.fromNanos || blocks.minStart(block) >= scan.toNanos
                        || blocks.maxDuration(block) < scan.minDuration) {
                    continue;
                }
                long bound = switch (order) {
                    case NEWEST_FIRST -> blocks.maxStart(block);
                    case OLDEST_FIRST -> -blocks.minStart(block);
                    case LONGEST_FIRST -> blocks.maxDuration(block);
                };
                scan.blocks.add(new Block(block, bound));
            }
        } finally {
            lock.readLock().unlock();
        }
        scan.blocks.sort(Comparator.comparingLong(Block::bound).reversed()
                .thenComparing(Block::id, Comparator.reverseOrder()));
        return scan;
    }

    /** @return {@code false} when a condition names something no stored span has. Holds the read lock. */
    private boolean resolveColumns(SpanQuery query, Scan scan) {
        if (query.spanName().isPresent()) {
            scan.nameIds = query.spanNames().stream().mapToInt(names::find).filter(id -> id >= 0).toArray();
            if (scan.nameIds.length == 0) {
                return false;
            }
        }
        if (query.service().isPresent()) {
            scan.resourceMatches = new boolean[resources.size()];
            boolean any = false;
            for (int id = 0; id < resources.size(); id++) {
                scan.resourceMatches[id] = query.service().get().equals(serviceOf(id));
                any |= scan.resourceMatches[id];
            }
            if (!any) {
                return false;
            }
        }
        if (query.traceId().isPresent()) {
            int[] slots = traceSlots(TraceKey.of(query.traceId().get()));
            if (slots.length == 0) {
                return false;
            }
            scan.traceSequences = new long[slots.length];
            for (int i = 0; i < slots.length; i++) {
                scan.traceSequences[slots.length - 1 - i] = sequenceAt(slots[i]);
            }
            scan.answeredBy(null);
            return true;
        }
        SpanIndex.Candidates candidates = index.candidates(query, oldestSequence());
        scan.answeredBy(candidates == null ? null : candidates.exactlyAnswers());
        scan.postings = candidates == null ? null : candidates.postings();
        return scan.postings == null || !scan.postings.isEmpty();
    }

    /** Hands every live span of the block that matches to {@code sink}, under the read lock. */
    private void scanBlock(Scan scan, Block block, java.util.function.IntConsumer sink) {
        long blockStart = TimeBlocks.firstSequence(block.id);
        long blockEnd = blockStart + TimeBlocks.BLOCK_SIZE;
        lock.readLock().lock();
        try {
            long oldest = oldestSequence();
            long from = Math.max(blockStart, oldest);
            long to = Math.min(blockEnd, nextSequence);
            if (scan.traceSequences != null) {
                for (long sequence : scan.traceSequences) {
                    if (sequence >= from && sequence < to) {
                        offerIfMatching(scan, slotOf(sequence), sink);
                    }
                }
            } else if (scan.postings != null) {
                IntPostings postings = scan.postings;
                for (int i = postings.lowerBound(from, oldest); i < postings.size(); i++) {
                    long sequence = postings.get(i, oldest);
                    if (sequence >= to) {
                        break;
                    }
                    offerIfMatching(scan, slotOf(sequence), sink);
                }
            } else {
                for (long sequence = from; sequence < to; sequence++) {
                    offerIfMatching(scan, slotOf(sequence), sink);
                }
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    private static void offerIfMatching(Scan scan, int slot, java.util.function.IntConsumer sink) {
        if (scan.matches(slot)) {
            sink.accept(slot);
        }
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

    @Override
    public List<String> services() {
        evictExpiredBeforeQuery();
        Set<String> services = new TreeSet<>();
        lock.readLock().lock();
        try {
            for (int id = 0; id < resources.size(); id++) {
                if (liveSpansByResource[id] > 0) {
                    services.add(serviceOf(id));
                }
            }
        } finally {
            lock.readLock().unlock();
        }
        return List.copyOf(services);
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
        return capacity;
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

    private long oldestSequence() {
        return nextSequence - size;
    }

    private int slotOf(long sequence) {
        return (int) (sequence % capacity);
    }

    private long nowNanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** Configures an {@link InMemorySpanStore}. */
    public static final class Builder {
        /** Default {@link #maxSpans(int)}. */
        public static final int DEFAULT_MAX_SPANS = 100_000;

        private int maxSpans = DEFAULT_MAX_SPANS;
        private Duration maxAge;
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
