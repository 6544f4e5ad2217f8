package dev.tracestore.core.log;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rotated span files of one directory, oldest first. A rotated file is named after the moment it was rotated,
 * in UTC to the millisecond, like {@code spans-2026-01-05T10-15-30.123Z.jsonl}: name order is time order, and the
 * name tells when the newest span in the file ended at the latest. Names only ever increase, also when the clock
 * steps back. Retention deletes only files named this way: never a file trace-store did not rotate.
 */
final class RotatedFiles {

    private static final Pattern NAME = Pattern.compile("spans-(\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}\\.\\d{3})Z\\.jsonl");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH-mm-ss.SSS")
            .withZone(ZoneOffset.UTC);

    record Rotated(Path path, Instant rotatedAt) {
    }

    /** Lists the entries of a directory whose names match a glob; tests hand in one that counts the listings. */
    @FunctionalInterface
    interface Lister {
        DirectoryStream<Path> list(Path directory, String glob) throws IOException;
    }

    private final Path directory;
    private final Lister lister;
    private final Deque<Rotated> files = new ArrayDeque<>();

    RotatedFiles(Path directory, Lister lister) {
        this.directory = directory;
        this.lister = lister;
    }

    /** @return when {@code file} was rotated, or {@code null} when it is not named as a rotated file */
    static Instant rotatedAt(Path file) {
        Matcher matcher = NAME.matcher(file.getFileName().toString());
        if (!matcher.matches()) {
            return null;
        }
        try {
            return STAMP.parse(matcher.group(1), Instant::from);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Forgets what it knew and lists the directory again (a missing directory has none). */
    void scan() throws IOException {
        List<Rotated> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = lister.list(directory, "spans-*.jsonl")) {
            for (Path entry : entries) {
                Instant rotatedAt = rotatedAt(entry);
                if (rotatedAt != null && Files.isRegularFile(entry)) {
                    found.add(new Rotated(entry, rotatedAt));
                }
            }
        } catch (NoSuchFileException e) {
            // nothing rotated yet
        }
        found.sort(Comparator.comparing(Rotated::rotatedAt));
        files.clear();
        files.addAll(found);
    }

    /** @return the name for the file rotated {@code now}: later than every rotated file known */
    Path nextName(Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        Rotated newest = files.peekLast();
        if (newest != null && !at.isAfter(newest.rotatedAt())) {
            at = newest.rotatedAt().plusMillis(1);
        }
        return directory.resolve("spans-" + STAMP.format(at) + "Z.jsonl");
    }

    /** Records a file just rotated under a name from {@link #nextName}. */
    void add(Path rotated) {
        files.addLast(new Rotated(rotated, rotatedAt(rotated)));
    }

    /** @return how many rotated files are known */
    int size() {
        return files.size();
    }

    /**
     * Deletes the oldest rotated files until at most {@code keep} remain, and those rotated before
     * {@code now - maxAge}.
     *
     * @param maxAge {@code null} for no limit by age
     * @throws IOException when a file cannot be deleted; it is kept, and retried next time
     */
    void retain(int keep, Duration maxAge, Instant now) throws IOException {
        Instant oldestKept = maxAge == null ? Instant.MIN : now.minus(maxAge);
        while (!files.isEmpty()
                && (files.size() > keep || files.peekFirst().rotatedAt().isBefore(oldestKept))) {
            Files.deleteIfExists(files.peekFirst().path());
            files.removeFirst();
        }
    }
}
