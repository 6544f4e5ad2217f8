package dev.tracestore.core.log;

import dev.tracestore.core.model.StoredSpan;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/** Reading a span directory (or one file): every span in order, or only the newest; see {@link SpanLog#read}. */
final class SpanDirectory {

    private SpanDirectory() {
    }

    static ReadResult read(Path directoryOrFile, Consumer<StoredSpan> sink) throws IOException {
        Objects.requireNonNull(directoryOrFile, "directoryOrFile");
        Objects.requireNonNull(sink, "sink");
        BasicFileAttributes attributes = Files.readAttributes(directoryOrFile, BasicFileAttributes.class);
        List<Path> files = attributes.isDirectory() ? filesInReadOrder(directoryOrFile) : List.of(directoryOrFile);
        return DecodeAhead.read(files.stream().map(DecodeAhead.Part::whole).toList(), sink);
    }

    static ReadResult readNewest(Path directory, int maxSpans, Consumer<StoredSpan> sink) throws IOException {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(sink, "sink");
        if (maxSpans < 1) {
            throw new IllegalArgumentException("maxSpans must be at least 1, but was " + maxSpans);
        }
        if (!Files.readAttributes(directory, BasicFileAttributes.class).isDirectory()) {
            throw new IOException("Cannot reload spans from " + directory + ": it is not a directory");
        }
        SpanCounter counter = new SpanCounter(new OtlpJsonReader(), SpanFileReader.MAX_LINE_BYTES);
        List<Path> files = filesInReadOrder(directory);
        // Newest file first, count until enough: the oldest file needed may hold more than wanted.
        int first = files.size();
        long wanted = maxSpans;
        long spansToSkip = 0;
        while (first > 0 && wanted > 0) {
            first--;
            long count = countIfPresent(counter, files.get(first));
            spansToSkip = Math.max(0, count - wanted);
            wanted -= count;
        }
        List<DecodeAhead.Part> parts = new ArrayList<>();
        for (int i = first; i < files.size(); i++) {
            if (i == first && spansToSkip > 0) {
                SpanCounter.Start start;
                try {
                    start = counter.locate(files.get(i), spansToSkip);
                } catch (NoSuchFileException e) {
                    continue;   // removed by retention since it was counted
                }
                parts.add(new DecodeAhead.Part(files.get(i), start.fileOffset(), start.spansToDrop()));
            } else {
                parts.add(DecodeAhead.Part.whole(files.get(i)));
            }
        }
        return DecodeAhead.read(parts, sink);
    }

    private static long countIfPresent(SpanCounter counter, Path file) throws IOException {
        try {
            return counter.count(file);
        } catch (NoSuchFileException e) {
            return 0;   // removed by retention since the listing
        }
    }

    /**
     * The span files of {@code directory} in the order to read them, oldest first: files of other tools (any other
     * {@code *.jsonl} or {@code *.json}) by last-modified time, then by name; then the rotated files in the order
     * their names give, which survives copying the directory; then {@code spans.jsonl}. The one place that knows the
     * order.
     */
    static List<Path> filesInReadOrder(Path directory) throws IOException {
        record Candidate(Path path, FileTime modified) {
        }
        List<Candidate> others = new ArrayList<>();
        List<Path> rotatedFiles = new ArrayList<>();
        Path current = null;
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
                if (SpanLog.CURRENT_FILE_NAME.equals(entry.getFileName().toString())) {
                    current = entry;
                } else if (RotatedFiles.rotatedAt(entry) != null) {
                    rotatedFiles.add(entry);
                } else {
                    others.add(new Candidate(entry, attributes.lastModifiedTime()));
                }
            }
        }
        others.sort(Comparator.comparing(Candidate::modified)
                .thenComparing(candidate -> candidate.path().getFileName().toString()));
        rotatedFiles.sort(Comparator.comparing(RotatedFiles::rotatedAt));
        List<Path> files = new ArrayList<>(others.size() + rotatedFiles.size() + 1);
        others.forEach(candidate -> files.add(candidate.path()));
        files.addAll(rotatedFiles);
        if (current != null) {
            files.add(current);
        }
        return files;
    }
}
