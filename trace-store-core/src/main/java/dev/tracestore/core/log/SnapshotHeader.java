package dev.tracestore.core.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a {@link SpanSnapshot} covers, in the block after its magic number: the settings that shape the spans a
 * reload stores, the store's capacity, and every span file as it was when the snapshot was written (name, length,
 * last-modified time), in read order. A snapshot is used only when all of these are what they are now; then reading
 * the files would hand over exactly the {@code spans} spans it holds, as {@code filesRead} files.
 *
 * @param settings the reload's settings (redaction, attribute limits), as the caller describes them
 * @param maxSpans the store's capacity: a reload reads the newest that many spans
 * @param files the span files in read order
 * @param spans the spans the snapshot holds
 * @param filesRead the files a reload of the span files would read
 */
record SnapshotHeader(String settings, int maxSpans, List<FileState> files, long spans, int filesRead) {

    /** One span file as listed. */
    record FileState(String name, long length, long modifiedNanos) {
    }

    /** @return the span files of {@code directory} now, in read order */
    static List<FileState> filesNow(Path directory) throws IOException {
        List<FileState> files = new ArrayList<>();
        for (SpanDirectory.Listed listed : SpanDirectory.list(directory)) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(listed.path(), BasicFileAttributes.class);
                files.add(new FileState(listed.path().getFileName().toString(), attributes.size(),
                        attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS)));
            } catch (NoSuchFileException e) {
                throw new IOException("span file " + listed.path() + " vanished while the directory was listed", e);
            }
        }
        return files;
    }

    void write(SnapshotOutput out) {
        out.writeString(settings);
        out.writeVarInt(maxSpans);
        out.writeVarInt(files.size());
        for (FileState file : files) {
            out.writeString(file.name());
            out.writeVarLong(file.length());
            out.writeLong(file.modifiedNanos());
        }
        out.writeVarLong(spans);
        out.writeVarInt(filesRead);
    }

    static SnapshotHeader read(SnapshotInput in) throws IOException {
        String settings = in.readRequiredString();
        int maxSpans = in.readCount();
        int fileCount = in.readCount();
        List<FileState> files = new ArrayList<>();
        for (int i = 0; i < fileCount; i++) {
            files.add(new FileState(in.readRequiredString(), in.readVarLong(), in.readLong()));
        }
        return new SnapshotHeader(settings, maxSpans, List.copyOf(files), in.readVarLong(), in.readCount());
    }

    /**
     * @return why the snapshot does not match the directory and settings now, or {@code null} when it does
     */
    String mismatch(String settingsNow, int maxSpansNow, List<FileState> filesNow) {
        if (!settings.equals(settingsNow)) {
            return "the settings changed (were " + settings + ", are " + settingsNow + ")";
        }
        if (maxSpans != maxSpansNow) {
            return "max-spans changed from " + maxSpans + " to " + maxSpansNow;
        }
        if (!files.equals(filesNow)) {
            return "the span files changed since it was written (were " + describe(files) + ", are "
                    + describe(filesNow) + ")";
        }
        return null;
    }

    private static String describe(List<FileState> files) {
        if (files.size() > 4) {
            return files.size() + " files";
        }
        return files.stream().map(file -> file.name() + " " + file.length() + " bytes").toList().toString();
    }
}
