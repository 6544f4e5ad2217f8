package dev.tracestore.cli;

import dev.tracestore.core.log.ReadResult;
import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.TraceSummary;
import dev.tracestore.core.traceql.MatchedTrace;

import java.io.PrintWriter;
import java.util.List;

/**
 * Prints what a listing found in the chosen format, results on stdout and notes for people on stderr (lines
 * skipped, nothing matched, more may match), and gives the exit code: 0 with results, 1 without.
 */
final class Listings {

    private Listings() {
    }

    /** @param lineWidth the widest a table line may be, {@link Integer#MAX_VALUE} for no limit */
    static int spans(Found<StoredSpan> found, ListingOptions.Format format, int limit, PrintWriter out,
            PrintWriter err, Style style, int lineWidth) {
        List<StoredSpan> spans = found.results();
        switch (format) {
            case TABLE -> {
                if (!spans.isEmpty()) {
                    SpanTable.print(spans, out, style, lineWidth);
                }
            }
            case JSON -> new JsonOutput(out).spanArray(spans);
            case JSONL -> new JsonOutput(out).spanLines(spans);
        }
        return notes(found, limit, "span", out, err);
    }

    /** @param lineWidth the widest a table line may be, {@link Integer#MAX_VALUE} for no limit */
    static int traces(Found<TraceSummary> found, ListingOptions.Format format, int limit, PrintWriter out,
            PrintWriter err, Style style, int lineWidth) {
        List<TraceSummary> traces = found.results();
        switch (format) {
            case TABLE -> {
                if (!traces.isEmpty()) {
                    TraceTable.print(traces, out, style, lineWidth);
                }
            }
            case JSON -> new JsonOutput(out).summaries(traces, false);
            case JSONL -> new JsonOutput(out).summaries(traces, true);
        }
        return notes(found, limit, "trace", out, err);
    }

    /** @param lineWidth the widest a table line may be, {@link Integer#MAX_VALUE} for no limit */
    static int matchedTraces(Found<MatchedTrace> found, ListingOptions.Format format, int limit, PrintWriter out,
            PrintWriter err, Style style, int lineWidth) {
        List<MatchedTrace> traces = found.results();
        switch (format) {
            case TABLE -> {
                if (!traces.isEmpty()) {
                    MatchedTraceTable.print(traces, out, style, lineWidth);
                }
            }
            case JSON -> new JsonOutput(out).matchedTraces(traces, false);
            case JSONL -> new JsonOutput(out).matchedTraces(traces, true);
        }
        return notes(found, limit, "trace", out, err);
    }

    /** @return {@link ExitCode#NOTHING_MATCHED} when there are no results, else {@link ExitCode#OK} */
    private static int notes(Found<?> found, int limit, String what, PrintWriter out, PrintWriter err) {
        // On a terminal both streams show together: the notes belong under the results.
        out.flush();
        skipped(found.read(), err);
        if (found.truncatedReason() != null) {
            err.println("Partial answer: " + found.truncatedReason() + ".");
        }
        if (found.results().isEmpty()) {
            err.println("No " + what + "s matched (read " + count(found.read().spansRead(), "span") + " in "
                    + count(found.read().filesRead(), "file") + ").");
            return ExitCode.NOTHING_MATCHED;
        }
        if (found.results().size() == limit) {
            err.println("Showing the first " + count(limit, what) + "; more may match (raise --limit).");
        }
        return ExitCode.OK;
    }

    /** Torn or foreign lines are not an error, but the user should know that spans may be missing. */
    static void skipped(ReadResult read, PrintWriter err) {
        if (read.linesSkipped() > 0) {
            err.println("Skipped " + count(read.linesSkipped(), "line")
                    + " that are not OTLP/JSON spans (torn by a crash, corrupt, or other data).");
        }
    }

    /** @return e.g. {@code 1 file}, {@code 2 files}: the words here all take an s */
    static String count(long count, String word) {
        return count + " " + word + (count == 1 ? "" : "s");
    }
}
