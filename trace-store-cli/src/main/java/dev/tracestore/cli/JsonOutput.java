package dev.tracestore.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.tracestore.core.json.SpanJsonWriter;
import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.TraceSummary;
import dev.tracestore.core.traceql.MatchedSpan;
import dev.tracestore.core.traceql.MatchedTrace;
import dev.tracestore.core.traceql.Spanset;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * Spans, trace summaries and statistics as JSON, in the field names of the {@code traces} Actuator endpoint
 * (a span has {@code traceId}, {@code spanId}, {@code parentSpanId}, {@code name}, {@code kind},
 * {@code service}, {@code startTime}, {@code endTime}, {@code durationNanos}, {@code status}, {@code attributes},
 * {@code events}, {@code links}, {@code resource}, {@code scope}; written by {@link SpanJsonWriter}, which the
 * endpoint shares, with {@code "version": null} for a scope without one), so that one script reads both. Control
 * characters are escaped ({@link TerminalText#escapeJson}): JSON may well be printed to a terminal.
 */
final class JsonOutput {

    private final JsonPrinter printer;

    JsonOutput(PrintWriter out) {
        this.printer = new JsonPrinter(out);
    }

    /** Writes a JSON array of spans, indented, and a newline. */
    void spanArray(List<StoredSpan> spans) {
        SpanJsonWriter writer = SpanJsonWriter.writingNullScopeVersion();
        printer.indented(json -> {
            json.writeStartArray();
            for (StoredSpan span : spans) {
                writer.write(json, span);
            }
            json.writeEndArray();
        });
    }

    /** Writes one trace as {@code {"traceId": ..., "spans": [...]}}, indented, and a newline. */
    void trace(String traceId, List<StoredSpan> spans) {
        SpanJsonWriter writer = SpanJsonWriter.writingNullScopeVersion();
        printer.indented(json -> {
            json.writeStartObject();
            json.writeStringField("traceId", traceId);
            json.writeArrayFieldStart("spans");
            for (StoredSpan span : spans) {
                writer.write(json, span);
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    /** Writes one compact JSON object per span, each on its own line. */
    void spanLines(List<StoredSpan> spans) {
        SpanJsonWriter writer = SpanJsonWriter.writingNullScopeVersion();
        for (StoredSpan span : spans) {
            printer.compact(json -> writer.write(json, span));
        }
    }

    /**
     * Writes what a TraceQL search matched, as a JSON array, indented, or one compact object per line: each trace's
     * summary fields plus {@code "spansets": [{"groupedBy": {...}, "spans": [{"span": {...}, "selected": {...}}]}]}.
     */
    void matchedTraces(List<MatchedTrace> traces, boolean lines) {
        SpanJsonWriter writer = SpanJsonWriter.writingNullScopeVersion();
        if (lines) {
            for (MatchedTrace trace : traces) {
                printer.compact(json -> matchedTrace(json, writer, trace));
            }
            return;
        }
        printer.indented(json -> {
            json.writeStartArray();
            for (MatchedTrace trace : traces) {
                matchedTrace(json, writer, trace);
            }
            json.writeEndArray();
        });
    }

    private static void matchedTrace(JsonGenerator json, SpanJsonWriter writer, MatchedTrace trace)
            throws IOException {
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
                writer.write(json, matched.span());
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
            } else {
                SpanJsonWriter.writeValue(json, entry.getValue());
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
}
