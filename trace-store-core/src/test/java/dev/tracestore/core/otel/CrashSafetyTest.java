package dev.tracestore.core.otel;

import dev.tracestore.core.log.OtlpJsonWriter;
import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.store.InMemorySpanStore;
import dev.tracestore.core.store.SpanStore;
import dev.tracestore.core.testing.ForwardingSpanStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kills an application with SIGKILL while it ends spans as fast as it can, restarts over the same directory, and
 * checks that every span whose {@code forceFlush} had returned is reloaded, that a line torn by the kill is skipped
 * and counted, and that the next run appends after it. Three kills, each followed by a restart and another run.
 */
class CrashSafetyTest {

    private static final Pattern ACKNOWLEDGED = Pattern.compile("acknowledged (\\d+) dropped (\\d+) failed (\\d+)");
    private static final StoredSpan TORN = StoredSpan.builder().traceId("4bf92f3577b34da6a3ce929d0e0e4736")
            .spanId("00f067aa0ba902b7").name("torn").startEpochNanos(1).endEpochNanos(2).build();

    @TempDir
    Path directory;

    @Test
    void everySpanAcknowledgedBeforeAKillIsReloadedAfterARestart() throws Exception {
        long seed = System.nanoTime();
        System.out.println("CrashSafetyTest seed " + seed);
        Random random = new Random(seed);
        List<Long> acknowledged = new ArrayList<>();
        int tornByKills = 0;
        for (int run = 0; run < 3; run++) {
            acknowledged.add(runAndKill("run" + run, 2 + random.nextInt(4), random.nextInt(50)));
            Path current = directory.resolve("spans.jsonl");
            if (endsInTornLine(current)) {
                tornByKills++;
            } else {
                // A kill rarely lands inside write(2): leave what it would, the start of a line without its end.
                byte[] line = new OtlpJsonWriter().toBytes(List.of(TORN));
                Files.write(current, Arrays.copyOf(line, line.length / 2), StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }

            RecordingStore store = new RecordingStore(new InMemorySpanStore(1_000_000));
            FileBasedSpanProcessor restarted = FileBasedSpanProcessor.builder(store)
                    .log(SpanWritingChild.log(directory)).build();
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> !restarted.isReloading());
                for (int earlier = 0; earlier <= run; earlier++) {
                    for (long n = 0; n < acknowledged.get(earlier); n++) {
                        String name = "run" + earlier + "-" + n;
                        assertThat(store.names).as("seed %d: %s, acknowledged before kill %d", seed, name, run)
                                .contains(name);
                    }
                }
                assertThat(restarted.reloaded().linesSkipped()).as("seed %d: one torn line per kill", seed)
                        .isEqualTo(run + 1);
                assertThat(store.names).doesNotContain(TORN.name());
                assertThat(restarted.isFileLogActive()).isTrue();
            } finally {
                restarted.shutdown().join(10, TimeUnit.SECONDS);
            }
        }
        System.out.printf("CrashSafetyTest: acknowledged %s spans; %d of 3 kills tore the last line themselves%n",
                acknowledged, tornByKills);
    }

    /**
     * Starts the child, reads its acknowledgements until {@code flushes} of them, lets it run a few milliseconds more
     * and kills it.
     *
     * @return the spans acknowledged before the kill, as far as this test read the child's output
     */
    private long runAndKill(String prefix, int flushes, int extraMillis) throws Exception {
        Path errors = directory.resolveSibling(directory.getFileName() + "-" + prefix + ".err");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SpanWritingChild.class.getName(),
                directory.toString(), prefix)
                .redirectError(errors.toFile())
                .start();
        long acknowledged = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (int seen = 0; seen < flushes; seen++) {
                String line = out.readLine();
                assertThat(line).as("child output; its errors are in %s", errors).isNotNull();
                acknowledged = parse(line);
            }
            Thread.sleep(extraMillis);
            // The acknowledgements printed meanwhile; destroying the process closes our end of its output.
            while (out.ready()) {
                acknowledged = parse(out.readLine());
            }
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);
        return acknowledged;
    }

    private static long parse(String line) {
        Matcher matcher = ACKNOWLEDGED.matcher(line);
        assertThat(matcher.matches()).as(line).isTrue();
        assertThat(matcher.group(2)).as("spans dropped from the file: the test would claim too much").isEqualTo("0");
        assertThat(matcher.group(3)).as("spans failed to be written").isEqualTo("0");
        return Long.parseLong(matcher.group(1));
    }

    private static boolean endsInTornLine(Path file) throws IOException {
        if (!Files.exists(file) || Files.size(file) == 0) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            channel.read(last, channel.size() - 1);
            return last.get(0) != '\n';
        }
    }

    /** Notes the name of every span added: the reload, seen from the store. */
    private static final class RecordingStore extends ForwardingSpanStore {
        private final Set<String> names = new HashSet<>();

        RecordingStore(SpanStore store) {
            super(store);
        }

        @Override
        public void add(StoredSpan span) {
            names.add(span.name());
            super.add(span);
        }
    }
}
