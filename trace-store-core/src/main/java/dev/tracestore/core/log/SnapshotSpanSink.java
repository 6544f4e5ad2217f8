package dev.tracestore.core.log;

import dev.tracestore.core.model.StoredSpan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes a store's spans oldest first and writes them to a snapshot in the order a reload of the span files hands
 * them over. The store holds each line's batch in the order the spans were stored; the line holds it grouped by
 * resource, then scope ({@link SpanGroups}, as the writer grouped it). So the store's spans are cut into the lines'
 * counts and each piece is grouped again; grouping a line read back from a file (already grouped) changes nothing.
 * The oldest line comes from the file itself ({@link ReloadWindow#decodeFirstLine}): the store's first spans stand
 * for it and are passed over. The spans are written as the store holds them: a reload sanitizes what it reads, and
 * sanitizing a span the store already sanitized changes nothing.
 */
final class SnapshotSpanSink {

    private final SnapshotOutput out;
    private final SnapshotSpanEncoder encoder;
    private final List<ReloadWindow.Line> lines;
    private final List<StoredSpan> firstLine;
    private final int spansPerBlock;
    private final List<StoredSpan> piece = new ArrayList<>();
    private long passedOver;
    private int line = 1;
    private long written;
    private boolean overflow;

    SnapshotSpanSink(SnapshotOutput out, List<ReloadWindow.Line> lines, List<StoredSpan> firstLine, int spansPerBlock) {
        this.out = out;
        this.encoder = new SnapshotSpanEncoder(out);
        this.lines = lines;
        this.firstLine = firstLine;
        this.spansPerBlock = spansPerBlock;
    }

    /**
     * @return {@code null} when every span was written, else why the snapshot must not be kept
     * @throws IOException when the snapshot cannot be written
     */
    String writeAll(SpanSnapshot.Spans spans, long storedSpans) throws IOException {
        try {
            for (StoredSpan span : firstLine) {
                write(span);
            }
            boolean all = spans.forEachOldestFirst(this::accept);
            if (out.blockSize() > 0) {
                out.endBlock();
            }
            if (!all || overflow || passedOver + countOfLaterLines() != storedSpans || line != lines.size() || !piece.isEmpty()) {
                return "the store changed while it was written";
            }
            return null;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (SnapshotSpanEncoder.UnsupportedValueException e) {
            return e.getMessage();
        }
    }

    private long countOfLaterLines() {
        return written - firstLine.size();
    }

    private void accept(StoredSpan span) {
        if (passedOver < firstLine.size()) {
            passedOver++;
            return;
        }
        if (line >= lines.size()) {
            overflow = true;
            return;
        }
        piece.add(span);
        if (piece.size() == lines.get(line).spans()) {
            for (SpanGroups.ResourceGroup resource : SpanGroups.of(piece)) {
                for (SpanGroups.ScopeGroup scope : resource.scopes()) {
                    scope.spans().forEach(this::write);
                }
            }
            piece.clear();
            line++;
        }
    }

    private void write(StoredSpan span) {
        encoder.write(span);
        if (++written % spansPerBlock == 0) {
            try {
                out.endBlock();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
