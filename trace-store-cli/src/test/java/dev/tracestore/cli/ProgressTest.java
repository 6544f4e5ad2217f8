package dev.tracestore.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressTest {

    private final AtomicLong nanos = new AtomicLong();
    private final StringWriter err = new StringWriter();

    @Test
    void showsALineOnlyAfterASecondAndErasesIt() {
        Progress progress = Progress.on(new PrintWriter(err), true, nanos::get);
        progress.begin("Reading trace-store (pass 1 of 3)");

        spans(progress, 4096);
        assertThat(err.toString()).isEmpty();

        nanos.addAndGet(1_500_000_000L);
        spans(progress, 1024);
        String line = "\r\u001b[2KReading trace-store (pass 1 of 3): 5,120 spans";
        assertThat(err.toString()).isEqualTo(line);

        spans(progress, 1024);
        assertThat(err.toString()).as("redrawn at most ten times a second").isEqualTo(line);

        nanos.addAndGet(100_000_000L);
        spans(progress, 1024);
        assertThat(err.toString()).isEqualTo(line + "\r\u001b[2KReading trace-store (pass 1 of 3): 7,168 spans");

        progress.end();
        assertThat(err.toString()).endsWith("\r\u001b[2K");
    }

    @Test
    void printsNothingWhenNobodyWatches() {
        Progress progress = Progress.on(new PrintWriter(err), false, nanos::get);
        progress.begin("Reading");
        nanos.addAndGet(5_000_000_000L);

        spans(progress, 10_000);
        progress.end();

        assertThat(err.toString()).isEmpty();
    }

    private static void spans(Progress progress, int count) {
        for (int i = 0; i < count; i++) {
            progress.span();
        }
    }
}
