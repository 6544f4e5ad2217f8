package dev.tracestore.core.log;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Strings through a snapshot's blocks come back as they were: repeated ones (through the table, also when two share
 * a slot and push each other out), long ones, lone surrogates (which UTF-8 would turn into '?'), empty ones, null.
 * Random, printed seed, against the list written.
 */
class SnapshotStringsTest {

    @TempDir
    Path directory;

    @Test
    void stringsComeBackAsWritten() throws IOException {
        long seed = System.nanoTime();
        System.out.println("SnapshotStringsTest seed " + seed);
        Random random = new Random(seed);
        List<String> pool = new ArrayList<>();
        for (int i = 0; i < 300_000; i++) {
            pool.add(string(random)); // more than the table's slots: they collide
        }
        List<String> written = new ArrayList<>();
        Path file = directory.resolve("strings");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            SnapshotOutput out = new SnapshotOutput(channel);
            for (int block = 0; block < 20; block++) {
                for (int i = 0; i < 20_000; i++) {
                    String value = random.nextInt(50) == 0 ? null
                            : random.nextBoolean() ? pool.get(random.nextInt(100)) : pool.get(random.nextInt(pool.size()));
                    out.writeString(value);
                    written.add(value);
                }
                out.endBlock();
            }
        }
        List<String> read = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            SnapshotInput in = new SnapshotInput(channel);
            for (int block = 0; block < 20; block++) {
                in.nextBlock();
                while (in.blockHasMore()) {
                    read.add(in.readString());
                }
            }
        }
        assertThat(read).hasSameSizeAs(written);
        for (int i = 0; i < written.size(); i++) {
            assertThat(read.get(i)).as("string %d", i).isEqualTo(written.get(i));
        }
    }

    private static String string(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> "";
            case 1 -> "\ud800 lone high, lone low \udc00";
            case 2 -> "x".repeat(250 + random.nextInt(20)); // either side of the longest string kept in the table
            case 3 -> "gr\u00fc\u00df \u4e16\u754c \ud83d\ude00 " + random.nextInt(1000);
            default -> "v" + random.nextInt(1_000_000);
        };
    }
}
