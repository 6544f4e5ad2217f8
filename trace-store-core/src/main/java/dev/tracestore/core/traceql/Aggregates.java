package dev.tracestore.core.traceql;

import java.util.BitSet;

/**
 * The aggregates of scalar filters over one spanset: {@code count()} counts its spans; {@code avg}, {@code min},
 * {@code max} and {@code sum} read the field's first numeric value of each span (spans without one are skipped,
 * a spanset without any fails the filter). Durations are nanoseconds, so {@code avg(duration) > 20ms} works.
 */
final class Aggregates {

    private Aggregates() {
    }

    static boolean holds(Stage.ScalarFilter filter, BitSet spans, TraceView trace, FieldEvaluator fields) {
        Double value = aggregate(filter, spans, trace, fields);
        return value != null && Comparisons.holds(filter.operator(), value,
                ((Number) filter.value().value()).doubleValue(), null);
    }

    static Double aggregate(Stage.ScalarFilter filter, BitSet spans, TraceView trace, FieldEvaluator fields) {
        if (filter.aggregate() == Stage.Aggregate.COUNT) {
            return (double) spans.cardinality();
        }
        int count = 0;
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = spans.nextSetBit(0); i >= 0; i = spans.nextSetBit(i + 1)) {
            for (Object value : fields.values(filter.argument(), trace, i)) {
                if (value instanceof Number number && !Double.isNaN(number.doubleValue())) {
                    double v = number.doubleValue();
                    count++;
                    sum += v;
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                    break;
                }
            }
        }
        if (count == 0) {
            return null;
        }
        return switch (filter.aggregate()) {
            case AVG -> sum / count;
            case MIN -> min;
            case MAX -> max;
            case SUM -> sum;
            case COUNT -> (double) count;
        };
    }
}
