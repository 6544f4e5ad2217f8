package dev.tracestore.core.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Faults for the span log, switched on and off while it runs: a full disk (writes store half their bytes, then fail
 * as Linux does), denied permission (opening fails), a failing disk (fsync fails), a hung disk (writes block until
 * released), NIO out of direct memory (writes throw an Error). Tests run as root,
 * where {@code chmod} stops nothing, and cannot fill a real disk: this goes through {@link SpanLog}'s opener seam,
 * over real files. Public for the processor's tests in another package.
 *
 * <pre>{@code
 * Faults faults = new Faults();
 * SpanLog log = faults.builder(directory).build();
 * faults.diskFull(true);
 * }</pre>
 */
public final class Faults {

    private volatile boolean diskFull;
    private volatile boolean denyOpen;
    private volatile boolean failForce;
    private volatile boolean outOfDirectMemory;
    private volatile CountDownLatch hang;
    private final AtomicInteger opens = new AtomicInteger();
    private final AtomicInteger forces = new AtomicInteger();
    private final AtomicInteger listings = new AtomicInteger();

    /** @return a builder for a log in {@code directory} whose files fail as switched here */
    public SpanLogBuilder builder(Path directory) {
        return SpanLog.builder(directory).opener(this::open).lister(this::list);
    }

    /** @return like {@link #builder(Path)}, on the given clock (rotation names, file ages and retries) */
    public SpanLogBuilder builder(Path directory, Clock clock) {
        return builder(directory).clock(clock);
    }

    public void diskFull(boolean on) {
        diskFull = on;
    }

    public void denyOpen(boolean on) {
        denyOpen = on;
    }

    /** Makes {@link FileChannel#force} fail as a failing disk does, while writes to the page cache still work. */
    public void failForce(boolean on) {
        failForce = on;
    }

    /**
     * Makes writes throw the {@link OutOfMemoryError} NIO throws when it cannot get the direct buffer a write from a
     * heap buffer goes through: an {@link Error}, not an {@link IOException}.
     */
    public void outOfDirectMemory(boolean on) {
        outOfDirectMemory = on;
    }

    /** Blocks every write from now until {@link #release()}, as a hung network disk does. */
    public void hang() {
        hang = new CountDownLatch(1);
    }

    public void release() {
        CountDownLatch latch = hang;
        hang = null;
        if (latch != null) {
            latch.countDown();
        }
    }

    /** @return attempts to open the file, failed ones included */
    public int opens() {
        return opens.get();
    }

    /** @return calls of {@link FileChannel#force} */
    public int forces() {
        return forces.get();
    }

    /** @return listings of the directory for its rotated files */
    public int listings() {
        return listings.get();
    }

    private DirectoryStream<Path> list(Path directory, String glob) throws IOException {
        listings.incrementAndGet();
        return Files.newDirectoryStream(directory, glob);
    }

    private FileChannel open(Path file) throws IOException {
        opens.incrementAndGet();
        if (denyOpen) {
            throw new AccessDeniedException(file.toString());
        }
        return new FaultyChannel(CurrentFile.openForAppending(file));
    }

    private final class FaultyChannel extends FileChannel {
        private final FileChannel file;

        FaultyChannel(FileChannel file) {
            this.file = file;
        }

        @Override
        public int write(ByteBuffer source) throws IOException {
            CountDownLatch latch = hang;
            if (latch != null) {
                try {
                    latch.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
            if (outOfDirectMemory) {
                throw new OutOfMemoryError("Direct buffer memory");
            }
            if (diskFull) {
                // What a full disk does to a large write: part of it lands, then ENOSPC.
                ByteBuffer half = source.slice(source.position(), source.remaining() / 2);
                source.position(source.position() + file.write(half));
                throw new IOException("No space left on device");
            }
            return file.write(source);
        }

        @Override
        public void force(boolean metaData) throws IOException {
            forces.incrementAndGet();
            if (failForce) {
                throw new IOException("Input/output error");
            }
            file.force(metaData);
        }

        @Override
        public long size() throws IOException {
            return file.size();
        }

        @Override
        public int read(ByteBuffer destination) throws IOException {
            return file.read(destination);
        }

        @Override
        public long read(ByteBuffer[] destinations, int offset, int length) throws IOException {
            return file.read(destinations, offset, length);
        }

        @Override
        public long write(ByteBuffer[] sources, int offset, int length) throws IOException {
            long written = 0;
            for (int i = offset; i < offset + length; i++) {
                written += write(sources[i]);
            }
            return written;
        }

        @Override
        public long position() throws IOException {
            return file.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            file.position(newPosition);
            return this;
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            file.truncate(size);
            return this;
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return file.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel source, long position, long count) throws IOException {
            throw new UnsupportedOperationException("the span log appends with write()");
        }

        @Override
        public int read(ByteBuffer destination, long position) throws IOException {
            return file.read(destination, position);
        }

        @Override
        public int write(ByteBuffer source, long position) throws IOException {
            throw new UnsupportedOperationException("the span log appends with write()");
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            return file.map(mode, position, size);
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return file.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return file.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            file.close();
        }
    }
}
