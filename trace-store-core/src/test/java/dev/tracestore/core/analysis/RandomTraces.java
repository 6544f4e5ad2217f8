package dev.tracestore.core.analysis;

import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;

import java.util.List;
import java.util.Random;

/** Random traces with small integer times, so that brute-force references can look at every nanosecond. */
final class RandomTraces {

    private static final String[] NAMES = {"a", "b", "c"};
    private static final SpanKind[] KINDS = {SpanKind.INTERNAL, SpanKind.CLIENT, SpanKind.SERVER,
        SpanKind.PRODUCER, SpanKind.CONSUMER};

    private RandomTraces() {
    }

    /**
     * Spans 1..count: span 1 is a root; later spans hang under a random earlier span, sometimes under a missing
     * one (an orphan) or none (a second root). Children may start before, end after or start after their parent.
     */
    static List<StoredSpan> tree(Random random, int count, int horizon) {
        Traces trace = Traces.trace();
        long[] starts = new long[count + 1];
        long[] ends = new long[count + 1];
        for (int n = 1; n <= count; n++) {
            int parent = n == 1 ? 0 : 1 + random.nextInt(n - 1);
            int roll = random.nextInt(20);
            if (n > 1 && roll == 0) {
                parent = 0;
            } else if (n > 1 && roll == 1) {
                parent = 1000 + n;
            }
            long start;
            if (parent >= 1 && parent < n && random.nextInt(4) > 0) {
                start = starts[parent] + random.nextInt((int) (ends[parent] - starts[parent]) + 1);
            } else {
                start = random.nextInt(horizon);
            }
            long end = start + (random.nextInt(5) == 0 ? 0 : random.nextInt(horizon / 2 + 1));
            starts[n] = start;
            ends[n] = end;
            trace.span(n, parent, NAMES[random.nextInt(NAMES.length)], start, end,
                    KINDS[random.nextInt(KINDS.length)], random.nextBoolean() ? "shop" : "billing",
                    Attributes.empty());
        }
        return trace.spans();
    }

    /** Like {@link #tree} but with few parents, many database calls and short spans, to make repeated calls. */
    static List<StoredSpan> calls(Random random, int count, int horizon) {
        Traces trace = Traces.trace();
        trace.span(1, 0, "GET /x", 0, horizon, SpanKind.SERVER);
        for (int n = 2; n <= count; n++) {
            int parent = random.nextInt(10) == 0 ? 77 : 1 + random.nextInt(Math.min(n - 1, 3));
            long start = random.nextInt(horizon);
            long end = start + random.nextInt(4);
            int shape = random.nextInt(4);
            if (shape == 0) {
                trace.span(n, parent, "GET", start, end, SpanKind.CLIENT, "shop",
                        Attributes.of(AttributeKey.stringKey("url.template"), "/items/{id}"));
            } else if (shape == 1) {
                trace.span(n, parent, "work", start, end, SpanKind.INTERNAL, "shop", Attributes.empty());
            } else {
                String statement = random.nextBoolean() ? "select * from item where id = " + random.nextInt(50)
                        : "SELECT name FROM customer WHERE id IN (" + random.nextInt(9) + ", 'x')";
                trace.span(n, parent, "query", start, end, SpanKind.CLIENT,
                        random.nextInt(8) == 0 ? "billing" : "shop",
                        Attributes.of(AttributeKey.stringKey("db.statement"), statement));
            }
        }
        return trace.spans();
    }
}
