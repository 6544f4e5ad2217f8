package dev.tracestore.core.store;

import dev.tracestore.core.model.HexIds;
import dev.tracestore.core.model.StoredSpan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The in-memory {@link SpanStore}: a ring buffer of {@code capacity} slots in insertion order with a trace-ID
 * index. Each span gets a sequence number; its slot is {@code sequence % capacity}, so eviction is overwriting
 * the oldest slot and removing the first entry of that trace's posting list.
 *
 * <pre>{@code
 * InMemorySpanStore store = new InMemorySpanStore(100_000);
 * processorBuilder.store(store);
 * }</pre>
 */
public final class InMemorySpanStore implements SpanStore {

    /** Trace order: start time, then span ID. */
    static final Comparator<StoredSpan> BY_START_THEN_SPAN_ID = Comparator
            .comparingLong(StoredSpan::startEpochNanos)
            .thenComparing(StoredSpan::spanId);

    private final StoredSpan[] slots;
    private final Map<String, SequenceList> byTraceId = new HashMap<>();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private long nextSequence;
    private int size;
    private long evicted;

    /**
     * @param capacity the most spans to hold, at least 1
     * @throws IllegalArgumentException when {@code capacity} is less than 1
     */
    public InMemorySpanStore(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("maxSpans must be at least 1, but was " + capacity);
        }
        this.slots = new StoredSpan[capacity];
    }

    @Override
    public void add(StoredSpan span) {
        lock.writeLock().lock();
        try {
            if (size == slots.length) {
                evictOldest();
            }
            long sequence = nextSequence++;
            slots[slotOf(sequence)] = span;
            byTraceId.computeIfAbsent(span.traceId(), id -> new SequenceList()).append(sequence);
            size++;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void evictOldest() {
        long sequence = nextSequence - size;
        int slot = slotOf(sequence);
        StoredSpan oldest = slots[slot];
        SequenceList trace = byTraceId.get(oldest.traceId());
        trace.removeFirst(sequence);
        if (trace.isEmpty()) {
            byTraceId.remove(oldest.traceId());
        }
        slots[slot] = null;
        size--;
        evicted++;
    }

    @Override
    public List<StoredSpan> getTrace(String traceId) {
        HexIds.requireTraceId(traceId, "traceId");
        List<StoredSpan> spans;
        lock.readLock().lock();
        try {
            SequenceList sequences = byTraceId.get(traceId);
            if (sequences == null) {
                return List.of();
            }
            spans = new ArrayList<>(sequences.size());
            for (int i = 0; i < sequences.size(); i++) {
                spans.add(slots[slotOf(sequences.get(i))]);
            }
        } finally {
            lock.readLock().unlock();
        }
        spans.sort(BY_START_THEN_SPAN_ID);
        return List.copyOf(spans);
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
}
