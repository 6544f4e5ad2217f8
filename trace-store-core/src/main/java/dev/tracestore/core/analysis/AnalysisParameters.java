package dev.tracestore.core.analysis;

import dev.tracestore.core.query.InvalidParameterException;
import dev.tracestore.core.query.QueryParameters;
import dev.tracestore.core.query.SpanQuery;
import io.opentelemetry.api.trace.SpanKind;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the analyses' parameters from text, as given over HTTP or on the command line; the span filters are read by
 * {@link QueryParameters}, so they accept exactly what a search accepts. A bad value is an
 * {@link InvalidParameterException} naming the parameter.
 *
 * <ul>
 * <li>RED ({@link #red}): the filters {@code service}, {@code name}, {@code attr}, {@code from}, {@code to},
 *     {@code lookback}, {@code minDuration}, {@code maxDuration}; {@code kind} (comma-separated or repeated:
 *     {@code server} by default, {@code any} for every kind); {@code groupBy} (comma-separated or repeated keys,
 *     {@code service.name,span.name} by default); {@code bucket} (a duration such as {@code 1m}).</li>
 * <li>Problems ({@link #problems}, {@link #problemsLimit}): those of RED but {@code bucket}, and {@code limit}
 *     (operations per list, {@value ProblemsAnalysis#DEFAULT_LIMIT} by default).</li>
 * <li>Dependencies ({@link #dependencyWindow}, {@link #dependencyService}): {@code service}, {@code from},
 *     {@code to}, {@code lookback}.</li>
 * </ul>
 *
 * <pre>{@code
 * RedQuery query = AnalysisParameters.red(Map.of("groupBy", List.of("http.route"), "bucket", List.of("1m"),
 *         "lookback", List.of("1h")));
 * }</pre>
 */
public final class AnalysisParameters {

    /** The parameters of a RED analysis. */
    public static final Set<String> RED = Set.of("service", "name", "attr", "from", "to", "lookback", "minDuration",
            "maxDuration", "kind", "groupBy", "bucket");
    /** The parameters of a problems summary. */
    public static final Set<String> PROBLEMS = Set.of("service", "name", "attr", "from", "to", "lookback",
            "minDuration", "maxDuration", "kind", "groupBy", "limit");
    /** The parameters of a dependency analysis. */
    public static final Set<String> DEPENDENCIES = Set.of("service", "from", "to", "lookback");
    /** The most operations per list of a problems summary. */
    public static final int MAX_PROBLEMS_LIMIT = 1_000;

    private static final Set<String> OWN = Set.of("kind", "groupBy", "bucket", "limit");

    private AnalysisParameters() {
    }

    /**
     * @param parameters parameter name to values; a {@code null} or empty list means absent
     * @return the RED query
     * @throws InvalidParameterException naming the first bad parameter
     */
    public static RedQuery red(Map<String, ? extends List<String>> parameters) {
        requireOnly(parameters, RED, "an operations (RED) analysis");
        return redQuery(parameters);
    }

    /**
     * @param parameters parameter name to values
     * @return the operations a problems summary ranks, and the filters of the spans it reads
     * @throws InvalidParameterException naming the first bad parameter
     */
    public static RedQuery problems(Map<String, ? extends List<String>> parameters) {
        requireOnly(parameters, PROBLEMS, "a problems summary");
        return redQuery(parameters);
    }

    /**
     * @param parameters parameter name to values
     * @return {@code limit}, or {@value ProblemsAnalysis#DEFAULT_LIMIT}
     * @throws InvalidParameterException when it is not a whole number from 1 to {@value #MAX_PROBLEMS_LIMIT}
     */
    public static int problemsLimit(Map<String, ? extends List<String>> parameters) {
        String text = single(parameters, "limit");
        if (text == null) {
            return ProblemsAnalysis.DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text.strip());
            if (limit >= 1 && limit <= MAX_PROBLEMS_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidParameterException("limit", "limit must be a whole number from 1 to " + MAX_PROBLEMS_LIMIT
                + ", but was '" + text + "'");
    }

    /**
     * @param parameters parameter name to values
     * @return the window of a dependency analysis ({@code service} is not a span filter there: see
     *     {@link #dependencyService})
     * @throws InvalidParameterException naming the first bad parameter
     */
    public static SpanQuery dependencyWindow(Map<String, ? extends List<String>> parameters) {
        requireOnly(parameters, DEPENDENCIES, "a dependency analysis");
        Map<String, List<String>> window = new HashMap<>(parameters);
        window.remove("service");
        return QueryParameters.parse(window);
    }

    /**
     * @param parameters parameter name to values
     * @return the service whose links to keep, or {@code null} for all
     */
    public static String dependencyService(Map<String, ? extends List<String>> parameters) {
        String service = single(parameters, "service");
        return service == null || service.isBlank() ? null : service;
    }

    private static RedQuery redQuery(Map<String, ? extends List<String>> parameters) {
        Map<String, List<String>> filters = new HashMap<>(parameters);
        OWN.forEach(filters::remove);
        RedQuery.Builder query = RedQuery.builder().filter(QueryParameters.parse(filters));
        List<String> kinds = list(parameters, "kind");
        if (!kinds.isEmpty()) {
            query.kinds(kinds(kinds));
        }
        List<String> groupBy = list(parameters, "groupBy");
        if (!groupBy.isEmpty()) {
            query.groupBy(groupBy);
        }
        String bucket = single(parameters, "bucket");
        if (bucket != null) {
            query.bucket(QueryParameters.duration(bucket, "bucket"));
        }
        RedQuery red;
        try {
            red = query.build();
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException(e.getMessage().startsWith("bucket") ? "bucket" : "groupBy",
                    e.getMessage());
        }
        requireFewBuckets(red);
        return red;
    }

    /** Refuses up front a bucket that cuts a known window into more than {@link RedQuery#MAX_BUCKETS} buckets. */
    private static void requireFewBuckets(RedQuery query) {
        SpanQuery filter = query.filter();
        Duration window = filter.lookback().orElse(filter.from().isPresent() && filter.to().isPresent()
                ? Duration.between(filter.from().get(), filter.to().get()) : null);
        if (query.bucket() != null && window != null
                && window.dividedBy(query.bucket()) >= RedQuery.MAX_BUCKETS) {
            throw new InvalidParameterException("bucket", "bucket " + query.bucket() + " cuts the window of "
                    + window + " into more than " + RedQuery.MAX_BUCKETS + " buckets; use a wider bucket");
        }
    }

    private static Set<SpanKind> kinds(List<String> names) {
        Set<SpanKind> kinds = EnumSet.noneOf(SpanKind.class);
        for (String name : names) {
            String value = name.toUpperCase(Locale.ROOT);
            if (value.equals("ANY") || value.equals("ALL")) {
                return Set.of();
            }
            try {
                kinds.add(SpanKind.valueOf(value.startsWith("SPAN_KIND_") ? value.substring(10) : value));
            } catch (IllegalArgumentException e) {
                throw new InvalidParameterException("kind", "kind must be any, or one or more of server, client, "
                        + "producer, consumer, internal (comma-separated), but was '" + name + "'");
            }
        }
        return kinds;
    }

    /** @return the comma-separated values of all occurrences, trimmed; a blank one is refused */
    private static List<String> list(Map<String, ? extends List<String>> parameters, String name) {
        List<String> values = new ArrayList<>();
        List<String> given = parameters.get(name);
        if (given == null) {
            return values;
        }
        for (String text : given) {
            for (String value : text.split(",", -1)) {
                if (value.isBlank()) {
                    throw new InvalidParameterException(name, name + " must be a comma-separated list without "
                            + "empty entries, but was '" + text + "'");
                }
                values.add(value.strip());
            }
        }
        return values;
    }

    private static String single(Map<String, ? extends List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new InvalidParameterException(name, name + " may be given once, but was given " + values.size()
                    + " times");
        }
        return values.get(0);
    }

    private static void requireOnly(Map<String, ? extends List<String>> parameters, Set<String> taken, String what) {
        for (Map.Entry<String, ? extends List<String>> entry : parameters.entrySet()) {
            if (!taken.contains(entry.getKey()) && entry.getValue() != null && !entry.getValue().isEmpty()) {
                throw new InvalidParameterException(entry.getKey(), entry.getKey() + " is not a parameter of " + what
                        + "; the parameters are " + String.join(", ", new TreeSet<>(taken)));
            }
        }
    }
}
