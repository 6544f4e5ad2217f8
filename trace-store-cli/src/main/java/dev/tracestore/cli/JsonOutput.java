package dev.tracestore.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.tracestore.core.model.SpanEvent;
import dev.tracestore.core.model.SpanLink;
import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.TraceSummary;
import dev.tracestore.core.traceql.MatchedSpan;
import dev.tracestore.core.traceql.MatchedTrace;
import dev.tracestore.core.traceql.Spanset;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * Spans, trace summaries and statistics as JSON, in the field names of the {@code traces} Actuator endpoint
 * (a span has {@code traceId}, {@code spanId}, {@code parentSpanId}, {@code name}, {@code kind},
 * {@code service}, {@code startTime}, {@code endTime}, {@code durationNanos}, {@code status}, {@code attributes},
 * {@code events}, {@code links}, {@code resource}, {@code scope}), so that one script reads both. Control
 * characters are escaped ({@link TerminalText#escapeJson}): JSON may well be printed to a terminal.
 */
final class JsonOutput {

    private final JsonPrinter printer;

    JsonOutput(PrintWriter out) {
        this.printer = new JsonPrinter(out);
    }

    /** Writes a JSON array of spans, indented, and a newline. */
    void spanArray(List<StoredSpan> spans) {
        printer.indented(json -> {
            json.writeStartArray();
            for (StoredSpan span : spans) {
                span(json, span);
            }
            json.writeEndArray();
        });
    }

    /** Writes one trace as {@code {"traceId": ..., "spans": [...]}}, indented, and a newline. */
    void trace(String traceId, List<StoredSpan> spans) {
        printer.indented(json -> {
            json.writeStartObject();
            json.writeStringField("traceId", traceId);
            json.writeArrayFieldStart("spans");
            for (StoredSpan span : spans) {
                span(json, span);
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    /** Writes one compact JSON object per span, each on its own line. */
    void spanLines(List<StoredSpan> spans) {
        for (StoredSpan span : spans) {
            printer.compact(json -> span(json, span));
        }
    }

    /**
     * Writes what a TraceQL search matched, as a JSON array, indented, or one compact object per line: each trace's
     * summary fields plus {@code "spansets": [{"groupedBy": {...}, "spans": [{"span": {...}, "selected": {...}}]}]}.
     */
    void matchedTraces(List<MatchedTrace> traces, boolean lines) {
        if (lines) {
            for (MatchedTrace trace : traces) {
                printer.compact(json -> matchedTrace(json, trace));
            }
            return;
        }
        printer.indented(json -> {
            json.writeStartArray();
            for (MatchedTrace trace : traces) {
                matchedTrace(json, trace);
            }
            json.writeEndArray();
        });
    }

    private static void matchedTrace(JsonGenerator json, MatchedTrace trace) throws IOException {
        TraceSummary summary = trace.summary();
        json.writeStartObject();
        json.writeStringField("traceId", summary.traceId());
        json.writeStringField("rootService", summary.rootService());
        json.writeStringField("rootName", summary.rootName());
        json.writeStringField("startTime", summary.startTime().toString());
        json.writeNumberField("durationNanos", summary.durationNanos());
        json.writeNumberField("spanCount", summary.spanCount());
        json.writeNumberField("errorCount", summary.errorCount());
        json.writeArrayFieldStart("spansets");
        for (Spanset spanset : trace.spansets()) {
            json.writeStartObject();
            fields(json, "groupedBy", spanset.groupedBy());
            json.writeArrayFieldStart("spans");
            for (MatchedSpan matched : spanset.spans()) {
                json.writeStartObject();
                json.writeFieldName("span");
                span(json, matched.span());
                fields(json, "selected", matched.selected());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void fields(JsonGenerator json, String field, Map<String, Object> values) throws IOException {
        json.writeObjectFieldStart(field);
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            json.writeFieldName(entry.getKey());
            if (entry.getValue() == null) {
                json.writeNull();
            } else if (entry.getValue() instanceof List<?> list) {
                json.writeStartArray();
                for (Object value : list) {
                    value(json, value);
                }
                json.writeEndArray();
            } else {
                value(json, entry.getValue());
            }
        }
        json.writeEndObject();
    }

    /** Writes a JSON array of trace summaries, indented, or one compact object per line. */
    void summaries(List<TraceSummary> traces, boolean lines) {
        if (lines) {
            for (TraceSummary trace : traces) {
                printer.compact(json -> summary(json, trace));
            }
            return;
        }
        printer.indented(json -> {
            json.writeStartArray();
            for (TraceSummary trace : traces) {
                summary(json, trace);
            }
            json.writeEndArray();
        });
    }

    /** Writes the statistics of {@code path} as one indented object. */
    void stats(String path, SpanStats stats) {
        printer.indented(json -> {
            json.writeStartObject();
            json.writeStringField("path", path);
            json.writeNumberField("filesRead", stats.filesRead());
            json.writeNumberField("linesSkipped", stats.linesSkipped());
            json.writeNumberField("spans", stats.spans());
            json.writeNumberField("traces", stats.traces());
            json.writeNumberField("failedSpans", stats.failedSpans());
            json.writeNumberField("failedTraces", stats.failedTraces());
            json.writeNumberField("errorRate", stats.errorRate());
            json.writeArrayFieldStart("services");
            for (String service : stats.services()) {
                json.writeString(service);
            }
            json.writeEndArray();
            if (stats.spans() > 0) {
                json.writeStringField("firstStartTime", Durations.instant(stats.firstStartNanos()).toString());
                json.writeStringField("lastEndTime", Durations.instant(stats.lastEndNanos()).toString());
            } else {
                json.writeNullField("firstStartTime");
                json.writeNullField("lastEndTime");
            }
            json.writeEndObject();
        });
    }

    private static void span(JsonGenerator json, StoredSpan span) throws IOException {
        json.writeStartObject();
        json.writeStringField("traceId", span.traceId());
        json.writeStringField("spanId", span.spanId());
        json.writeStringField("parentSpanId", span.parentSpanId());
        json.writeStringField("name", span.name());
        json.writeStringField("kind", span.kind().name());
        json.writeStringField("service", span.serviceName());
        json.writeStringField("startTime", span.startTime().toString());
        json.writeStringField("endTime", span.endTime().toString());
        json.writeNumberField("durationNanos", span.durationNanos());
        json.writeObjectFieldStart("status");
        json.writeStringField("code", span.statusCode().name());
        json.writeStringField("message", span.statusMessage());
        json.writeEndObject();
        attributes(json, "attributes", span.attributes());
        json.writeArrayFieldStart("events");
        for (SpanEvent event : span.events()) {
            json.writeStartObject();
            json.writeStringField("name", event.name());
            json.writeStringField("time", Durations.instant(event.epochNanos()).toString());
            attributes(json, "attributes", event.attributes());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("links");
        for (SpanLink link : span.links()) {
            json.writeStartObject();
            json.writeStringField("traceId", link.traceId());
            json.writeStringField("spanId", link.spanId());
            attributes(json, "attributes", link.attributes());
            json.writeEndObject();
        }
        json.writeEndArray();
        attributes(json, "resource", span.resource().getAttributes());
        json.writeObjectFieldStart("scope");
        json.writeStringField("name", span.scope().getName());
        json.writeStringField("version", span.scope().getVersion());
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void summary(JsonGenerator json, TraceSummary trace) throws IOException {
        json.writeStartObject();
        json.writeStringField("traceId", trace.traceId());
        json.writeStringField("rootService", trace.rootService());
        json.writeStringField("rootName", trace.rootName());
        json.writeStringField("startTime", trace.startTime().toString());
        json.writeNumberField("durationNanos", trace.durationNanos());
        json.writeNumberField("spanCount", trace.spanCount());
        json.writeNumberField("errorCount", trace.errorCount());
        json.writeArrayFieldStart("services");
        for (String service : trace.services()) {
            json.writeString(service);
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    /** Attribute values keep their JSON type: string, boolean, number, or an array of these. */
    private static void attributes(JsonGenerator json, String field, Attributes attributes) throws IOException {
        json.writeObjectFieldStart(field);
        for (Map.Entry<AttributeKey<?>, Object> entry : attributes.asMap().entrySet()) {
            json.writeFieldName(entry.getKey().getKey());
            if (entry.getValue() instanceof List<?> values) {
                json.writeStartArray();
                for (Object value : values) {
                    value(json, value);
                }
                json.writeEndArray();
            } else {
                value(json, entry.getValue());
            }
        }
        json.writeEndObject();
    }

    private static void value(JsonGenerator json, Object value) throws IOException {
        if (value instanceof Boolean b) {
            json.writeBoolean(b);
        } else if (value instanceof Long l) {
            json.writeNumber(l);
        } else if (value instanceof Double d) {
            json.writeNumber(d); // NaN and the infinities become strings: JSON has no number for them
        } else {
            json.writeString(String.valueOf(value));
        }
    }
}
