package dev.tracestore.autoconfigure;

import dev.tracestore.core.log.OtlpJsonWriter;
import dev.tracestore.core.model.HexIds;
import dev.tracestore.core.otel.FileBasedSpanProcessor;
import dev.tracestore.core.query.InvalidParameterException;
import dev.tracestore.core.query.SpanOrder;
import dev.tracestore.core.query.SpanQuery;
import dev.tracestore.core.query.TraceSummary;
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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
 * of a trace at {@code /actuator/traces/{traceId}}, a search form at {@code /actuator/traces}. The page fetches the
 * same URLs as JSON. {@code format=json|otlp|html} chooses explicitly; {@code otlp} gives a whole trace as one
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
 * search answers its first spans and says {@code "truncated": true} (see {@link TraceDescriptor}).
 */
@WebEndpoint(id = "traces")
public class TracesEndpoint {

    /** The endpoint's ID. */
    public static final EndpointId ID = EndpointId.of("traces");

    // The path word that the selector operation answers with recent failures; a trace ID is hex, so never this.
    private static final String FAILURES = "failures";

    private static final Set<TracesFormat> SEARCH_FORMATS = EnumSet.of(TracesFormat.JSON, TracesFormat.HTML);
    private static final Set<TracesFormat> TRACE_FORMATS = EnumSet.allOf(TracesFormat.class);
    private static final Set<TracesFormat> FAILURES_FORMATS = EnumSet.of(TracesFormat.JSON);
    private static final MimeType HTML = new MimeType(MimeTypeUtils.TEXT_HTML, StandardCharsets.UTF_8);
    // The processor stores spans in batches: a query waits this long at most for the spans ended before it.
    private static final Duration INGEST_WAIT = Duration.ofMillis(100);

    /** Default of {@code tracestore.response.max-spans}. */
    public static final int DEFAULT_MAX_SPANS = 5_000;

    /** Default of {@code tracestore.response.max-bytes}: 16 MB. */
    public static final long DEFAULT_MAX_BYTES = 16L * 1024 * 1024;

    private final SpanStore store;
    private final BoundedSpanQuery bounded;
    private final @Nullable FileBasedSpanProcessor processor;
    private final OtlpJsonWriter otlp = new OtlpJsonWriter();
    private final TracesPage page = TracesPage.load();

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
        this.store = store;
        this.bounded = new BoundedSpanQuery(store, maxSpans, maxBytes);
        this.processor = processor != null && processor.store() == store ? processor : null;
    }

    /** Lets the processor store the spans ended before this query. @return whether a reload is in progress */
    private boolean ingested() {
        if (processor == null) {
            return false;
        }
        processor.awaitIngest(INGEST_WAIT);
        return processor.isReloading();
    }

    /**
     * {@code GET /actuator/traces?...}: the traces ({@code view=traces}, the default) or spans ({@code view=spans})
     * that match every given condition. All parameters are optional; only {@code attr} may repeat. With
     * {@code format=html}, or {@code Accept: text/html} without {@code format}: the search page, once the
     * parameters are valid.
     *
     * @param accepted what the {@code Accept} header asks for; {@code null} means anything
     * @return the traces or spans, or the page (200), or an error naming the bad parameter (400)
     */
    @ReadOperation(producesFrom = TracesContentType.class)
    public WebEndpointResponse<?> search(@Nullable TracesContentType accepted, @Nullable ParameterValues traceId,
            @Nullable ParameterValues service, @Nullable ParameterValues name, @Nullable ParameterValues kind,
            @Nullable ParameterValues status, @Nullable ParameterValues errorType, @Nullable ParameterValues failed,
            @Nullable ParameterValues attr, @Nullable ParameterValues from, @Nullable ParameterValues to,
            @Nullable ParameterValues lookback, @Nullable ParameterValues minDuration,
            @Nullable ParameterValues maxDuration, @Nullable ParameterValues minTraceDuration,
            @Nullable ParameterValues maxTraceDuration, @Nullable ParameterValues limit,
            @Nullable ParameterValues order, @Nullable ParameterValues view, @Nullable ParameterValues format) {
        TracesContentType accept = orDefault(accepted);
        TracesRequest request = new TracesRequest(parameters(traceId, service, name, kind, status, errorType, failed,
                attr, from, to, lookback, minDuration, maxDuration, minTraceDuration, maxTraceDuration, limit, order));
        try {
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
            boolean reloading = ingested();
            Object body = spans ? spans(request.spanSearch(), reloading)
                    : TracesDescriptor.of(store.searchTraces(request.traceSearch()), reloading);
            return new WebEndpointResponse<>(body, WebEndpointResponse.STATUS_OK, accept.jsonType());
        } catch (InvalidParameterException ex) {
            return TracesErrorDescriptor.badRequest(ex.parameter(), ex.getMessage(), accept.jsonType());
        }
    }

    /**
     * {@code GET /actuator/traces/{traceId}}: the spans of one trace, ordered by start time; it takes no query
     * parameters. {@code GET /actuator/traces/failures?...}: the failed spans, newest first, of the last hour
     * unless {@code lookback}, {@code from} or {@code to} says otherwise; it takes the span filters of
     * {@link #search} (not {@code view} nor the trace durations). Both live in one operation because Actuator
     * cannot map a fixed path segment beside a selector.
     * <p>
     * A trace answers as JSON, as OTLP/JSON ({@code format=otlp}: one {@code {"resourceSpans":[...]}} document,
     * {@code application/json}, that Grafana's trace import and other OpenTelemetry tools load) or as the waterfall
     * page ({@code format=html}, or {@code Accept: text/html} without {@code format}). The failures answer as JSON.
     *
     * @param accepted what the {@code Accept} header asks for; {@code null} means anything
     * @param traceIdOrFailures 32 lowercase hex characters, or {@code failures}; not named {@code traceId},
     *     because Actuator lets a query parameter of the same name override the path, and {@code traceId} is a
     *     filter of {@code /failures}
     * @return the trace or the failures (200), an error naming the bad parameter (400), or an error for an
     *     unknown trace (404)
     */
    @ReadOperation(producesFrom = TracesContentType.class)
    public WebEndpointResponse<?> trace(@Selector String traceIdOrFailures, @Nullable TracesContentType accepted,
            @Nullable ParameterValues traceId, @Nullable ParameterValues service, @Nullable ParameterValues name,
            @Nullable ParameterValues kind, @Nullable ParameterValues status, @Nullable ParameterValues errorType,
            @Nullable ParameterValues failed, @Nullable ParameterValues attr, @Nullable ParameterValues from,
            @Nullable ParameterValues to, @Nullable ParameterValues lookback, @Nullable ParameterValues minDuration,
            @Nullable ParameterValues maxDuration, @Nullable ParameterValues limit, @Nullable ParameterValues order,
            @Nullable ParameterValues format) {
        TracesContentType accept = orDefault(accepted);
        TracesRequest request = new TracesRequest(parameters(traceId, service, name, kind, status, errorType, failed,
                attr, from, to, lookback, minDuration, maxDuration, null, null, limit, order));
        try {
            if (FAILURES.equals(traceIdOrFailures)) {
                TracesFormat.of(format, accept, FAILURES_FORMATS, "/actuator/traces/failures");
                boolean reloading = ingested();
                return new WebEndpointResponse<>(spans(request.failures(), reloading), WebEndpointResponse.STATUS_OK,
                        accept.jsonType());
            }
            TracesFormat answer = TracesFormat.of(format, accept, TRACE_FORMATS, "/actuator/traces/{traceId}");
            request.requireNone();
            return wholeTrace(traceIdOrFailures, answer, accept);
        } catch (InvalidParameterException ex) {
            return TracesErrorDescriptor.badRequest(ex.parameter(), ex.getMessage(), accept.jsonType());
        }
    }

    private WebEndpointResponse<?> wholeTrace(String traceId, TracesFormat format, TracesContentType accept) {
        try {
            HexIds.requireTraceId(traceId, "traceId");
        } catch (IllegalArgumentException ex) {
            return TracesErrorDescriptor.badRequest("traceId", ex.getMessage(), accept.jsonType());
        }
        boolean reloading = ingested();
        List<TraceSummary> summary = store.findTraces(SpanQuery.builder().traceId(traceId).limit(1).build());
        if (summary.isEmpty()) {
            return TracesErrorDescriptor.notFound("no stored spans for trace " + traceId
                    + (reloading ? " (the span files are being reloaded: try again shortly)" : ""), accept.jsonType());
        }
        if (format == TracesFormat.HTML) {
            return new WebEndpointResponse<>(page.trace(), WebEndpointResponse.STATUS_OK, HTML);
        }
        int total = summary.get(0).spanCount();
        SpanBudget budget = bounded.run(SpanQuery.builder().traceId(traceId).order(SpanOrder.OLDEST_FIRST)
                .limit(SpanQuery.MAX_LIMIT).build());
        int kept = budget.spans().size();
        if (kept < total) {
            budget.markCut();
        }
        if (format == TracesFormat.OTLP) {
            if (kept < total) {
                return TracesErrorDescriptor.tooLarge("trace " + traceId + " has " + total + " spans, more than "
                        + "one answer holds (" + budget.limitReached() + "); format=otlp answers whole traces "
                        + "only: raise the limit, or read the spans in parts as JSON with "
                        + "/actuator/traces?view=spans&order=oldest&traceId=" + traceId + "&from=...",
                        accept.jsonType());
            }
            return new WebEndpointResponse<>(otlp.toBytes(store.findSpans(SpanQuery.builder().traceId(traceId)
                    .order(SpanOrder.OLDEST_FIRST).limit(SpanQuery.MAX_LIMIT).build())),
                    WebEndpointResponse.STATUS_OK, MimeTypeUtils.APPLICATION_JSON);
        }
        String rest = kept == 0 ? "" : "&from=" + budget.spans().get(kept - 1).startTime();
        Truncation truncation = Truncation.of(budget, total - kept, "read the rest with "
                + "/actuator/traces?view=spans&order=oldest&limit=" + SpanQuery.MAX_LIMIT + "&traceId=" + traceId
                + rest + ", or raise the limit");
        return new WebEndpointResponse<>(TraceDescriptor.of(traceId, budget.spans(), truncation),
                WebEndpointResponse.STATUS_OK, accept.jsonType());
    }

    /** A span search or the failures, within the response limits. */
    private SpansDescriptor spans(SpanQuery query, boolean reloading) {
        SpanBudget budget = bounded.run(query);
        return SpansDescriptor.of(budget, Truncation.of(budget, null, "narrow the query (a shorter "
                + "lookback or time window, more conditions, a lower limit) or raise the limit"), reloading);
    }

    // Actuator's web layer always resolves it; a direct call may pass null.
    private static TracesContentType orDefault(@Nullable TracesContentType accepted) {
        return accepted != null ? accepted : TracesContentType.ACTUATOR_JSON;
    }

    // The query parameters by the names QueryParameters reads; the Java parameter names must be the same.
    private static Map<String, @Nullable ParameterValues> parameters(@Nullable ParameterValues traceId,
            @Nullable ParameterValues service, @Nullable ParameterValues name, @Nullable ParameterValues kind,
            @Nullable ParameterValues status, @Nullable ParameterValues errorType, @Nullable ParameterValues failed,
            @Nullable ParameterValues attr, @Nullable ParameterValues from, @Nullable ParameterValues to,
            @Nullable ParameterValues lookback, @Nullable ParameterValues minDuration,
            @Nullable ParameterValues maxDuration, @Nullable ParameterValues minTraceDuration,
            @Nullable ParameterValues maxTraceDuration, @Nullable ParameterValues limit,
            @Nullable ParameterValues order) {
        Map<String, @Nullable ParameterValues> parameters = new LinkedHashMap<>();
        parameters.put("traceId", traceId);
        parameters.put("service", service);
        parameters.put("name", name);
        parameters.put("kind", kind);
        parameters.put("status", status);
        parameters.put("errorType", errorType);
        parameters.put("failed", failed);
        parameters.put("attr", attr);
        parameters.put("from", from);
        parameters.put("to", to);
        parameters.put("lookback", lookback);
        parameters.put("minDuration", minDuration);
        parameters.put("maxDuration", maxDuration);
        parameters.put("minTraceDuration", minTraceDuration);
        parameters.put("maxTraceDuration", maxTraceDuration);
        parameters.put("limit", limit);
        parameters.put("order", order);
        return parameters;
    }
}
