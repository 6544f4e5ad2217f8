package dev.tracestore.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.tracestore.core.analysis.DependencyLink;
import dev.tracestore.core.analysis.DependencyReport;
import dev.tracestore.core.analysis.ExceptionSeen;
import dev.tracestore.core.analysis.OperationRed;
import dev.tracestore.core.analysis.ProblemsReport;
import dev.tracestore.core.analysis.RedBucket;
import dev.tracestore.core.analysis.RedFigures;
import dev.tracestore.core.analysis.RedReport;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;

/**
 * The analyses as JSON, in the field names of the endpoint's {@code /actuator/traces/analysis/...} answers (a
 * group value a span does not have is left out, as there), so that one script reads both.
 */
final class OperationsJson {

    private final JsonPrinter printer;

    OperationsJson(PrintWriter out) {
        this.printer = new JsonPrinter(out);
    }

    void operations(RedReport report) {
        printer.indented(json -> {
            json.writeStartObject();
            time(json, "from", report.from());
            time(json, "to", report.to());
            if (report.bucket() != null) {
                json.writeStringField("bucket", report.bucket().toString());
            }
            strings(json, "groupBy", report.groupBy());
            json.writeNumberField("spans", report.spans());
            operations(json, "operations", report.groupBy(), report.operations());
            partial(json, report.truncatedReason());
            json.writeEndObject();
        });
    }

    void dependencies(DependencyReport report) {
        printer.indented(json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("links");
            for (DependencyLink link : report.links()) {
                json.writeStartObject();
                json.writeStringField("caller", link.caller());
                json.writeStringField("callee", link.callee());
                json.writeNumberField("calls", link.calls());
                json.writeNumberField("errors", link.errors());
                json.writeBooleanField("uninstrumented", link.uninstrumented());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeNumberField("spans", report.spans());
            partial(json, report.truncatedReason());
            json.writeEndObject();
        });
    }

    void problems(ProblemsReport report) {
        printer.indented(json -> {
            json.writeStartObject();
            time(json, "from", report.from());
            time(json, "to", report.to());
            strings(json, "groupBy", report.groupBy());
            operations(json, "slowest", report.groupBy(), report.slowest());
            operations(json, "failing", report.groupBy(), report.failing());
            json.writeArrayFieldStart("exceptions");
            for (ExceptionSeen seen : report.exceptions()) {
                json.writeStartObject();
                json.writeStringField("type", seen.type());
                json.writeNumberField("spans", seen.spans());
                json.writeNumberField("traces", seen.traces());
                time(json, "firstSeen", seen.firstSeen());
                time(json, "lastSeen", seen.lastSeen());
                json.writeStringField("exampleTraceId", seen.exampleTraceId());
                json.writeStringField("exampleService", seen.exampleService());
                json.writeStringField("exampleSpanName", seen.exampleSpanName());
                json.writeEndObject();
            }
            json.writeEndArray();
            partial(json, report.truncatedReason());
            json.writeEndObject();
        });
    }

    private static void operations(JsonGenerator json, String field, List<String> groupBy,
            List<OperationRed> operations) throws IOException {
        json.writeArrayFieldStart(field);
        for (OperationRed operation : operations) {
            json.writeStartObject();
            json.writeObjectFieldStart("group");
            for (int i = 0; i < groupBy.size(); i++) {
                if (operation.group().get(i) != null) {
                    json.writeStringField(groupBy.get(i), operation.group().get(i));
                }
            }
            json.writeEndObject();
            figures(json, "total", operation.total());
            json.writeArrayFieldStart("buckets");
            for (RedBucket bucket : operation.buckets()) {
                json.writeStartObject();
                time(json, "start", bucket.start());
                figures(json, "figures", bucket.figures());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void figures(JsonGenerator json, String field, RedFigures figures) throws IOException {
        json.writeObjectFieldStart(field);
        json.writeNumberField("count", figures.count());
        json.writeNumberField("ratePerSecond", figures.ratePerSecond());
        json.writeNumberField("errors", figures.errors());
        json.writeNumberField("errorRate", figures.errorRate());
        json.writeNumberField("p50Nanos", figures.p50Nanos());
        json.writeNumberField("p90Nanos", figures.p90Nanos());
        json.writeNumberField("p95Nanos", figures.p95Nanos());
        json.writeNumberField("p99Nanos", figures.p99Nanos());
        json.writeNumberField("maxNanos", figures.maxNanos());
        json.writeEndObject();
    }

    private static void strings(JsonGenerator json, String field, List<String> values) throws IOException {
        json.writeArrayFieldStart(field);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }

    private static void time(JsonGenerator json, String field, Instant time) throws IOException {
        if (time != null) {
            json.writeStringField(field, time.toString());
        }
    }

    private static void partial(JsonGenerator json, String reason) throws IOException {
        json.writeBooleanField("partial", reason != null);
        if (reason != null) {
            json.writeStringField("partialReason", reason);
        }
    }
}
