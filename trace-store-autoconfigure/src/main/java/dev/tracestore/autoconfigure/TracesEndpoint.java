package dev.tracestore.autoconfigure;

import dev.tracestore.core.otel.FileBasedSpanProcessor;
import dev.tracestore.core.query.InvalidParameterException;
import dev.tracestore.core.query.SpanQuery;
import dev.tracestore.core.store.SpanStore;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.util.Assert;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code traces} Actuator endpoint: searches the stored spans and serves them as JSON, by the rules of
 * {@code docs/queries.md}. A web-only endpoint, because its answers carry HTTP status codes (400 naming a bad
 * parameter, 404 for an unknown trace).
 * <p>
 * Every query parameter is a {@link ParameterValues}, so that it arrives exactly as sent (see there); the
 * parameter names are those of {@code QueryParameters}, which Actuator matches by Java parameter name.
 * <p>
 * A browser, which asks for {@code text/html} first ({@link TracesContentType}), gets a page instead: the waterfall
 * of a trace at {@code /actuator/traces/{traceId}}, the start page (filters, scatter plot, recent traces) at
 * {@code /actuator/traces}, the comparison of two traces at {@code /actuator/traces/compare/{traceIdA}/{traceIdB}};
 * their script and style come from {@code /actuator/traces/assets/{version}/{file}} (see docs/explorer.md). The pages fetch
 * the same URLs as JSON. {@code format=json|otlp|html} chooses explicitly; {@code otlp} gives a whole trace as one
 * OTLP/JSON document for other OpenTelemetry tools.
 *
 * <pre>{@code
 * curl localhost:8080/actuator/traces/4bf92f3577b34da6a3ce929d0e0e4736
 * curl 'localhost:8080/actuator/traces/4bf92f3577b34da6a3ce929d0e0e4736?format=otlp' > trace.json
 * curl -G localhost:8080/actuator/traces --data-urlencode 'attr=http.response.status_code>=500' -d lookback=1h
 * curl 'localhost:8080/actuator/traces/failures?lookback=15m&limit=20'
 * }</pre>
 * <p>
 * Answers with spans are bounded ({@code tracestore.response.max-spans} and {@code max-bytes}): a larger trace or
 * search answers its first spans and says {@code "truncated": true} (see {@link SpansJson}).
 */
@WebEndpoint(id = "traces")
public class TracesEndpoint {

    /** The endpoint's ID. */
    public static final EndpointId ID = EndpointId.of("traces");

    // The filter parameters of search(...), as QueryParameters names them, in the order of its signature.
    private static final List<String> SEARCH_PARAMETERS = List.of("traceId", "service", "name", "kind", "status",
            "errorType", "failed", "attr", "from", "to", "lookback", "minDuration", "maxDuration", "minTraceDuration",
            "maxTraceDuration", "limit", "order");
    // The query parameters of path(...) that routes read, in the order of its signature.
    private static final List<String> PATH_PARAMETERS = List.of("traceId", "service", "name", "kind", "status",
            "errorType", "failed", "attr", "from", "to", "lookback", "minDuration", "maxDuration", "limit", "order",
            "minCount", "minTotalDuration", "scope", "prefix", "groupBy", "bucket");
    private static final Set<TracesFormat> SEARCH_FORMATS = EnumSet.of(TracesFormat.JSON, TracesFormat.HTML);
    private static final MimeType HTML = new MimeType(MimeTypeUtils.TEXT_HTML, StandardCharsets.UTF_8);

    /** Default of {@code tracestore.response.max-spans}. */
    public static final int DEFAULT_MAX_SPANS = 5_000;

    /** Default of {@code tracestore.response.max-bytes}: 16 MB. */
    public static final long DEFAULT_MAX_BYTES = 16L * 1024 * 1024;

    private final TracesSource source;
    private final TracesAssets assets = TracesAssets.load();
    private final TracesPage page = TracesPage.load(assets.version());
    // Asked in order: the first that answers a path gets it; the trace route takes every one-segment path left.
    private final List<TracesRoute> routes;
    private final TraceQlOperation traceQl;

    /**
     * An endpoint with the default response limits.
     *
     * @param store the store to read the spans from
     */
    public TracesEndpoint(SpanStore store) {
        this(store, null, DEFAULT_MAX_SPANS, DEFAULT_MAX_BYTES);
    }

    /**
     * @param store the store to read the spans from
     * @param processor the processor that feeds {@code store}, if any: a query then sees the spans ended before it,
     *     and says whether a reload is in progress
     * @param maxSpans the most spans one answer holds, 1 to {@value SpanQuery#MAX_LIMIT}
     * @param maxBytes about the most bytes of spans one answer holds
     */
    public TracesEndpoint(SpanStore store, @Nullable FileBasedSpanProcessor processor, int maxSpans, long maxBytes) {
        Assert.notNull(store, "'store' must not be null");
        Assert.isTrue(maxSpans >= 1 && maxSpans <= SpanQuery.MAX_LIMIT,
                "'maxSpans' must be from 1 to " + SpanQuery.MAX_LIMIT);
        Assert.isTrue(maxBytes >= 1, "'maxBytes' must be positive");
        this.source = new TracesSource(store, processor, maxSpans, maxBytes);
        List<TracesRoute> all = new ArrayList<>(List.of(
                new AssetsRoute(assets),
                new CompareRoute(page),
                new OperationsPageRoute(page),
                new FailuresRoute(source),
                new RepeatsAcrossTracesRoute(source),
                new AnalysisRoute(source, AnalysisRoute.Analysis.OPERATIONS),
                new AnalysisRoute(source, AnalysisRoute.Analysis.DEPENDENCIES),
                new AnalysisRoute(source, AnalysisRoute.Analysis.PROBLEMS),
                new TraceStatisticsRoute(source),
                new CriticalPathRoute(source),
                new TraceRepeatsRoute(source)));
        all.addAll(ListingRoutes.over(source));
        all.add(new TraceRoute(source, page));
        this.routes = List.copyOf(all);
        this.traceQl = new TraceQlOperation(source, maxSpans);
        List<String> declared = Arrays.stream(pathOperation().getParameters()).map(Parameter::getName)
                .filter(parameter -> !List.of("path", "accepted", "format").contains(parameter)).toList();
        Assert.state(declared.equals(PATH_PARAMETERS), () -> "path(...) declares " + declared
                + " but reads them as " + PATH_PARAMETERS);
        for (TracesRoute route : routes) {
            Assert.isTrue(declared.containsAll(route.parameters()), () -> route.template() + " takes parameters "
                    + "that path(...) does not declare: " + route.parameters());
        }
    }

    /** @return the version in the URLs of the pages' assets, for their caching headers ({@link ExplorerHeaders}) */
    String assetsVersion() {
        return assets.version();
    }

    private static Method pathOperation() {
        return Arrays.stream(TracesEndpoint.class.getMethods()).filter(method -> method.getName().equals("path"))
                .findFirst().orElseThrow();
    }

    /**
     * {@code GET /actuator/traces?...}: the traces ({@code view=traces}, the default) or spans ({@code view=spans})
     * that match every given condition. All parameters are optional; only {@code attr} may repeat. With
     * {@code format=html}, or {@code Accept: text/html} without {@code format}: the search page, once the
     * parameters are valid. With {@code q}: the traces a TraceQL query matches ({@link TraceQlOperation}), within
     * {@code from}, {@code to} or {@code lookback}, at most {@code limit}.
     *
     * @param accepted what the {@code Accept} header asks for; {@code null} means anything
     * @return the traces or spans, or the page (200), or an error naming the bad parameter (400)
     */
    @ReadOperation(producesFrom = TracesContentType.class)
    public WebEndpointResponse<?> search(@Nullable TracesContentType accepted, @Nullable ParameterValues q,
            @Nullable ParameterValues traceId,
            @Nullable ParameterValues service, @Nullable ParameterValues name, @Nullable ParameterValues kind,
            @Nullable ParameterValues status, @Nullable ParameterValues errorType, @Nullable ParameterValues failed,
            @Nullable ParameterValues attr, @Nullable ParameterValues from, @Nullable ParameterValues to,
            @Nullable ParameterValues lookback, @Nullable ParameterValues minDuration,
            @Nullable ParameterValues maxDuration, @Nullable ParameterValues minTraceDuration,
            @Nullable ParameterValues maxTraceDuration, @Nullable ParameterValues limit,
            @Nullable ParameterValues order, @Nullable ParameterValues view, @Nullable ParameterValues format) {
        TracesContentType accept = orDefault(accepted);
        TracesRequest request = new TracesRequest(named(SEARCH_PARAMETERS, traceId, service, name, kind, status,
                errorType, failed, attr, from, to, lookback, minDuration, maxDuration, minTraceDuration,
                maxTraceDuration, limit, order));
        try {
            if (q != null) {
                return traceQlSearch(q, request, view, format, accept);
            }
            TracesFormat answer = TracesFormat.of(format, accept, SEARCH_FORMATS, "/actuator/traces");
            boolean spans = TracesRequest.View.of(view) == TracesRequest.View.SPANS;
            if (answer == TracesFormat.HTML) {
                // The page runs the query itself; a bad parameter is answered here, with the status it deserves.
                if (spans) {
                    request.spanSearch();
                } else {
                    request.traceSearch();
                }
                return new WebEndpointResponse<>(page.search(), WebEndpointResponse.STATUS_OK, HTML);
            }
            boolean reloading = source.awaitIngest();
            Object body = spans ? source.spans(request.spanSearch(), reloading)
                    : TracesDescriptor.of(source.store().searchTraces(request.traceSearch()), reloading);
            return new WebEndpointResponse<>(body, WebEndpointResponse.STATUS_OK, accept.jsonType());
        } catch (InvalidParameterException ex) {
            return TracesErrorDescriptor.badRequest(ex.parameter(), ex.getMessage(), accept.jsonType());
        }
    }

    /**
     * {@code GET /actuator/traces/{path...}}: one trace ({@link TraceRoute}), the recent failures
     * ({@link FailuresRoute}), and every other sub-resource, each answered by its {@link TracesRoute}. Actuator maps
     * one operation per number of selectors, so all of them share this one, and it declares the query parameters of
     * all of them; each route refuses those it does not take with 400 naming them.
     *
     * @param path the path segments after {@code /actuator/traces/}
     * @param accepted what the {@code Accept} header asks for; {@code null} means anything
     * @return the route's answer, an error naming the bad parameter (400), or an error for an unknown path (404)
     */
    @ReadOperation(producesFrom = TracesContentType.class)
    public WebEndpointResponse<?> path(@Selector(match = Selector.Match.ALL_REMAINING) String[] path,
            @Nullable TracesContentType accepted, @Nullable ParameterValues traceId,
            @Nullable ParameterValues service, @Nullable ParameterValues name, @Nullable ParameterValues kind,
            @Nullable ParameterValues status, @Nullable ParameterValues errorType, @Nullable ParameterValues failed,
            @Nullable ParameterValues attr, @Nullable ParameterValues from, @Nullable ParameterValues to,
            @Nullable ParameterValues lookback, @Nullable ParameterValues minDuration,
            @Nullable ParameterValues maxDuration, @Nullable ParameterValues limit, @Nullable ParameterValues order,
            @Nullable ParameterValues minCount, @Nullable ParameterValues minTotalDuration,
            @Nullable ParameterValues scope, @Nullable ParameterValues prefix, @Nullable ParameterValues groupBy,
            @Nullable ParameterValues bucket, @Nullable ParameterValues format) {
        TracesContentType accept = orDefault(accepted);
        Map<String, @Nullable ParameterValues> parameters = named(PATH_PARAMETERS, traceId, service, name, kind,
                status, errorType, failed, attr, from, to, lookback, minDuration, maxDuration, limit, order, minCount,
                minTotalDuration, scope, prefix, groupBy, bucket);
        List<String> segments = List.of(path);
        TracesRoute route = routes.stream().filter(candidate -> candidate.answers(segments)).findFirst().orElse(null);
        if (route == null) {
            return TracesErrorDescriptor.notFound("/actuator/traces/" + String.join("/", segments)
                    + " is not a resource of this endpoint; see docs/queries.md", accept.jsonType());
        }
        try {
            TracesRequest request = new TracesRequest(parameters);
            route.checkParameters(request);
            TracesFormat answer = TracesFormat.of(format, accept, route.formats(), route.template());
            return route.answer(new TracesCall(segments, request, answer, accept));
        } catch (InvalidParameterException ex) {
            return TracesErrorDescriptor.badRequest(ex.parameter(), ex.getMessage(), accept.jsonType());
        }
    }

    private WebEndpointResponse<?> traceQlSearch(ParameterValues q, TracesRequest request,
            @Nullable ParameterValues view, @Nullable ParameterValues format, TracesContentType accept) {
        TraceQlOperation.Parsed parsed = TraceQlOperation.parse(q.values(), request.asMap());
        if (TracesRequest.View.of(view) == TracesRequest.View.SPANS) {
            throw new InvalidParameterException("view", "view=spans does not apply to q, which answers traces with "
                    + "their matched spans");
        }
        if (TracesFormat.of(format, accept, SEARCH_FORMATS, "/actuator/traces") == TracesFormat.HTML) {
            return new WebEndpointResponse<>(page.search(), WebEndpointResponse.STATUS_OK, HTML);
        }
        return new WebEndpointResponse<>(traceQl.answer(parsed), WebEndpointResponse.STATUS_OK, accept.jsonType());
    }

    // Actuator's web layer always resolves it; a direct call may pass null.
    private static TracesContentType orDefault(@Nullable TracesContentType accepted) {
        return accepted != null ? accepted : TracesContentType.ACTUATOR_JSON;
    }

    // Pairs names with values given in the same order; Actuator binds by Java parameter name, so the names are the
    // operations' parameter names (the constructor checks PATH_PARAMETERS against path(...)).
    private static Map<String, @Nullable ParameterValues> named(List<String> names,
            @Nullable ParameterValues... values) {
        Map<String, @Nullable ParameterValues> parameters = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            parameters.put(names.get(i), values[i]);
        }
        return parameters;
    }
}
