package dev.tracestore.cli;

import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** When the store's search runs out of its budget, the CLI says that its answer is partial, under the results. */
class PartialAnswerTest {

    @TempDir
    Path directory;

    @Test
    void aSearchOverItsRegexBudgetSaysItsAnswerIsPartial() {
        HexFormat hex = HexFormat.of();
        List<StoredSpan> spans = new ArrayList<>();
        long start = System.currentTimeMillis() * 1_000_000L;
        for (int i = 1; i <= 1_000; i++) {
            spans.add(StoredSpan.builder().traceId(hex.toHexDigits((long) i) + hex.toHexDigits((long) i))
                    .spanId(hex.toHexDigits((long) i)).name("work").kind(SpanKind.INTERNAL)
                    .startEpochNanos(start + i).endEpochNanos(start + i + 1_000)
                    .resource(TestSpans.service("shop"))
                    .attributes(Attributes.of(AttributeKey.stringKey("payload"), "x".repeat(650))).build());
        }
        TestSpans.write(directory, spans);

        // every value matches, but the look-ahead reads about 200 000 characters of each: 1 000 values are more
        // than the 100 000 000 one search of the store may read
        Cli.Result slow = Cli.run("query", "--attr", "payload=~(?!.*.*y).*", "--limit", "10000",
                directory.toString());
        Cli.Result cheap = Cli.run("query", "--attr", "payload=~x+", "--limit", "10000", directory.toString());

        assertThat(slow.err()).contains("Partial answer: the regular expressions of the query read");
        assertThat(cheap.err()).doesNotContain("Partial answer");
    }
}
