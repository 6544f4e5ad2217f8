package dev.tracestore.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.tracestore.core.analysis.CriticalPathSegment;
import dev.tracestore.core.analysis.EndpointRepeats;
import dev.tracestore.core.analysis.OperationStatistics;
import dev.tracestore.core.analysis.RepeatedCall;
import dev.tracestore.core.analysis.RepeatedCallsReport;
import dev.tracestore.core.model.StoredSpan;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Trace statistics, critical paths and repeated calls as JSON, in the field names of the endpoint's
 * {@code /{traceId}/statistics}, {@code /critical-path}, {@code /repeats} and {@code /analysis/repeats}, so that one
 * script reads both.
 */
final class AnalysisJson {

    private final JsonPrinter printer;

    AnalysisJson(PrintWriter out) {
        this.printer = new JsonPrinter(out);
    }

    /** One object: {@code traceId}, {@code spanCount}, then {@code operations} and/or the path's fields. */
    void trace(List<StoredSpan> spans, List<OperationStatistics> statistics, List<CriticalPathSegment> path) {
        printer.indented(json -> {
            json.writeStartObject();
            json.writeStringField("traceId", spans.get(0).traceId());
            json.writeNumberField("spanCount", spans.size());
            if (statistics != null) {
                json.writeArrayFieldStart("operations");
                for (OperationStatistics row : statistics) {
                    operation(json, row);
                }
                json.writeEndArray();
            }
            if (path != null) {
                criticalPath(json, spans, path);
            }
            json.writeEndObject();
        });
    }

    /** {@code {"tracesExamined": ..., "endpoints": [...], "partial": ..., "partialReason": ...}}. */
    void endpoints(RepeatedCallsReport report) {
        printer.indented(json -> {
            json.writeStartObject();
            json.writeNumberField("tracesExamined", report.tracesExamined());
            json.writeArrayFieldStart("endpoints");
            for (EndpointRepeats endpoint : report.endpoints()) {
                json.writeStartObject();
                json.writeStringField("service", endpoint.service());
                json.writeStringField("endpoint", endpoint.endpoint());
                json.writeNumberField("tracesExamined", endpoint.tracesExamined());
                json.writeNumberField("tracesWithRepeats", endpoint.tracesWithRepeats());
                json.writeNumberField("runs", endpoint.runs());
                json.writeNumberField("calls", endpoint.calls());
                json.writeNumberField("totalDurationNanos", endpoint.totalDurationNanos());
                json.writeStringField("topOperation", endpoint.topOperation());
                json.writeStringField("exampleTraceId", endpoint.exampleTraceId());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeBooleanField("partial", report.partial());
            if (report.partial()) {
                json.writeStringField("partialReason", report.truncatedReason());
            }
            json.writeEndObject();
        });
    }

    /** {@code {"traceId": ..., "spanCount": ..., "repeats": [...]}}. */
    void repeats(List<StoredSpan> spans, List<RepeatedCall> repeats) {
        printer.indented(json -> {
            json.writeStartObject();
            json.writeStringField("traceId", spans.get(0).traceId());
            json.writeNumberField("spanCount", spans.size());
            json.writeArrayFieldStart("repeats");
            for (RepeatedCall repeat : repeats) {
                json.writeStartObject();
                json.writeStringField("traceId", repeat.traceId());
                json.writeStringField("parentSpanId", repeat.parentSpanId());
                json.writeStringField("parentName", repeat.parentName());
                json.writeStringField("service", repeat.service());
                json.writeStringField("kind", repeat.kind());
                json.writeStringField("operation", repeat.operation());
                json.writeNumberField("count", repeat.count());
                json.writeNumberField("totalDurationNanos", repeat.totalDurationNanos());
                json.writeNumberField("startEpochNanos", repeat.startEpochNanos());
                json.writeNumberField("endEpochNanos", repeat.endEpochNanos());
                json.writeArrayFieldStart("spanIds");
                for (String spanId : repeat.spanIds()) {
                    json.writeString(spanId);
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    private static void operation(JsonGenerator json, OperationStatistics row) throws IOException {
        json.writeStartObject();
        json.writeStringField("service", row.service());
        json.writeStringField("operation", row.operation());
        json.writeNumberField("count", row.count());
        json.writeNumberField("totalDurationNanos", row.totalDurationNanos());
        json.writeNumberField("avgDurationNanos", row.avgDurationNanos());
        json.writeNumberField("minDurationNanos", row.minDurationNanos());
        json.writeNumberField("maxDurationNanos", row.maxDurationNanos());
        json.writeNumberField("totalSelfNanos", row.totalSelfNanos());
        json.writeNumberField("avgSelfNanos", row.avgSelfNanos());
        json.writeNumberField("minSelfNanos", row.minSelfNanos());
        json.writeNumberField("maxSelfNanos", row.maxSelfNanos());
        json.writeEndObject();
    }

    private static void criticalPath(JsonGenerator json, List<StoredSpan> spans, List<CriticalPathSegment> path)
            throws IOException {
        Map<String, StoredSpan> byId = new HashMap<>();
        spans.forEach(span -> byId.putIfAbsent(span.spanId(), span));
        json.writeNumberField("pathNanos", path.stream().mapToLong(CriticalPathSegment::durationNanos).sum());
        json.writeArrayFieldStart("segments");
        for (CriticalPathSegment segment : path) {
            StoredSpan span = byId.get(segment.spanId());
            json.writeStartObject();
            json.writeStringField("spanId", segment.spanId());
            json.writeStringField("service", span.serviceName());
            json.writeStringField("name", span.name());
            json.writeNumberField("startEpochNanos", segment.startEpochNanos());
            json.writeNumberField("endEpochNanos", segment.endEpochNanos());
            json.writeNumberField("durationNanos", segment.durationNanos());
            json.writeEndObject();
        }
        json.writeEndArray();
    }
}
