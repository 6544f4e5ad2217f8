package dev.tracestore.benchmarks.workload;

import dev.tracestore.core.store.InMemorySpanStore;
import zipkin2.Call;
import zipkin2.storage.InMemoryStorage;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Fills our store and Zipkin's with the same workload, trace by trace, holding no span outside the store (so
 * a heap measurement sees only what the store retains).
 *
 * <pre>{@code
 * Workload workload = Workload.ofSpans(1_000_000);
 * InMemorySpanStore ours = Stores.ours(workload);
 * InMemoryStorage zipkin = Stores.zipkin(workload);
 * }</pre>
 */
public final class Stores {

    private Stores() {
    }

    /** @param workload the spans @return our store, sized to hold every span of the workload */
    public static InMemorySpanStore ours(Workload workload) {
        InMemorySpanStore store = InMemorySpanStore.builder().maxSpans((int) workload.spanCount()).build();
        for (int trace = 0; trace < workload.traceCount(); trace++) {
            workload.trace(trace).forEach(store::add);
        }
        return store;
    }

    /** @param workload the spans @return Zipkin's in-memory storage, sized to hold every span of the workload */
    public static InMemoryStorage zipkin(Workload workload) {
        InMemoryStorage storage = InMemoryStorage.newBuilder().maxSpanCount((int) workload.spanCount()).build();
        ZipkinSpans converter = new ZipkinSpans();
        for (int trace = 0; trace < workload.traceCount(); trace++) {
            execute(storage.accept(converter.convert(workload.trace(trace))));
        }
        return storage;
    }

    /**
     * Runs a Zipkin call; the in-memory storage never fails, so its checked exception is only rethrown.
     *
     * @param call the call
     * @param <T> the result type
     * @return the result
     */
    public static <T> T execute(Call<T> call) {
        try {
            return call.execute();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
