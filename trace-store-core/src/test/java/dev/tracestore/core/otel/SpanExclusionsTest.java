package dev.tracestore.core.otel;

import dev.tracestore.core.store.InMemorySpanStore;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.ReadableSpan;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpanExclusionsTest {

    @Test
    void excludesSpansByNameOrPathAttributeAndStoresTheRest() {
        InMemorySpanStore store = new InMemorySpanStore(100);
        FileBasedSpanProcessor processor = FileBasedSpanProcessor.builder(store)
                .exclude(SpanExclusions.of(List.of("/actuator/traces/**", "health *"))).build();
        SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(processor).build();
        try {
            Tracer tracer = provider.get("test");
            tracer.spanBuilder("GET /actuator/traces/{traceId}").setSpanKind(SpanKind.SERVER)
                    .setAttribute("http.route", "/actuator/traces/{traceId}").startSpan().end();
            tracer.spanBuilder("http get /actuator/traces").setAttribute("uri", "/actuator/traces").startSpan().end();
            tracer.spanBuilder("GET").setAttribute("url.path", "/actuator/traces/failures").startSpan().end();
            tracer.spanBuilder("health check").startSpan().end();
            tracer.spanBuilder("GET /actuator/tracesX").setAttribute("http.route", "/actuator/tracesX").startSpan().end();
            tracer.spanBuilder("GET /orders/{id}").setAttribute("http.route", "/orders/{id}").startSpan().end();
            tracer.spanBuilder("health/check").startSpan().end();
        } finally {
            provider.shutdown().join(10, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertThat(store.findSpans(dev.tracestore.core.query.SpanQuery.builder().build()))
                .extracting(span -> span.name())
                .containsExactlyInAnyOrder("GET /actuator/tracesX", "GET /orders/{id}", "health/check");
    }

    @Test
    void refusesBlankPatterns() {
        assertThatThrownBy(() -> SpanExclusions.of(List.of(" "))).hasMessageStartingWith("exclude");
        assertThat(SpanExclusions.of(List.of()).patterns()).isEmpty();
    }

    @Test
    void decidesAsAPlainGlobMatcherOverRandomPatternsNamesAndPaths() {
        long seed = System.nanoTime();
        System.out.println("SpanExclusionsTest seed: " + seed);
        Random random = new Random(seed);
        SdkTracerProvider provider = SdkTracerProvider.builder().build();
        try {
            Tracer tracer = provider.get("test");
            for (int round = 0; round < 300; round++) {
                List<String> patterns = new ArrayList<>();
                for (int i = 1 + random.nextInt(3); i > 0; i--) {
                    patterns.add(randomText(random, new String[] {"/", "a", "b", "*", "**", "/**"}));
                }
                SpanExclusions exclusions = SpanExclusions.of(patterns);
                for (int i = 0; i < 20; i++) {
                    String name = randomText(random, new String[] {"/", "a", "b"});
                    String path = randomText(random, new String[] {"/", "a", "b"});
                    ReadableSpan span = (ReadableSpan) tracer.spanBuilder(name).setAttribute("url.path", path)
                            .startSpan();
                    span.toSpanData();
                    boolean expected = patterns.stream().anyMatch(p -> globMatches(p, name) || globMatches(p, path));
                    assertThat(exclusions.test(span)).as("seed %d: %s against %s, %s", seed, patterns, name, path)
                            .isEqualTo(expected);
                    assertThat(exclusions.test(span.toSpanData())).as("seed %d: %s against %s, %s (data)", seed,
                            patterns, name, path).isEqualTo(expected);
                }
            }
        } finally {
            provider.shutdown().join(10, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    private static String randomText(Random random, String[] parts) {
        StringBuilder text = new StringBuilder();
        for (int i = 1 + random.nextInt(5); i > 0; i--) {
            text.append(parts[random.nextInt(parts.length)]);
        }
        return text.toString();
    }

    /** The reference: the documented rules, matched by brute force. */
    private static boolean globMatches(String glob, String value) {
        if (glob.endsWith("/**") && globMatches(glob, 0, glob.length() - 3, value, 0)) {
            return true;
        }
        return globMatches(glob, 0, glob.length(), value, 0);
    }

    private static boolean globMatches(String glob, int g, int end, String value, int v) {
        if (g == end) {
            return v == value.length();
        }
        if (glob.startsWith("**", g) && g + 1 < end) {
            for (int k = v; k <= value.length(); k++) {
                if (globMatches(glob, g + 2, end, value, k)) {
                    return true;
                }
            }
            return false;
        }
        if (glob.charAt(g) == '*') {
            for (int k = v; k <= value.length(); k++) {
                if (globMatches(glob, g + 1, end, value, k)) {
                    return true;
                }
                if (k < value.length() && value.charAt(k) == '/') {
                    return false;
                }
            }
            return false;
        }
        return v < value.length() && glob.charAt(g) == value.charAt(v) && globMatches(glob, g + 1, end, value, v + 1);
    }
}
