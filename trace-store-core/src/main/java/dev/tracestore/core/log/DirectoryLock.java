package dev.tracestore.core.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The claim of one span log on its directory: an operating-system lock ({@link FileChannel#tryLock}) on
 * {@value #FILE_NAME} in it, held while the log writes there, so that a second process (or a second log in this one)
 * never appends to or rotates the same files. The lock goes with the process: a crash or {@code kill -9} releases it.
 *
 * <p>Locks of one JVM are also tracked in a set of the directories it holds: POSIX releases every lock a process
 * holds on a file when any of its descriptors of that file is closed, so a second log of this JVM must not even open
 * the lock file (Lucene's {@code NativeFSLockFactory} does the same). The file stays when the lock is released:
 * deleting it would let two writers lock two different files of the same name.
 */
final class DirectoryLock implements AutoCloseable {

    /** The lock file in the span directory; readers ignore it (it is neither {@code *.jsonl} nor {@code *.json}). */
    static final String FILE_NAME = "spans.lock";

    private static final Set<Path> HELD_BY_THIS_JVM = ConcurrentHashMap.newKeySet();

    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(Path key, FileChannel channel, FileLock lock) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code directory}, which must exist, without waiting.
     *
     * @return the lock, or empty when another writer holds it; {@link #holder} says who
     * @throws IOException when the lock file cannot be created or locked for another reason
     */
    static Optional<DirectoryLock> tryAcquire(Path directory) throws IOException {
        Path file = directory.resolve(FILE_NAME);
        Path key = directory.toRealPath();
        if (!HELD_BY_THIS_JVM.add(key)) {
            return Optional.empty();
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE), FilePermissions.ownerOnlyFile(file));
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                HELD_BY_THIS_JVM.remove(key);
                return Optional.empty();
            }
            // Who holds it, for the warning the next writer gives; not part of the locking.
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(holderText().getBytes(StandardCharsets.UTF_8)), 0);
            return Optional.of(new DirectoryLock(key, channel, lock));
        } catch (IOException | OverlappingFileLockException e) {
            if (channel != null) {
                channel.close();
            }
            HELD_BY_THIS_JVM.remove(key);
            if (e instanceof OverlappingFileLockException) {
                return Optional.empty();
            }
            throw (IOException) e;
        }
    }

    /** @return who wrote the lock file last (the holder, while it is held), like {@code process 4242} */
    static String holder(Path directory) {
        try {
            String text = Files.readString(directory.resolve(FILE_NAME), StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "another process" : text;
        } catch (NoSuchFileException e) {
            return "another process";
        } catch (IOException | RuntimeException e) {
            return "another process (" + FILE_NAME + " unreadable: " + e.getMessage() + ")";
        }
    }

    private static String holderText() {
        return "process " + ProcessHandle.current().pid();
    }

    /** Releases the lock; the file stays. */
    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            try {
                channel.close();
            } finally {
                HELD_BY_THIS_JVM.remove(key);
            }
        }
    }
}
