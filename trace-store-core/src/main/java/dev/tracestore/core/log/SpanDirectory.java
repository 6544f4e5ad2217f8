package dev.tracestore.core.log;

import dev.tracestore.core.model.StoredSpan;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/** Reading a span directory (or one file): every span in order, or only the newest; see {@link SpanLog#read}. */
final class SpanDirectory {

    private SpanDirectory() {
    }

    static ReadResult read(Path directoryOrFile, Consumer<StoredSpan> sink) throws IOException {
        Objects.requireNonNull(directoryOrFile, "directoryOrFile");
        Objects.requireNonNull(sink, "sink");
        BasicFileAttributes attributes = Files.readAttributes(directoryOrFile, BasicFileAttributes.class);
        try (OpenedSpanFiles files = attributes.isDirectory() ? OpenedSpanFiles.ofDirectory(directoryOrFile)
                : OpenedSpanFiles.ofFile(directoryOrFile)) {
            return DecodeAhead.read(files.files().stream().map(DecodeAhead.Part::whole).toList(), sink);
        }
    }

    static ReadResult readNewest(Path directory, int maxSpans, UnaryOperator<StoredSpan> prepare,
            Consumer<List<StoredSpan>> batches) throws IOException {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(prepare, "prepare");
        Objects.requireNonNull(batches, "batches");
        if (maxSpans < 1) {
            throw new IllegalArgumentException("maxSpans must be at least 1, but was " + maxSpans);
        }
        if (!Files.readAttributes(directory, BasicFileAttributes.class).isDirectory()) {
            throw new IOException("Cannot reload spans from " + directory + ": it is not a directory");
        }
        SpanCounter counter = new SpanCounter(new OtlpJsonReader(), SpanFileReader.MAX_LINE_BYTES);
        try (OpenedSpanFiles opened = OpenedSpanFiles.ofDirectory(directory)) {
            List<OpenedSpanFiles.OpenedFile> files = opened.files();
            // Newest file first, count until enough: the oldest file needed may hold more than wanted.
            int first = files.size();
            long wanted = maxSpans;
            long spansToSkip = 0;
            while (first > 0 && wanted > 0) {
                first--;
                long count = counter.count(files.get(first).channel());
                spansToSkip = Math.max(0, count - wanted);
                wanted -= count;
            }
            List<DecodeAhead.Part> parts = new ArrayList<>();
            for (int i = first; i < files.size(); i++) {
                OpenedSpanFiles.OpenedFile file = files.get(i);
                if (i == first && spansToSkip > 0) {
                    SpanCounter.Start start = counter.locate(file.channel(), spansToSkip);
                    parts.add(new DecodeAhead.Part(file.path(), file.channel(), start.fileOffset(), start.spansToDrop()));
                } else {
                    parts.add(DecodeAhead.Part.whole(file));
                }
            }
            return DecodeAhead.read(parts, prepare, batches);
        }
    }

    /**
     * Where a file goes in the read order: files of other tools (any other {@code *.jsonl} or {@code *.json}) by
     * last-modified time, then by name; then the rotated files in the order their names give, which survives copying
     * the directory; then {@code spans.jsonl}.
     */
    record ReadOrder(int category, Instant time, String name) implements Comparable<ReadOrder> {
        private static final Comparator<ReadOrder> ORDER = Comparator.comparingInt(ReadOrder::category)
                .thenComparing(ReadOrder::time)
                .thenComparing(ReadOrder::name);

        @Override
        public int compareTo(ReadOrder other) {
            return ORDER.compare(this, other);
        }
    }

    /**
     * A span file as listed, with its place in the read order.
     *
     * @param fileKey the file's identity ({@link BasicFileAttributes#fileKey()}), {@code null} where the platform
     *     has none
     */
    record Listed(Path path, ReadOrder order, Object fileKey) {
    }

    /** The span files of {@code directory} in the order to read them, oldest first; see {@link ReadOrder}. */
    static List<Path> filesInReadOrder(Path directory) throws IOException {
        return list(directory).stream().map(Listed::path).toList();
    }

    /** Lists the span files of {@code directory}, oldest first. The one place that knows the order. */
    static List<Listed> list(Path directory) throws IOException {
        List<Listed> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "*.{jsonl,json}")) {
            for (Path entry : entries) {
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(entry, BasicFileAttributes.class);
                } catch (NoSuchFileException e) {
                    continue;
                }
                if (!attributes.isRegularFile()) {
                    continue;
                }
                String name = entry.getFileName().toString();
                Instant rotatedAt = RotatedFiles.rotatedAt(entry);
                ReadOrder order;
                if (SpanLog.CURRENT_FILE_NAME.equals(name)) {
                    order = new ReadOrder(2, Instant.EPOCH, name);
                } else if (rotatedAt != null) {
                    order = new ReadOrder(1, rotatedAt, name);
                } else {
                    order = new ReadOrder(0, attributes.lastModifiedTime().toInstant(), name);
                }
                files.add(new Listed(entry, order, attributes.fileKey()));
            }
        }
        files.sort(Comparator.comparing(Listed::order));
        return files;
    }
}
