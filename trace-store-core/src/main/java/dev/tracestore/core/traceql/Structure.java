package dev.tracestore.core.traceql;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * The structural operators: which spans of the right side stand in a relation to some span of the left side. The
 * negated operators answer the right side's spans that do not; a span whose parent is not stored has no parent,
 * no ancestors and (unless it shares its parent ID with another span) no siblings.
 */
final class Structure {

    private Structure() {
    }

    static BitSet related(TokenType operator, BitSet left, BitSet right, TraceView trace) {
        BitSet related = switch (operator) {
            case GT, NOT_CHILD -> children(left, right, trace);
            case LT, NOT_PARENT -> parents(left, right, trace);
            case DESC, NOT_DESC -> descendants(left, right, trace);
            case ANCE, NOT_ANCE -> ancestors(left, right, trace);
            case TILDE, NRE -> siblings(left, right, trace);
            default -> throw new IllegalStateException("not a structural operator: " + operator);
        };
        if (operator == TokenType.NOT_CHILD || operator == TokenType.NOT_PARENT || operator == TokenType.NOT_DESC
                || operator == TokenType.NOT_ANCE || operator == TokenType.NRE) {
            BitSet others = (BitSet) right.clone();
            others.andNot(related);
            return others;
        }
        return related;
    }

    /** Right spans whose parent is a left span. */
    private static BitSet children(BitSet left, BitSet right, TraceView trace) {
        BitSet out = new BitSet(trace.size());
        for (int i = right.nextSetBit(0); i >= 0; i = right.nextSetBit(i + 1)) {
            if (trace.parent[i] >= 0 && left.get(trace.parent[i])) {
                out.set(i);
            }
        }
        return out;
    }

    /** Right spans that are the parent of a left span. */
    private static BitSet parents(BitSet left, BitSet right, TraceView trace) {
        BitSet out = new BitSet(trace.size());
        for (int i = left.nextSetBit(0); i >= 0; i = left.nextSetBit(i + 1)) {
            int parent = trace.parent[i];
            if (parent >= 0 && right.get(parent)) {
                out.set(parent);
            }
        }
        return out;
    }

    /** Right spans that have a left span among their ancestors. */
    private static BitSet descendants(BitSet left, BitSet right, TraceView trace) {
        BitSet out = new BitSet(trace.size());
        for (int i = right.nextSetBit(0); i >= 0; i = right.nextSetBit(i + 1)) {
            int current = trace.parent[i];
            for (int steps = 0; current >= 0 && steps < trace.size(); steps++) {
                if (left.get(current)) {
                    out.set(i);
                    break;
                }
                current = trace.parent[current];
            }
        }
        return out;
    }

    /** Right spans that are an ancestor of a left span. */
    private static BitSet ancestors(BitSet left, BitSet right, TraceView trace) {
        BitSet out = new BitSet(trace.size());
        BitSet visited = new BitSet(trace.size());
        for (int i = left.nextSetBit(0); i >= 0; i = left.nextSetBit(i + 1)) {
            int current = trace.parent[i];
            for (int steps = 0; current >= 0 && steps < trace.size() && !visited.get(current); steps++) {
                visited.set(current);
                if (right.get(current)) {
                    out.set(current);
                }
                current = trace.parent[current];
            }
        }
        return out;
    }

    /** Right spans that share their parent ID with a different left span. */
    private static BitSet siblings(BitSet left, BitSet right, TraceView trace) {
        Map<Long, Integer> leftPerParent = new HashMap<>();
        for (int i = left.nextSetBit(0); i >= 0; i = left.nextSetBit(i + 1)) {
            long parentId = trace.spans.parentSpanId(trace.index(i));
            if (parentId != 0) {
                leftPerParent.merge(parentId, 1, Integer::sum);
            }
        }
        BitSet out = new BitSet(trace.size());
        if (leftPerParent.isEmpty()) {
            return out;
        }
        for (int i = right.nextSetBit(0); i >= 0; i = right.nextSetBit(i + 1)) {
            long parentId = trace.spans.parentSpanId(trace.index(i));
            int count = parentId == 0 ? 0 : leftPerParent.getOrDefault(parentId, 0);
            if (count > (left.get(i) ? 1 : 0)) {
                out.set(i);
            }
        }
        return out;
    }
}
