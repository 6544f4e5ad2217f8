package dev.tracestore.cli;

import dev.tracestore.core.log.ReadResult;
import dev.tracestore.core.store.InMemorySpanStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * Reads the newest spans of the files into a store, for questions that need whole traces in memory (TraceQL's
 * structure and aggregates): at most {@code maxSpans}, like the app's {@code tracestore.max-spans}, so memory stays
 * bounded whatever the files hold. Newest is by start time over all the paths together, not by file order, so the
 * files of several services are cut at one moment: pass 1 keeps start times only (at most twice {@code maxSpans}) to
 * find that moment, pass 2 keeps the spans that start at or after it.
 *
 * <pre>{@code
 * NewestSpans.Loaded loaded = NewestSpans.load(files, 100_000, clock);
 * loaded.store().searchSpans(query);
 * }</pre>
 */
final class NewestSpans {

    /**
     * @param store the spans kept
     * @param read what pass 2 read and skipped
     * @param spansInFiles the spans pass 1 counted
     * @param kept how many were kept
     * @param cutoff the start of the oldest span kept when older ones were left out, else {@code null}
     */
    record Loaded(InMemorySpanStore store, ReadResult read, long spansInFiles, long kept, Instant cutoff) {

        /** @return what was not searched, for the user, or {@code null} when every span was */
        String leftOut() {
            return cutoff == null ? null : "searched only the newest " + Listings.count(kept, "span") + " of "
                    + spansInFiles + " (starting at or after " + cutoff + "); raise --max-spans to search further back";
        }
    }

    private NewestSpans() {
    }

    /**
     * @param files the span files
     * @param maxSpans the most spans to keep, at least 1
     * @param clock the store's clock
     * @return the store holding the newest spans
     */
    static Loaded load(SpanFiles files, int maxSpans, Clock clock) {
        NewestStarts starts = new NewestStarts(maxSpans);
        ReadResult counted = files.read("pass 1 of 2", span -> starts.add(span.startEpochNanos()));
        long cutoff = starts.cutoff();
        int room = (int) Math.max(1, Math.min(counted.spansRead(), maxSpans));
        InMemorySpanStore store = InMemorySpanStore.builder().maxSpans(room).clock(clock)
                .queryTimeout(Duration.ofMinutes(10)).build();
        int[] left = {room};
        ReadResult read = files.read("pass 2 of 2", span -> {
            // Spans appended after pass 1 (the app may still be writing) find no room: the store never evicts.
            if (span.startEpochNanos() >= cutoff && left[0] > 0) {
                left[0]--;
                store.add(span);
            }
        });
        Instant from = cutoff == Long.MIN_VALUE ? null : Instant.ofEpochSecond(0, cutoff);
        return new Loaded(store, read, counted.spansRead(), room - left[0], from);
    }

    /** The start times of the newest {@code max} spans seen: a buffer of twice that, cut to the newest when full. */
    private static final class NewestStarts {

        private final int max;
        private long[] starts = new long[1024];
        private int size;
        private long seen;

        NewestStarts(int max) {
            this.max = max;
        }

        void add(long start) {
            if (size == starts.length) {
                if (starts.length < 2L * max) {
                    starts = Arrays.copyOf(starts, (int) Math.min(2L * max, 2L * starts.length));
                } else {
                    keepNewest();
                }
            }
            starts[size++] = start;
            seen++;
        }

        /** @return the start of the oldest of the newest {@code max}, {@link Long#MIN_VALUE} when all are kept */
        long cutoff() {
            if (seen <= max) {
                return Long.MIN_VALUE;
            }
            keepNewest();
            return starts[0];
        }

        private void keepNewest() {
            Arrays.sort(starts, 0, size);
            System.arraycopy(starts, size - max, starts, 0, max);
            size = max;
        }
    }
}
