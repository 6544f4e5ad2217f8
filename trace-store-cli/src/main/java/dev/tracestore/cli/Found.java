package dev.tracestore.cli;

import dev.tracestore.core.log.ReadResult;

import java.util.List;

/**
 * What a search over the span files found, with what reading them met on the way.
 *
 * @param results the results, in the query's order
 * @param read what the last pass over the files read and skipped
 * @param truncatedReason why the store's search stopped early (its query budget ran out), or {@code null}
 * @param <T> spans or trace summaries
 */
record Found<T>(List<T> results, ReadResult read, String truncatedReason) {

    Found {
        results = List.copyOf(results);
    }

    /** A complete answer. */
    Found(List<T> results, ReadResult read) {
        this(results, read, null);
    }
}
