package dev.tracestore.core.log;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Configures a {@link SpanLog}, from {@link SpanLog#builder(Path)}; every setting is validated when set.
 *
 * <pre>{@code
 * SpanLog log = SpanLog.builder(directory).maxFileSize(16 << 20).maxFiles(4).fsync(true).build();
 * }</pre>
 */
public final class SpanLogBuilder {
    /** Default {@link #maxFileSize(long)}: 64 MiB. */
    public static final long DEFAULT_MAX_FILE_SIZE = 64L << 20;
    /** Default {@link #maxFiles(int)}. */
    public static final int DEFAULT_MAX_FILES = 10;

    private final Path directory;
    private long maxFileSize = DEFAULT_MAX_FILE_SIZE;
    private int maxFiles = DEFAULT_MAX_FILES;
    private Duration maxFileAge;
    private boolean fsync;
    private CurrentFile.Opener opener = CurrentFile::openForAppending;
    private RotatedFiles.Lister lister = Files::newDirectoryStream;
    private Clock clock = Clock.systemUTC();

    SpanLogBuilder(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory must not be null");
    }

    /**
     * @param maxFileSize the size at which {@code spans.jsonl} is rotated before the next batch; default 64 MiB
     * @return this
     */
    public SpanLogBuilder maxFileSize(long maxFileSize) {
        if (maxFileSize < 1) {
            throw new IllegalArgumentException("maxFileSize must be at least 1 byte, but was " + maxFileSize);
        }
        this.maxFileSize = maxFileSize;
        return this;
    }

    /**
     * @param maxFiles the most span files kept, {@code spans.jsonl} included: the oldest rotated files beyond
     *     are deleted; default {@value #DEFAULT_MAX_FILES}
     * @return this
     */
    public SpanLogBuilder maxFiles(int maxFiles) {
        if (maxFiles < 1) {
            throw new IllegalArgumentException("maxFiles must be at least 1, but was " + maxFiles);
        }
        this.maxFiles = maxFiles;
        return this;
    }

    /**
     * @param maxFileAge how long a rotated file is kept after its rotation; {@code null} (the default) keeps it
     *     until {@link #maxFiles(int)} deletes it
     * @return this
     */
    public SpanLogBuilder maxFileAge(Duration maxFileAge) {
        if (maxFileAge != null && (maxFileAge.isNegative() || maxFileAge.isZero())) {
            throw new IllegalArgumentException("maxFileAge must be positive or null, but was " + maxFileAge);
        }
        this.maxFileAge = maxFileAge;
        return this;
    }

    /**
     * @param fsync whether {@link SpanLog#flush()}, rotation and {@link SpanLog#close()} also force the written
     *     lines to the disk ({@link FileChannel#force}), and the directory when a new {@code spans.jsonl} is
     *     created, so that they survive a power loss, not only a crash of the process; default {@code false}
     * @return this
     */
    public SpanLogBuilder fsync(boolean fsync) {
        this.fsync = fsync;
        return this;
    }

    SpanLogBuilder opener(CurrentFile.Opener opener) {
        this.opener = Objects.requireNonNull(opener, "opener");
        return this;
    }

    SpanLogBuilder lister(RotatedFiles.Lister lister) {
        this.lister = Objects.requireNonNull(lister, "lister");
        return this;
    }

    SpanLogBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** @return a writer with these settings, for the log being built */
    SpanFileWriter fileWriter() {
        return new SpanFileWriter(directory, maxFileSize, maxFiles, maxFileAge, fsync, opener, lister, clock);
    }

    /** @return the directory the log will write to */
    public Path directory() {
        return directory;
    }

    /**
     * Creates the log and tries to open {@code spans.jsonl}. Never fails for I/O: when the file cannot be opened
     * now, {@link SpanLog#lastError()} says why, appends fail and count their spans, and a later append or
     * flush tries again.
     *
     * @return the log
     */
    public SpanLog build() {
        SpanLog log = new SpanLog(this);
        log.writer().tryToOpen();
        return log;
    }

    /**
     * Creates the log and opens {@code spans.jsonl} now.
     *
     * @return the open log
     * @throws IOException naming the path and the reason when the directory cannot be created or used or the
     *     file cannot be opened
     */
    public SpanLog open() throws IOException {
        SpanLog log = build();
        IOException failure = log.writer().failureToOpen();
        if (failure != null) {
            throw failure;
        }
        return log;
    }
}
