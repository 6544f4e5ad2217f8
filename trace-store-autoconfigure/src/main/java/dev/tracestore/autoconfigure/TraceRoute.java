package dev.tracestore.autoconfigure;

import dev.tracestore.core.log.OtlpJsonWriter;
import dev.tracestore.core.model.HexIds;
import dev.tracestore.core.query.InvalidParameterException;
import dev.tracestore.core.query.SpanOrder;
import dev.tracestore.core.query.SpanQuery;
import dev.tracestore.core.query.TraceSummary;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /actuator/traces/{traceId}}: the spans of one trace, ordered by start time; it takes no query parameters
 * but {@code format}. A trace answers as JSON, as OTLP/JSON ({@code format=otlp}: one
 * {@code {"resourceSpans":[...]}} document, {@code application/json}, that Grafana's trace import and other
 * OpenTelemetry tools load) or as the waterfall page ({@code format=html}, or {@code Accept: text/html} without
 * {@code format}). It answers every one-segment path no other route claims, so that a malformed ID gets a 400 naming
 * {@code traceId}.
 *
 * <pre>{@code
 * curl localhost:8080/actuator/traces/4bf92f3577b34da6a3ce929d0e0e4736
 * curl 'localhost:8080/actuator/traces/4bf92f3577b34da6a3ce929d0e0e4736?format=otlp' > trace.json
 * }</pre>
 */
final class TraceRoute implements TracesRoute {

    private static final MimeType HTML = new MimeType(MimeTypeUtils.TEXT_HTML, StandardCharsets.UTF_8);

    private final TracesSource source;
    private final TracesPage page;
    private final OtlpJsonWriter otlp = new OtlpJsonWriter();

    TraceRoute(TracesSource source, TracesPage page) {
        this.source = source;
        this.page = page;
    }

    @Override
    public boolean answers(List<String> path) {
        return path.size() == 1;
    }

    @Override
    public String template() {
        return "/actuator/traces/{traceId}";
    }

    @Override
    public Set<String> parameters() {
        return Set.of();
    }

    @Override
    public Set<TracesFormat> formats() {
        return EnumSet.allOf(TracesFormat.class);
    }

    @Override
    public void checkParameters(TracesRequest request) {
        request.requireNone();
    }

    @Override
    public WebEndpointResponse<?> answer(TracesCall call) {
        String traceId = call.path().get(0);
        try {
            HexIds.requireTraceId(traceId, "traceId");
        } catch (IllegalArgumentException ex) {
            throw new InvalidParameterException("traceId", ex.getMessage());
        }
        MimeType json = call.accept().jsonType();
        boolean reloading = source.awaitIngest();
        List<TraceSummary> summary = source.store().findTraces(SpanQuery.builder().traceId(traceId).limit(1).build());
        if (summary.isEmpty()) {
            return TracesErrorDescriptor.notFound("no stored spans for trace " + traceId
                    + (reloading ? " (the span files are being reloaded: try again shortly)" : ""), json);
        }
        if (call.format() == TracesFormat.HTML) {
            return new WebEndpointResponse<>(page.trace(), WebEndpointResponse.STATUS_OK, HTML);
        }
        int total = summary.get(0).spanCount();
        SpanBudget budget = source.bounded(SpanQuery.builder().traceId(traceId).order(SpanOrder.OLDEST_FIRST)
                .limit(SpanQuery.MAX_LIMIT).build());
        int kept = budget.spans().size();
        if (kept < total) {
            budget.markCut();
        }
        if (call.format() == TracesFormat.OTLP) {
            if (kept < total) {
                return TracesErrorDescriptor.tooLarge("trace " + traceId + " has " + total + " spans, more than "
                        + "one answer holds (" + budget.limitReached() + "); format=otlp answers whole traces "
                        + "only: raise the limit, or read the spans in parts as JSON with "
                        + "/actuator/traces?view=spans&order=oldest&traceId=" + traceId + "&from=...", json);
            }
            return new WebEndpointResponse<>(otlp.toBytes(source.store().findSpans(SpanQuery.builder()
                    .traceId(traceId).order(SpanOrder.OLDEST_FIRST).limit(SpanQuery.MAX_LIMIT).build())),
                    WebEndpointResponse.STATUS_OK, MimeTypeUtils.APPLICATION_JSON);
        }
        String rest = kept == 0 ? "" : "&from=" + budget.spans().get(kept - 1).startTime();
        Truncation truncation = Truncation.of(budget, total - kept, "read the rest with "
                + "/actuator/traces?view=spans&order=oldest&limit=" + SpanQuery.MAX_LIMIT + "&traceId=" + traceId
                + rest + ", or raise the limit");
        return new WebEndpointResponse<>(SpansJson.trace(traceId, budget.spans(), truncation),
                WebEndpointResponse.STATUS_OK, json);
    }
}
