package dev.tracestore.core.log;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class FileLinesTest {

    @TempDir
    Path temp;

    /** What the visitor was handed: the bytes are checked after the whole read, not during the call. */
    private record Handed(byte[] buffer, int offset, int length, long fileOffset) {
        byte[] bytes() {
            return Arrays.copyOfRange(buffer, offset, offset + length);
        }
    }

    @Test
    void keptLinesStayIntactAfterTheReadMovesOnAcrossBuffers() throws IOException {
        long seed = System.nanoTime();
        System.out.println("FileLinesTest seed: " + seed);
        Random random = new Random(seed);
        List<byte[]> lines = new ArrayList<>();
        long total = 0;
        // about 14 MB: lines that straddle the 4 MB buffers, and one longer than a buffer
        while (total < 14 << 20) {
            int length = lines.size() == 20 ? 5 << 20 : 1 + random.nextInt(300 << 10);
            byte[] line = new byte[length];
            for (int i = 0; i < length; i++) {
                line[i] = (byte) ('a' + random.nextInt(26));
            }
            lines.add(line);
            total += length + 1;
        }
        Path file = temp.resolve("lines.jsonl");
        try (OutputStream out = Files.newOutputStream(file)) {
            for (byte[] line : lines) {
                out.write(line);
                out.write('\n');
            }
        }

        List<Handed> handed = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            FileLines.read(channel, 0, 64 << 20, true, new FileLines.Visitor() {
                @Override
                public boolean line(byte[] buffer, int offset, int length, long fileOffset, boolean terminated) {
                    handed.add(new Handed(buffer, offset, length, fileOffset));
                    return true;
                }

                @Override
                public void overlong(long fileOffset) {
                    throw new AssertionError("no line is over the limit, but one at " + fileOffset + " was");
                }
            });
        }

        assertThat(handed).hasSameSizeAs(lines);
        long fileOffset = 0;
        for (int i = 0; i < lines.size(); i++) {
            assertThat(handed.get(i).fileOffset()).as("offset of line %d", i).isEqualTo(fileOffset);
            // compared whole, reported short: a line is up to 5 MB
            assertThat(Arrays.equals(handed.get(i).bytes(), lines.get(i)))
                    .as("line %d (%d bytes) read back unchanged after the whole file", i, lines.get(i).length).isTrue();
            fileOffset += lines.get(i).length + 1;
        }
    }
}
