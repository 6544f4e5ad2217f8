package dev.tracestore.core.traceql;

import dev.tracestore.core.query.SpanOrder;
import dev.tracestore.core.query.SpanQuery;
import dev.tracestore.core.store.QueryDeadline;
import dev.tracestore.core.store.SearchResult;
import dev.tracestore.core.store.SpanStart;
import dev.tracestore.core.store.SpanStore;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The trace IDs of candidate spans, newest span first, each trace once: one cursor per plan alternative pages
 * through {@link SpanStore#searchSpanStarts} (newest first, each next page ending where the last began; only the
 * trace ID and start of each span, as the traces are read whole afterwards), and the cursors are merged by span
 * start. Pages grow from a little above the limit up to {@link SpanQuery#MAX_LIMIT}.
 */
final class CandidateTraces {

    private final PriorityQueue<Cursor> cursors = new PriorityQueue<>((a, b) -> Long.compare(b.headStart(),
            a.headStart()));
    private final Set<String> seen = new HashSet<>();
    private String truncatedReason;

    CandidateTraces(SpanStore store, List<Planner.Alternative> plan, Instant from, Instant to, int limit,
            QueryDeadline deadline) {
        List<Planner.Alternative> alternatives = plan == null ? List.of(new Planner.Alternative(java.util.Map.of()))
                : plan;
        // most queries match about one span per trace: a first page a little above the limit, doubling after
        int firstPage = Math.min(SpanQuery.MAX_LIMIT, limit + limit / 4 + 16);
        for (Planner.Alternative alternative : alternatives) {
            if (contradicts(alternative)) {
                continue;
            }
            Cursor cursor = new Cursor(store, deadline, alternative, from, to, firstPage);
            if (cursor.advance()) {
                cursors.add(cursor);
            }
        }
    }

    /** @return whether no span can satisfy the alternative, such as {@code duration > 2s && duration < 1s} */
    private static boolean contradicts(Planner.Alternative alternative) {
        try {
            alternative.builder().build();
            return false;
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    /** A trace to evaluate, with the start of its candidate span: no later candidate starts after it. */
    record Candidate(String traceId, long spanStart) {
    }

    /** @return the trace of the next candidate span whose trace was not handed out yet, or {@code null} */
    Candidate next() {
        while (!cursors.isEmpty()) {
            Cursor cursor = cursors.poll();
            SpanStart head = cursor.head();
            if (cursor.advance()) {
                cursors.add(cursor);
            } else if (cursor.truncatedReason != null && truncatedReason == null) {
                truncatedReason = cursor.truncatedReason;
            }
            if (seen.add(head.traceId())) {
                return new Candidate(head.traceId(), head.startEpochNanos());
            }
        }
        return null;
    }

    /** @return why a store search stopped early, or {@code null} */
    String truncatedReason() {
        return truncatedReason;
    }

    /** Pages through one alternative's spans, newest first. */
    private static final class Cursor {
        private final SpanStore store;
        private final QueryDeadline deadline;
        private final Planner.Alternative alternative;
        private final Instant from;
        private Instant to;
        private int pageSize;
        private List<SpanStart> page = List.of();
        private int position = -1;
        private boolean lastPage;
        private String truncatedReason;

        Cursor(SpanStore store, QueryDeadline deadline, Planner.Alternative alternative, Instant from, Instant to,
                int pageSize) {
            this.store = store;
            this.deadline = deadline;
            this.alternative = alternative;
            this.from = from;
            this.to = to;
            this.pageSize = pageSize;
        }

        SpanStart head() {
            return page.get(position);
        }

        long headStart() {
            return head().startEpochNanos();
        }

        /** @return whether there is a next span; fetches the next page when this one is used up */
        boolean advance() {
            position++;
            if (position < page.size()) {
                return true;
            }
            if (lastPage) {
                return false;
            }
            fetch();
            return position < page.size();
        }

        private void fetch() {
            Instant pageEnd = to;
            if (!page.isEmpty()) {
                // spans starting in the same nanosecond as the last one may continue on the next page
                // (a page holding only such spans is fetched again, larger; beyond the largest page they are skipped)
                Instant lastStart = Instant.ofEpochSecond(0, page.get(page.size() - 1).startEpochNanos());
                pageEnd = lastStart.plusNanos(1);
                if (pageEnd.equals(to) && pageSize >= SpanQuery.MAX_LIMIT) {
                    pageEnd = lastStart;
                }
                pageSize = Math.min(SpanQuery.MAX_LIMIT, pageSize * 2);
            }
            if (from != null && pageEnd != null && !from.isBefore(pageEnd)) {
                page = List.of();
                lastPage = true;
                return;
            }
            SpanQuery.Builder query = alternative.builder().order(SpanOrder.NEWEST_FIRST).limit(pageSize);
            if (from != null) {
                query.from(from);
            }
            if (pageEnd != null) {
                query.to(pageEnd);
            }
            SearchResult<SpanStart> found = store.searchSpanStarts(query.build(), deadline);
            page = found.items();
            position = 0;
            truncatedReason = found.truncatedReason();
            lastPage = found.items().size() < pageSize || found.partial();
            to = pageEnd;
        }
    }
}
