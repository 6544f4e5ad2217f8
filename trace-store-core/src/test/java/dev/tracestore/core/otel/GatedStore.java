package dev.tracestore.core.otel;

import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.store.InMemorySpanStore;
import dev.tracestore.core.store.SpanStore;
import dev.tracestore.core.testing.ForwardingSpanStore;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;

/**
 * A real {@link InMemorySpanStore} behind a read-write lock, as a store whose queries hold a lock: {@link #add}
 * takes the write lock, and a test holds the read lock ({@link #holdAsQuery()}) to stand for a long query. Adds from
 * threads that {@code gated} does not name pass without the lock.
 */
final class GatedStore extends ForwardingSpanStore {

    private final SpanStore store;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Predicate<Thread> gated;
    private final CountDownLatch queryDone = new CountDownLatch(1);

    GatedStore(int capacity, Predicate<Thread> gated) {
        this(new InMemorySpanStore(capacity), gated);
    }

    private GatedStore(SpanStore store, Predicate<Thread> gated) {
        super(store);
        this.store = store;
        this.gated = gated;
    }

    /** Takes the read lock on a thread of its own, as a query would, until {@link #release()}. */
    void holdAsQuery() throws InterruptedException {
        CountDownLatch locked = new CountDownLatch(1);
        Thread query = new Thread(() -> {
            lock.readLock().lock();
            try {
                locked.countDown();
                queryDone.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                lock.readLock().unlock();
            }
        }, "query");
        query.setDaemon(true);
        query.start();
        locked.await();
    }

    /** Ends the query: the adds go through. */
    void release() {
        queryDone.countDown();
    }

    /** @return {@code true} once an add waits for the lock */
    boolean addIsWaiting() {
        return lock.hasQueuedThreads();
    }

    @Override
    public void add(StoredSpan span) {
        if (!gated.test(Thread.currentThread())) {
            store.add(span);
            return;
        }
        lock.writeLock().lock();
        try {
            store.add(span);
        } finally {
            lock.writeLock().unlock();
        }
    }
}
