package dev.tracestore.core.log;

import dev.tracestore.core.model.StoredSpan;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The lines a reload of the span files would hand over spans from: the newest lines holding {@code maxSpans} spans,
 * counted newest file first as {@link SpanLog#readNewest} counts them, each with its span count. The first may be
 * read only in part (its first {@link #firstLineDrop} spans left out). Used at shutdown to turn the store's spans
 * into what the next start's reload would store: a line holds one batch of the writer, grouped by resource and
 * scope, so a store (in batch order) and a reload (in line order) differ in order within a line.
 */
final class ReloadWindow {

    /** A line of spans: where it starts and how many it holds. */
    record Line(Path file, long fileOffset, long spans) {
    }

    private final List<Line> lines;
    private final long firstLineDrop;
    private final long spans;
    private final int filesRead;

    private ReloadWindow(List<Line> lines, long firstLineDrop, long spans, int filesRead) {
        this.lines = lines;
        this.firstLineDrop = firstLineDrop;
        this.spans = spans;
        this.filesRead = filesRead;
    }

    static ReloadWindow of(Path directory, List<SnapshotHeader.FileState> files, int maxSpans) throws IOException {
        SpanCounter counter = new SpanCounter(new OtlpJsonReader(), SpanFileReader.MAX_LINE_BYTES);
        List<Line> newestFirst = new ArrayList<>();
        long wanted = maxSpans;
        int first = files.size();
        while (first > 0 && wanted > 0) {
            first--;
            SnapshotHeader.FileState state = files.get(first);
            Path file = directory.resolve(state.name());
            List<Line> ofFile = new ArrayList<>();
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                if (channel.size() != state.length()) {
                    throw new IOException("span file " + state.name() + " changed while it was counted");
                }
                counter.countLines(channel, (offset, count) -> {
                    if (count > 0) {
                        ofFile.add(new Line(file, offset, count));
                    }
                });
            }
            Collections.reverse(ofFile);
            for (Line line : ofFile) {
                if (wanted > 0) {
                    newestFirst.add(line);
                    wanted -= line.spans();
                }
            }
        }
        Collections.reverse(newestFirst);
        long spans = maxSpans - Math.max(0, wanted);
        return new ReloadWindow(List.copyOf(newestFirst), Math.max(0, -wanted), spans, files.size() - first);
    }

    /** @return the spans a reload would hand over, as counted (a corrupt line counts: the caller rules those out) */
    long spans() {
        return spans;
    }

    /** @return the files a reload would read: from the one holding its first span to the newest */
    int filesRead() {
        return filesRead;
    }

    /** @return the lines, oldest first; the first is read only in part */
    List<Line> lines() {
        return lines;
    }

    /**
     * Decodes the first line as the reload would: every span through {@code prepare}, its first
     * {@link #firstLineDrop} spans left out.
     *
     * @throws IOException when it cannot be read or decoded, or holds other than the spans counted
     */
    List<StoredSpan> decodeFirstLine(UnaryOperator<StoredSpan> prepare) throws IOException {
        if (lines.isEmpty()) {
            return List.of();
        }
        Line line = lines.get(0);
        List<StoredSpan> spans;
        try (FileChannel channel = FileChannel.open(line.file(), StandardOpenOption.READ)) {
            byte[][] bytes = {null};
            FileLines.read(channel, line.fileOffset(), SpanFileReader.MAX_LINE_BYTES, new FileLines.Visitor() {
                @Override
                public boolean line(byte[] buffer, int offset, int length, long fileOffset, boolean terminated) {
                    bytes[0] = Arrays.copyOfRange(buffer, offset, offset + length);
                    return false;
                }

                @Override
                public void overlong(long fileOffset) {
                }
            });
            if (bytes[0] == null) {
                throw new IOException("the line at byte " + line.fileOffset() + " of " + line.file() + " is gone");
            }
            spans = new ArrayList<>(new OtlpJsonReader().read(bytes[0], 0, bytes[0].length));
        }
        if (spans.size() != line.spans()) {
            throw new IOException("the line at byte " + line.fileOffset() + " of " + line.file() + " decodes to "
                    + spans.size() + " spans, not the " + line.spans() + " counted");
        }
        spans.replaceAll(prepare);
        return spans.subList((int) firstLineDrop, spans.size());
    }
}
