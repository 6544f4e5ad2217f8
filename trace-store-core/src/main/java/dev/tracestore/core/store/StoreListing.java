package dev.tracestore.core.store;

import dev.tracestore.core.query.AttributeFilter.Scope;
import dev.tracestore.core.query.SpanPredicate;
import dev.tracestore.core.query.SpanQuery;
import io.opentelemetry.api.common.AttributeType;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.Lock;

/**
 * Lists services, operations and attribute keys and values of an {@link InMemorySpanStore} from its counters and
 * indices: over all stored spans, services come from the counted resources, operations from
 * {@link OperationCounts}, keys and values of span, event and link attributes from the {@link SpanIndex}, those of
 * resources and instrumentation scopes from their counted interners, without reading a span. Over a time window,
 * and for the values of a key with too many values to index one by one, it reads the window's spans in short
 * lock holds ({@link WindowScan}).
 */
final class StoreListing {

    /** The most spans read to count the values of a key that has too many to index one by one. */
    static final int VALUE_SCAN_SPANS = 100_000;

    private static final SpanKind[] KINDS = SpanKind.values();
    private static final int COLUMN_HOLD = TimeBlocks.BLOCK_SIZE;
    private static final int UNPACK_HOLD = BlockScanner.STEP_SPANS;
    private static final int ENTRIES_PER_HOLD = 4096;

    private final Lock readLock;
    private final SpanRing ring;
    private final WindowScan scan;

    StoreListing(Lock readLock, SpanRing ring) {
        this.readLock = readLock;
        this.ring = ring;
        this.scan = new WindowScan(readLock, ring);
    }

    /** @return the window in epoch nanoseconds, a look-back counted from the clock's now */
    static WindowScan.Range range(Listing.Window window, Clock clock) {
        if (window.all()) {
            return WindowScan.Range.ALL;
        }
        SpanQuery.Builder query = SpanQuery.builder();
        if (window.lookback() != null) {
            query.lookback(window.lookback());
        }
        if (window.from() != null) {
            query.from(window.from());
        }
        if (window.to() != null) {
            query.to(window.to());
        }
        SpanPredicate predicate = SpanPredicate.of(query.build(), clock.instant());
        return new WindowScan.Range(predicate.fromNanos(), predicate.toNanosExclusive());
    }

    SearchResult<Listing.Service> services(WindowScan.Range range, QueryBudget budget) {
        Map<String, Long> counts = new HashMap<>();
        String partial = null;
        if (range.all()) {
            readLock.lock();
            try {
                for (int id = 0; id < ring.resources.idLimit(); id++) {
                    if (ring.resources.get(id) != null) {
                        counts.merge(ring.serviceOfResource(id), (long) ring.resources.uses(id), Long::sum);
                    }
                }
            } finally {
                readLock.unlock();
            }
        } else {
            IdCounts perResource = new IdCounts();
            partial = scan.scan(range, COLUMN_HOLD, Long.MAX_VALUE, budget, new WindowScan.Visitor() {
                public void visit(int slot) {
                    perResource.add(ring.columns.resourceId[slot]);
                }

                public void endHold() {
                    perResource.drain((id, n) -> counts.merge(ring.serviceOfResource(id), (long) n, Long::sum));
                }
            });
        }
        List<Listing.Service> services = new ArrayList<>();
        counts.forEach((name, spans) -> services.add(new Listing.Service(name, spans)));
        services.sort(Comparator.comparing(Listing.Service::name));
        return new SearchResult<>(services, partial);
    }

    SearchResult<Listing.Operation> operations(String service, WindowScan.Range range, QueryBudget budget) {
        List<Listing.Operation> operations = new ArrayList<>();
        String partial = null;
        if (range.all()) {
            readLock.lock();
            try {
                ring.operations.forEach(service, (nameId, kind, spans) ->
                        operations.add(new Listing.Operation(ring.names.get(nameId), KINDS[kind], spans)));
            } finally {
                readLock.unlock();
            }
        } else {
            record NameKind(String name, SpanKind kind) {
            }
            Map<NameKind, Long> counts = new HashMap<>();
            Map<Long, int[]> perHold = new HashMap<>();
            partial = scan.scan(range, COLUMN_HOLD, Long.MAX_VALUE, budget, new WindowScan.Visitor() {
                public void visit(int slot) {
                    if (service.equals(ring.service(slot))) {
                        perHold.computeIfAbsent((long) ring.columns.nameId[slot] << 3 | ring.columns.kindOrdinal(slot),
                                k -> new int[1])[0]++;
                    }
                }

                public void endHold() {
                    perHold.forEach((key, n) -> counts.merge(new NameKind(ring.names.get((int) (key >>> 3)),
                            KINDS[(int) (key & 0x7)]), (long) n[0], Long::sum));
                    perHold.clear();
                }
            });
            counts.forEach((op, spans) -> operations.add(new Listing.Operation(op.name(), op.kind(), spans)));
        }
        operations.sort(Comparator.comparing(Listing.Operation::name).thenComparing(Listing.Operation::kind));
        return new SearchResult<>(operations, partial);
    }

    SearchResult<Listing.Key> keys(Scope scope, WindowScan.Range range, QueryBudget budget) {
        KeyTally tally = new KeyTally();
        String partial = null;
        List<Scope> scopes = scope == Scope.ANY
                ? List.of(Scope.SPAN, Scope.RESOURCE, Scope.EVENT, Scope.LINK, Scope.INSTRUMENTATION) : List.of(scope);
        if (range.all()) {
            readLock.lock();
            try {
                for (Scope each : scopes) {
                    switch (each) {
                        case RESOURCE -> forEachLive(ring.resources, (resource, uses) ->
                                tally.addAttributes(Scope.RESOURCE, resource.getAttributes(), uses));
                        case INSTRUMENTATION -> forEachLive(ring.scopes, (info, uses) ->
                                tally.addScope(info, uses));
                        default -> ring.index.keys(each).forEach((key, postings) ->
                                tally.add(each, key, postings.types(), postings.liveSpans()));
                    }
                }
            } finally {
                readLock.unlock();
            }
        } else {
            boolean unpack = scopes.contains(Scope.SPAN) || scopes.contains(Scope.EVENT) || scopes.contains(Scope.LINK);
            IdCounts perResource = new IdCounts();
            IdCounts perScope = new IdCounts();
            partial = scan.scan(range, unpack ? UNPACK_HOLD : COLUMN_HOLD, Long.MAX_VALUE, budget,
                    new WindowScan.Visitor() {
                        public void visit(int slot) {
                            perResource.add(ring.columns.resourceId[slot]);
                            perScope.add(ring.columns.scopeId[slot]);
                            if (scopes.contains(Scope.EVENT) || scopes.contains(Scope.LINK)) {
                                tally.addSpan(ring.decode(slot), scopes);
                            } else if (scopes.contains(Scope.SPAN)) {
                                tally.addAttributes(Scope.SPAN, ring.attributes(slot), 1);
                            }
                        }

                        public void endHold() {
                            perResource.drain((id, n) -> {
                                if (scopes.contains(Scope.RESOURCE)) {
                                    tally.addAttributes(Scope.RESOURCE, ring.resources.get(id).getAttributes(), n);
                                }
                            });
                            perScope.drain((id, n) -> {
                                if (scopes.contains(Scope.INSTRUMENTATION)) {
                                    tally.addScope(ring.scopes.get(id), n);
                                }
                            });
                        }
                    });
        }
        return new SearchResult<>(tally.keys(), partial);
    }

    /** @throws IllegalArgumentException for a blank key or a limit out of range */
    static void requireValueArguments(String key, String prefix, int limit) {
        if (Objects.requireNonNull(key, "key must not be null").isBlank()) {
            throw new IllegalArgumentException("key must not be blank");
        }
        Objects.requireNonNull(prefix, "prefix must not be null");
        if (limit < 1 || limit > SpanQuery.MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + SpanQuery.MAX_LIMIT + ", but was "
                    + limit);
        }
    }

    /** @param qualifiedKey a key, perhaps with a scope prefix */
    SearchResult<Listing.Value> values(String qualifiedKey, String prefix, int limit, WindowScan.Range range,
            QueryBudget budget) {
        Scope scope = Scope.of(qualifiedKey);
        String key = qualifiedKey.substring(scope.prefix().length());
        ValueTally tally = new ValueTally(key);
        String partial = null;
        for (Scope each : scope == Scope.ANY ? List.of(Scope.SPAN, Scope.RESOURCE) : List.of(scope)) {
            String reason = switch (each) {
                case RESOURCE -> interned(ring.resources, ring.columns.resourceId, range, budget,
                        (resource, n) -> tally.addAttributes(Scope.RESOURCE, resource.getAttributes(), n));
                case INSTRUMENTATION -> interned(ring.scopes, ring.columns.scopeId, range, budget, tally::addScope);
                default -> indexed(each, key, range, budget, tally);
            };
            partial = partial == null ? reason : partial;
        }
        return new SearchResult<>(tally.values(prefix, limit), partial);
    }

    /** Counts the values of a key of resources or scopes: per live number, or per number in the window's spans. */
    private <T> String interned(CountedInterner<T> interner, int[] ids, WindowScan.Range range, QueryBudget budget,
            Counter<T> counter) {
        if (range.all()) {
            readLock.lock();
            try {
                forEachLive(interner, counter);
            } finally {
                readLock.unlock();
            }
            return null;
        }
        IdCounts perId = new IdCounts();
        return scan.scan(range, COLUMN_HOLD, Long.MAX_VALUE, budget, new WindowScan.Visitor() {
            public void visit(int slot) {
                perId.add(ids[slot]);
            }

            public void endHold() {
                perId.drain((id, n) -> counter.count(interner.get(id), n));
            }
        });
    }

    /** Counts the values of a span, event or link key from its lists, or by reading spans when it has too many. */
    private String indexed(Scope scope, String key, WindowScan.Range range, QueryBudget budget, ValueTally tally) {
        List<Map.Entry<Object, IntPostings>> lists;
        readLock.lock();
        try {
            KeyPostings postings = ring.index.keys(scope).get(key);
            if (postings == null) {
                return null;
            }
            if (!postings.hasFewValues()) {
                lists = null;
            } else if (range.all()) {
                long oldest = ring.oldestSequence();
                postings.byValue.forEach((value, list) ->
                        tally.add(scope, value, KeyPostings.liveCount(list, oldest)));
                return null;
            } else {
                lists = List.copyOf(postings.byValue.entrySet());
            }
        } finally {
            readLock.unlock();
        }
        if (lists == null) {
            return scan.scan(range, UNPACK_HOLD, VALUE_SCAN_SPANS, budget, slot -> tally.addSpan(scope, ring, slot));
        }
        for (Map.Entry<Object, IntPostings> entry : lists) {
            long next = Long.MIN_VALUE;
            long count = 0;
            while (next != Long.MAX_VALUE) {
                if (budget.spent()) {
                    return budget.spentReason();
                }
                readLock.lock();
                try {
                    long oldest = ring.oldestSequence();
                    IntPostings list = entry.getValue();
                    int i = list.lowerBound(Math.max(next, oldest), oldest);
                    int end = Math.min(list.size(), i + ENTRIES_PER_HOLD);
                    for (; i < end; i++) {
                        if (range.contains(ring.columns.start[ring.slotOf(list.get(i, oldest))])) {
                            count++;
                        }
                    }
                    next = i < list.size() ? list.get(i, oldest) : Long.MAX_VALUE;
                } finally {
                    readLock.unlock();
                }
            }
            tally.add(scope, entry.getKey(), count);
        }
        return null;
    }

    /** Counts something per live use. */
    interface Counter<T> {
        void count(T value, int uses);
    }

    private static <T> void forEachLive(CountedInterner<T> interner, Counter<T> counter) {
        for (int id = 0; id < interner.idLimit(); id++) {
            T value = interner.get(id);
            if (value != null) {
                counter.count(value, interner.uses(id));
            }
        }
    }

    /** The keys of the instrumentation scope: its attributes, and its name and version. */
    static Map<String, AttributeType> scopeKeys(InstrumentationScopeInfo info) {
        Map<String, AttributeType> keys = new HashMap<>();
        keys.put("name", AttributeType.STRING);
        if (info.getVersion() != null) {
            keys.put("version", AttributeType.STRING);
        }
        info.getAttributes().forEach((key, value) -> keys.put(key.getKey(), key.getType()));
        return keys;
    }
}
