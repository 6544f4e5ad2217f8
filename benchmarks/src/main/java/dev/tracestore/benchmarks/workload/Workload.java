package dev.tracestore.benchmarks.workload;

import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A deterministic, seeded stream of traces: 10 spans each (a SERVER root and 9 CLIENT or INTERNAL children),
 * 5 services, 50 routes, 10 attributes per span of mixed types, 5% ERROR spans with one of 8 {@code error.type}s,
 * log-normal durations and start times spread evenly (with jitter) over 24 hours in trace order.
 *
 * <p>Trace {@code t} depends only on the seed and {@code t}, so any trace can be regenerated on its own: a
 * benchmark can stream a million spans into a store without holding them, then ask for trace {@code t} by ID.
 *
 * <pre>{@code
 * Workload workload = new Workload(42, 100_000);        // 100 000 traces = 1 000 000 spans
 * for (int t = 0; t < workload.traceCount(); t++) {
 *     workload.trace(t).forEach(store::add);
 * }
 * String someTraceId = workload.traceId(12_345);
 * }</pre>
 */
public final class Workload {

    /** Spans in every trace. */
    public static final int SPANS_PER_TRACE = 10;

    /** Share of spans with status ERROR. */
    public static final double ERROR_RATE = 0.05;

    /** Distinct numeric ids in {@code url.path}: high enough that the path is not worth an index. */
    public static final int PATH_IDS = 5_000;

    /** The start of the 24-hour window, fixed so that runs are comparable. */
    public static final Instant WINDOW_START = Instant.parse("2025-06-02T00:00:00Z");

    /** The window's length. */
    public static final Duration WINDOW = Duration.ofHours(24);

    // Log-normal durations: a root's median is 20 ms, a child's 2 ms; sigma 1 gives a long tail.
    private static final double ROOT_MEDIAN_NANOS = 20e6;
    private static final double CHILD_MEDIAN_NANOS = 2e6;
    private static final double SIGMA = 1.0;

    private static final long WINDOW_START_NANOS = WINDOW_START.getEpochSecond() * 1_000_000_000L;

    private final long seed;
    private final int traceCount;
    private final long traceSpacingNanos;

    /**
     * @param seed the seed; the same seed gives the same spans
     * @param traceCount how many traces to spread over the 24-hour window
     */
    public Workload(long seed, int traceCount) {
        if (traceCount < 1) {
            throw new IllegalArgumentException("traceCount must be at least 1, but was " + traceCount);
        }
        this.seed = seed;
        this.traceCount = traceCount;
        this.traceSpacingNanos = WINDOW.toNanos() / traceCount;
    }

    /**
     * @param spanCount how many spans (rounded down to whole traces, at least one trace)
     * @return a workload of {@code spanCount / 10} traces with seed 42
     */
    public static Workload ofSpans(int spanCount) {
        return new Workload(42, Math.max(1, spanCount / SPANS_PER_TRACE));
    }

    /** @return how many traces the workload has */
    public int traceCount() {
        return traceCount;
    }

    /** @return how many spans the workload has */
    public long spanCount() {
        return (long) traceCount * SPANS_PER_TRACE;
    }

    /** @param trace 0 to {@link #traceCount()} - 1 @return the trace's ID */
    public String traceId(int trace) {
        return hex(random(trace).nextLong(), 16) + hex(trace + 1L, 16);
    }

    /**
     * Generates one trace.
     *
     * @param trace 0 to {@link #traceCount()} - 1
     * @return its 10 spans, the root first
     */
    public List<StoredSpan> trace(int trace) {
        SplittableRandom random = random(trace);
        String traceId = hex(random.nextLong(), 16) + hex(trace + 1L, 16);
        long rootStart = WINDOW_START_NANOS + trace * traceSpacingNanos + random.nextLong(traceSpacingNanos);
        long rootDuration = logNormal(random, ROOT_MEDIAN_NANOS);
        int rootService = random.nextInt(Vocabulary.SERVICES.size());
        String requestId = hex(random.nextLong(), 16);

        List<GeneratedSpan> spans = new ArrayList<>(SPANS_PER_TRACE);
        String rootId = spanId(trace, 0);
        spans.add(span(random, traceId, rootId, "", SpanKind.SERVER, rootService, rootService,
                rootStart, rootDuration, requestId));
        for (int child = 1; child < SPANS_PER_TRACE; child++) {
            // every third child is INTERNAL under its predecessor; the others are calls made by the root
            boolean internal = child % 3 == 0;
            String parent = internal ? spanId(trace, child - 1) : rootId;
            int service = internal ? spans.get(child - 1).serviceIndex : random.nextInt(Vocabulary.SERVICES.size());
            int target = internal ? service : random.nextInt(Vocabulary.SERVICES.size());
            long offset = random.nextLong(Math.max(1, rootDuration / 2));
            long duration = Math.min(logNormal(random, CHILD_MEDIAN_NANOS), rootDuration - offset);
            spans.add(span(random, traceId, spanId(trace, child), parent,
                    internal ? SpanKind.INTERNAL : SpanKind.CLIENT, service, target,
                    rootStart + offset, duration, requestId));
        }
        return spans.stream().map(GeneratedSpan::span).toList();
    }

    private record GeneratedSpan(StoredSpan span, int serviceIndex) {
    }

    private static GeneratedSpan span(SplittableRandom random, String traceId, String spanId, String parentId,
            SpanKind kind, int service, int target, long start, long duration, String requestId) {
        boolean error = random.nextDouble() < ERROR_RATE;
        // a route belongs to the service that serves it: the span's own for SERVER, the callee's for CLIENT
        int routesPerService = Vocabulary.ROUTES.size() / Vocabulary.SERVICES.size();
        int route = target + Vocabulary.SERVICES.size() * random.nextInt(routesPerService);
        String routeTemplate = Vocabulary.ROUTES.get(route);
        String method = Vocabulary.METHODS.get(random.nextInt(Vocabulary.METHODS.size()));
        String name = kind == SpanKind.INTERNAL
                ? Vocabulary.INTERNAL_OPERATIONS.get(route % Vocabulary.INTERNAL_OPERATIONS.size())
                : method + " " + routeTemplate;
        var attributes = Attributes.builder()
                .put(Vocabulary.METHOD, method)
                .put(Vocabulary.ROUTE, routeTemplate)
                .put(Vocabulary.STATUS_CODE, error ? 500L + random.nextInt(4) : 200L)
                .put(Vocabulary.SERVER_ADDRESS, Vocabulary.host(target))
                .put(Vocabulary.URL_PATH, routeTemplate.replace("{id}", Integer.toString(random.nextInt(PATH_IDS))))
                .put(Vocabulary.USER_AGENT, Vocabulary.USER_AGENTS.get(random.nextInt(Vocabulary.USER_AGENTS.size())))
                .put(Vocabulary.PEER_PORT, Vocabulary.PORTS.get(random.nextInt(Vocabulary.PORTS.size())))
                .put(Vocabulary.CACHE_HIT, random.nextBoolean())
                .put(Vocabulary.LOAD, Math.round(random.nextDouble() * 1000) / 1000.0)
                .put(Vocabulary.REQUEST_ID, requestId);
        String errorType = null;
        if (error) {
            errorType = Vocabulary.ERROR_TYPES.get(random.nextInt(Vocabulary.ERROR_TYPES.size()));
            attributes.put(Vocabulary.ERROR_TYPE, errorType);
        }
        StoredSpan span = StoredSpan.builder()
                .traceId(traceId)
                .spanId(spanId)
                .parentSpanId(parentId)
                .name(name)
                .kind(kind)
                .startEpochNanos(start)
                .endEpochNanos(start + Math.max(1_000, duration))
                .status(error ? StatusCode.ERROR : StatusCode.UNSET, error ? errorType : "")
                .attributes(attributes.build())
                .resource(Vocabulary.resource(service))
                .scope(Vocabulary.scope())
                .build();
        return new GeneratedSpan(span, service);
    }

    private SplittableRandom random(int trace) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + trace);
    }

    private static String spanId(int trace, int position) {
        // unique across the workload and never all zeros
        return hex(((long) trace << 4) | (position + 1), 16);
    }

    private static long logNormal(SplittableRandom random, double medianNanos) {
        double gaussian = gaussian(random);
        return Math.max(1_000, (long) (medianNanos * Math.exp(SIGMA * gaussian)));
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static String hex(long value, int digits) {
        String text = Long.toHexString(value);
        return "0".repeat(digits - text.length()) + text;
    }
}
