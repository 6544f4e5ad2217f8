package dev.tracestore.core.store;

import dev.tracestore.core.model.HexIds;
import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.AttributeFilter;
import dev.tracestore.core.query.RegexBudget;
import dev.tracestore.core.query.SpanOrder;
import dev.tracestore.core.query.SpanPredicate;
import dev.tracestore.core.query.SpanQuery;
import io.opentelemetry.api.common.Attributes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * How one query reads the ring: the blocks that can hold matches (best bound first), where the candidates come
 * from (a trace's chain, a posting list, or every sequence), and the conditions left to check per span.
 *
 * <p>The plan is made under one read lock and used under many later ones, while spans are added and evicted in
 * between. It therefore keeps only what stays true: sequence numbers (never reused) and posting lists (which only
 * ever hold sequences of spans that had the value). Numbers that eviction frees and reuses (span names) are
 * resolved again in every lock hold ({@link #refresh}); services are compared as strings; nothing is kept
 * per resource number. So a span is matched against the state it is stored in, and a reused number never makes a
 * span match that does not.
 */
final class QueryPlan {

    /** A block of sequences to scan, with the best rank any of its spans can have. */
    record Block(long id, long bound) {
    }

    final List<Block> blocks = new ArrayList<>();
    private final SpanQuery query;
    private final long fromNanos;
    private final long toNanos;
    private final long minDuration;
    private final long maxDuration;
    private final int kind;
    private final int status;
    /** The names a span may have (the query's name and its other HTTP convention's); empty: any. */
    private final List<String> spanNames;
    private final String service;
    /** The sequences of the queried trace, ascending, or {@code null}. */
    long[] traceSequences;
    /** The candidates from the index, or {@code null} to read every sequence. */
    IntPostings postings;
    /** Whether the error type must be checked on the unpacked span (the index did not answer it). */
    private boolean checkErrorType;
    /** The attribute filters the index did not answer. */
    private List<AttributeFilter> attributeFilters = List.of();
    /** Whether one of them reads events, links or the instrumentation scope, so the whole span is unpacked. */
    private boolean wholeSpan;
    /** The numbers of those names in the current lock hold. */
    private int[] nameIds;
    /** The windows without a span of those names that lasts {@link #minDuration}, or {@code null}. */
    private final NameDurationSkip durationSkip;
    /** The span unpacked by the last {@link #matches} call that needed it, for reuse. */
    StoredSpan decoded;

    private QueryPlan(SpanQuery query, SpanPredicate predicate) {
        this.query = query;
        this.fromNanos = predicate.fromNanos();
        this.toNanos = predicate.toNanosExclusive();
        this.minDuration = predicate.minDurationNanos();
        this.maxDuration = predicate.maxDurationNanos();
        this.kind = query.kind().map(Enum::ordinal).orElse(-1);
        this.status = query.status().map(Enum::ordinal).orElse(-1);
        this.spanNames = query.spanNames();
        this.service = query.service().orElse(null);
        this.durationSkip = spanNames.isEmpty() || minDuration <= 0 ? null : new NameDurationSkip(minDuration);
    }

    /**
     * Plans a query; the caller holds the read lock.
     *
     * @param order the order blocks are read in: the best bound for that order first
     */
    static QueryPlan of(SpanQuery query, SpanPredicate predicate, SpanOrder order, SpanRing ring) {
        QueryPlan plan = new QueryPlan(query, predicate);
        if (ring.size() == 0 || !plan.resolve(ring)) {
            return plan;
        }
        long first = TimeBlocks.blockOf(ring.oldestSequence());
        long last = TimeBlocks.blockOf(ring.nextSequence() - 1);
        if (plan.traceSequences != null) {
            first = Math.max(first, TimeBlocks.blockOf(plan.traceSequences[0]));
            last = Math.min(last, TimeBlocks.blockOf(plan.traceSequences[plan.traceSequences.length - 1]));
        }
        TimeBlocks blocks = ring.blocks;
        for (long block = first; block <= last; block++) {
            if (blocks.maxStart(block) < plan.fromNanos || blocks.minStart(block) >= plan.toNanos
                    || blocks.maxDuration(block) < plan.minDuration) {
                continue;
            }
            long bound = switch (order) {
                case NEWEST_FIRST -> blocks.maxStart(block);
                case OLDEST_FIRST -> -blocks.minStart(block);
                case LONGEST_FIRST -> blocks.maxDuration(block);
            };
            plan.blocks.add(new Block(block, bound));
        }
        plan.blocks.sort(Comparator.comparingLong(Block::bound).reversed()
                .thenComparing(Block::id, Comparator.reverseOrder()));
        return plan;
    }

    /** @return {@code false} when a condition names something no stored span has */
    private boolean resolve(SpanRing ring) {
        if (!refresh(ring) || (service != null && !ring.hasService(service))) {
            return false;
        }
        if (query.traceId().isPresent()) {
            String traceId = query.traceId().get();
            int[] slots = ring.traceSlots(HexIds.parseLong(traceId, 0), HexIds.parseLong(traceId, 16));
            if (slots.length == 0) {
                return false;
            }
            traceSequences = new long[slots.length];
            for (int i = 0; i < slots.length; i++) {
                traceSequences[slots.length - 1 - i] = ring.sequenceAt(slots[i]);
            }
            answeredBy(null);
            return true;
        }
        SpanIndex.Candidates candidates = ring.index.candidates(query, ring.oldestSequence());
        answeredBy(candidates == null ? null : candidates.exactlyAnswers());
        postings = candidates == null ? null : candidates.postings();
        return postings == null || !postings.isEmpty();
    }

    /** Notes which condition the chosen candidates already answer, and what is left to check. */
    private void answeredBy(Object exactlyAnswered) {
        checkErrorType = query.errorType().isPresent() && !query.errorType().get().equals(exactlyAnswered);
        attributeFilters = query.attributes().stream().filter(filter -> filter != exactlyAnswered).toList();
        wholeSpan = attributeFilters.stream().anyMatch(filter -> filter.scope() == AttributeFilter.Scope.EVENT
                || filter.scope() == AttributeFilter.Scope.LINK);
    }

    /**
     * Resolves again, at the start of a lock hold, what eviction may have changed since the last one.
     *
     * @return {@code false} when no span can match in this hold
     */
    boolean refresh(SpanRing ring) {
        if (spanNames.isEmpty()) {
            return true;
        }
        // once per lock hold of a scan: a loop, not a stream
        int[] ids = new int[spanNames.size()];
        int found = 0;
        for (String name : spanNames) {
            int id = ring.nameId(name);
            if (id >= 0) {
                ids[found++] = id;
            }
        }
        nameIds = found == ids.length ? ids : Arrays.copyOf(ids, found);
        if (durationSkip != null) {
            durationSkip.refresh(ring.nameDurations, nameIds, ring.oldestSequence());
        }
        return found > 0;
    }

    /**
     * Tells whether the window of sequences holding {@code sequence} may hold a match, as far as span names and
     * durations tell; the caller holds the read lock, called {@link #refresh} in this hold and asks in ascending
     * order within it.
     */
    boolean windowMayMatch(long sequence) {
        return durationSkip == null || durationSkip.mayHold(sequence);
    }

    private boolean hasName(int nameId) {
        for (int id : nameIds) {
            if (id == nameId) {
                return true;
            }
        }
        return false;
    }

    /**
     * Tells whether the live span in {@code slot} matches; the caller holds the read lock and called
     * {@link #refresh} in this hold.
     *
     * @throws RegexBudget.Spent when the query's regular expressions run out of budget
     */
    boolean matches(SpanRing ring, int slot, RegexBudget budget) {
        SpanColumns c = ring.columns;
        long start = c.start[slot];
        long duration = c.duration[slot];
        decoded = null;
        if (start < fromNanos || start >= toNanos || duration < minDuration || duration > maxDuration
                || (nameIds != null && !hasName(c.nameId[slot]))
                || (kind >= 0 && c.kindOrdinal(slot) != kind)
                || (status >= 0 && c.statusOrdinal(slot) != status)
                || (query.failedOnly() && !c.failed(slot))
                || (service != null && !service.equals(ring.service(slot)))) {
            return false;
        }
        Attributes attributes = null;
        Attributes resource = null;
        if (checkErrorType || wholeSpan) {
            decoded = ring.decode(slot);
            if (checkErrorType && !ring.failureRules().hasErrorType(decoded, query.errorType().get())) {
                return false;
            }
            attributes = decoded.attributes();
            resource = decoded.resource().getAttributes();
        }
        for (AttributeFilter filter : attributeFilters) {
            boolean holds;
            switch (filter.scope()) {
                case EVENT, LINK -> holds = filter.matches(decoded, budget);
                // the scope is numbered: no need to unpack the span
                case INSTRUMENTATION -> holds = filter.matches(ring.scope(slot), budget);
                default -> {
                    if (attributes == null) {
                        attributes = ring.attributes(slot);
                        resource = ring.resourceAttributes(slot);
                    }
                    holds = filter.matches(attributes, resource, budget);
                }
            }
            if (!holds) {
                return false;
            }
        }
        return true;
    }

    /** @return whether matching a span may cost more than reading its columns */
    boolean unpacks() {
        return checkErrorType || !attributeFilters.isEmpty();
    }
}
