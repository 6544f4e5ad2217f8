package dev.tracestore.core.store;

import dev.tracestore.core.model.HexIds;
import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.FailureRules;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/**
 * The stored spans: a ring of {@code capacity} slots in insertion order. Each span gets a sequence number; its
 * slot is {@code sequence % capacity}, so eviction (first in, first out) overwrites the oldest slot. Fixed fields
 * live in {@link SpanColumns}, the rest in a record packed into the {@link ByteArena}; names, resources, scopes
 * and the strings of records are numbered with counted uses, freed with the last span that uses them; the {@link SpanIndex}, {@link TimeBlocks} and {@link TraceChains} are kept up to date with every
 * add and eviction. Not thread-safe; the store guards it.
 */
final class SpanRing {

    private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

    final int capacity;
    final SpanColumns columns;
    final SpanIndex index = new SpanIndex();
    final TimeBlocks blocks;
    final NameDurations nameDurations = new NameDurations();
    private final TraceChains traces = new TraceChains();
    private final Dictionary dictionary = new Dictionary();
    final CountedInterner<String> names = new CountedInterner<>(Integer.MAX_VALUE);
    private final SpanRecordCodec codec = new SpanRecordCodec(dictionary);
    private final RecordWriter recordWriter = new RecordWriter();
    private final ByteArena arena;
    final CountedInterner<Resource> resources = new CountedInterner<>(Integer.MAX_VALUE);
    final CountedInterner<InstrumentationScopeInfo> scopes = new CountedInterner<>(Integer.MAX_VALUE);
    final OperationCounts operations = new OperationCounts();
    /** The {@code service.name} of each resource number, so a service condition costs a string comparison. */
    private String[] serviceByResource = new String[8];
    private final long sweepEvery;
    private final FailureRules failureRules;
    private long nextSequence;
    private int size;
    private long evicted;
    private long addsSinceSweep;
    /** The sequence being evicted, for {@link #releasedKeys}: one reader and one receiver for every eviction. */
    private long evicting;
    private final RecordReader evictionReader;
    private final SpanRecordCodec.ReleasedKeys releasedKeys =
            (scope, position, key, type) -> index.release(scope, position, key, type, evicting);

    SpanRing(int capacity, FailureRules failureRules) {
        this.capacity = capacity;
        this.failureRules = failureRules;
        this.columns = new SpanColumns(capacity);
        this.blocks = new TimeBlocks(capacity);
        this.arena = new ByteArena(capacity);
        this.sweepEvery = Math.max(4096, capacity / 2);
        this.evictionReader = new RecordReader(null, 0, dictionary);
    }

    /** Adds a span, evicting the oldest when full. */
    void add(StoredSpan span) {
        if (size == capacity) {
            evictOldest();
        }
        write(nextSequence++, span);
        size++;
        if (++addsSinceSweep >= sweepEvery) {
            index.sweep(oldestSequence());
            addsSinceSweep = 0;
        }
    }

    private void write(long sequence, StoredSpan span) {
        int slot = slotOf(sequence);
        SpanColumns c = columns;
        long high = HexIds.parseLong(span.traceId(), 0);
        long low = HexIds.parseLong(span.traceId(), 16);
        c.traceHigh[slot] = high;
        c.traceLow[slot] = low;
        c.spanId[slot] = HexIds.parseLong(span.spanId(), 0);
        c.parentSpanId[slot] = span.isRoot() ? 0 : HexIds.parseLong(span.parentSpanId(), 0);
        c.start[slot] = span.startEpochNanos();
        c.duration[slot] = span.durationNanos();
        c.nameId[slot] = names.acquire(span.name());
        int resource = resources.acquire(span.resource());
        if (resources.uses(resource) == 1) {
            if (resource >= serviceByResource.length) {
                serviceByResource = Arrays.copyOf(serviceByResource, serviceByResource.length * 2);
            }
            index.addResourceKeys(span.resource().getAttributes());
            String service = span.resource().getAttribute(SERVICE_NAME);
            serviceByResource[resource] = service == null ? "" : service;
        }
        c.resourceId[slot] = resource;
        operations.add(serviceByResource[resource], c.nameId[slot], span.kind().ordinal());
        c.scopeId[slot] = scopes.acquire(span.scope());
        boolean failed = failureRules.isFailure(span);
        c.flags[slot] = SpanColumns.flags(span.kind(), span.statusCode(), failed);
        c.previousInTrace[slot] = traces.link(high, low, slot);
        index.add(sequence, span, failed, sequence - size);
        recordWriter.reset();
        codec.encode(recordWriter, span.statusMessage(), span.attributes(), span.events(), span.links(),
                span.startEpochNanos(), index.numberedSpanValues);
        c.recordAddress[slot] = arena.append(recordWriter.buffer(), recordWriter.length());
        blocks.add(sequence, span.startEpochNanos(), span.durationNanos());
        nameDurations.add(sequence, c.nameId[slot], span.durationNanos(), sequence - size);
    }

    /** Evicts the oldest span. */
    void evictOldest() {
        long sequence = oldestSequence();
        int slot = slotOf(sequence);
        SpanColumns c = columns;
        operations.remove(serviceByResource[c.resourceId[slot]], c.nameId[slot], c.kindOrdinal(slot));
        names.release(c.nameId[slot]);
        Resource resource = resources.get(c.resourceId[slot]);
        if (resources.release(c.resourceId[slot])) {
            index.removeResourceKeys(resource.getAttributes());
            serviceByResource[c.resourceId[slot]] = null;
        }
        scopes.release(c.scopeId[slot]);
        evicting = sequence;
        evictionReader.moveTo(arena.chunk(c.recordAddress[slot]), ByteArena.offset(c.recordAddress[slot]));
        codec.release(evictionReader, releasedKeys);
        traces.unlink(c.traceHigh[slot], c.traceLow[slot], slot);
        size--;
        evicted++;
        if (size > 0) {
            arena.releaseBefore(c.recordAddress[slotOf(oldestSequence())]);
        }
    }

    /** @return the end of the oldest span in epoch nanoseconds, or {@link Long#MAX_VALUE} when empty */
    long oldestEnd() {
        if (size == 0) {
            return Long.MAX_VALUE;
        }
        int slot = slotOf(oldestSequence());
        return columns.start[slot] + columns.duration[slot];
    }

    int size() {
        return size;
    }

    long evicted() {
        return evicted;
    }

    long oldestSequence() {
        return nextSequence - size;
    }

    /** @return the sequence the next span will get: one past the newest */
    long nextSequence() {
        return nextSequence;
    }

    int slotOf(long sequence) {
        return (int) (sequence % capacity);
    }

    /** @return the live sequence held in {@code slot}, or -1 when the slot is free */
    long sequenceAt(int slot) {
        long oldest = oldestSequence();
        int offset = Math.floorMod(slot - slotOf(oldest), capacity);
        return offset < size ? oldest + offset : -1;
    }

    /** @return the live slots of a trace, newest first */
    int[] traceSlots(long high, long low) {
        int newest = traces.newest(high, low);
        if (newest < 0) {
            return new int[0];
        }
        int[] slots = new int[8];
        int count = 0;
        long previousSequence = Long.MAX_VALUE;
        for (int slot = newest; slot >= 0; slot = columns.previousInTrace[slot]) {
            long sequence = sequenceAt(slot);
            // a link to an evicted span points at a free or reused slot: the chain ends there
            if (sequence < 0 || sequence >= previousSequence || columns.traceHigh[slot] != high
                    || columns.traceLow[slot] != low) {
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

    /** @return the span in {@code slot}, unpacked */
    StoredSpan decode(int slot) {
        SpanColumns c = columns;
        return decode(slot, traceId(slot), HexIds.toHex(c.spanId[slot]),
                c.parentSpanId[slot] == 0 ? "" : HexIds.toHex(c.parentSpanId[slot]));
    }

    /** @return the trace ID of the span in {@code slot} as hex */
    String traceId(int slot) {
        return HexIds.toHex(columns.traceHigh[slot]) + HexIds.toHex(columns.traceLow[slot]);
    }

    /** @return the span in {@code slot}, unpacked, with its IDs already formatted (shared with its trace's others) */
    StoredSpan decode(int slot, String traceId, String spanId, String parentSpanId) {
        SpanColumns c = columns;
        SpanRecordCodec.Fields fields = codec.decode(reader(slot), c.start[slot]);
        return new StoredSpan(
                traceId,
                spanId,
                parentSpanId,
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

    /** @return only the span attributes of the span in {@code slot}, for matching attribute filters */
    Attributes attributes(int slot) {
        return codec.decodeAttributes(reader(slot));
    }

    /** @return one span attribute of the span in {@code slot} by name ({@link TraceSpans#attribute}), or null */
    Object attribute(int slot, String name) {
        return codec.decodeAttribute(reader(slot), name);
    }

    /** @return the status message of the span in {@code slot} */
    String statusMessage(int slot) {
        return codec.decodeStatusMessage(reader(slot));
    }

    private RecordReader reader(int slot) {
        long address = columns.recordAddress[slot];
        return new RecordReader(arena.chunk(address), ByteArena.offset(address), dictionary);
    }

    Attributes resourceAttributes(int slot) {
        return resources.get(columns.resourceId[slot]).getAttributes();
    }

    String name(int slot) {
        return names.get(columns.nameId[slot]);
    }

    /** @return the number of a span name that live spans have, or a negative number */
    /** @return what counts as failed in this store */
    FailureRules failureRules() {
        return failureRules;
    }

    int nameId(String name) {
        return names.find(name);
    }

    /** @return the {@code service.name} of the span in {@code slot}, or "" */
    String service(int slot) {
        return serviceByResource[columns.resourceId[slot]];
    }

    /** @return the {@code service.name} of a live resource number, or "" */
    String serviceOfResource(int resourceId) {
        return serviceByResource[resourceId];
    }

    /** @return the instrumentation scope of the span in {@code slot} */
    InstrumentationScopeInfo scope(int slot) {
        return scopes.get(columns.scopeId[slot]);
    }

    /** @return whether a live span has the service */
    boolean hasService(String service) {
        for (int id = 0; id < resources.idLimit(); id++) {
            if (service.equals(serviceByResource[id])) {
                return true;
            }
        }
        return false;
    }

    /** @return the services that live spans have, sorted */
    Set<String> services() {
        Set<String> services = new TreeSet<>();
        for (int id = 0; id < resources.idLimit(); id++) {
            if (serviceByResource[id] != null) {
                services.add(serviceByResource[id]);
            }
        }
        return services;
    }
}
