package dev.tracestore.core.store;

import dev.tracestore.core.query.AttributeFilter;
import dev.tracestore.core.query.InvalidParameterException;
import dev.tracestore.core.query.QueryParameters;
import dev.tracestore.core.query.SpanQuery;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.tracestore.core.testing.TestSpans.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** A regular expression in a query cannot hang the store: its length and its work on each value are bounded. */
class RegexBoundsTest {

    private static SpanQuery query(String attr) {
        return QueryParameters.parse(Map.of("attr", List.of(attr), "limit", List.of("10000")));
    }

    @Test
    void aCatastrophicRegexFailsTheQueryQuicklyNamingAttrAndTheStoreStaysUsable() {
        InMemorySpanStore store = new InMemorySpanStore(100);
        for (int i = 0; i < 50; i++) {
            // 40 characters are enough for (.*a){20} to backtrack for days without a bound.
            store.add(span(1, i + 1, i).attributes(Attributes.of(AttributeKey.stringKey("user.agent"),
                    "a".repeat(40) + "!")).build());
        }

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertThatExceptionOfType(InvalidParameterException.class)
                    .isThrownBy(() -> store.findSpans(query("user.agent=~(.*a){20}")))
                    .satisfies(e -> assertThat(e.parameter()).isEqualTo("attr"))
                    .withMessageContaining("(.*a){20}").withMessageContaining("steps");
            assertThatExceptionOfType(InvalidParameterException.class)
                    .isThrownBy(() -> store.findTraces(query("user.agent=~(?:a+){15}b")));
            // The classic (a+)+$ is memoized by the JDK's engine: it answers, within the budget.
            assertThat(store.findSpans(query("user.agent=~(a+)+$"))).isEmpty();
        });

        store.add(span(2, 99, 100).build());
        assertThat(store.findSpans(query("user.agent=~a+!"))).hasSize(50);
        assertThat(store.size()).isEqualTo(51);
    }

    @Test
    void aRegexLongerThanTheLimitIsRefusedWhenParsed() {
        String longRegex = "a".repeat(AttributeFilter.MAX_REGEX_LENGTH + 1);
        assertThatExceptionOfType(InvalidParameterException.class)
                .isThrownBy(() -> query("key=~" + longRegex))
                .satisfies(e -> assertThat(e.parameter()).isEqualTo("attr"))
                .withMessageContaining("at most " + AttributeFilter.MAX_REGEX_LENGTH);
        assertThat(AttributeFilter.parse("key=~" + "a".repeat(AttributeFilter.MAX_REGEX_LENGTH)).key())
                .isEqualTo("key");
    }

    @Test
    void anOrdinaryRegexOverALongValueStaysWithinTheBudget() {
        String value = "GET /api/" + "x".repeat(4_000) + "/end";
        AttributeFilter filter = AttributeFilter.parse("url.path=~.*x+/end");
        assertThat(filter.matches(Attributes.of(AttributeKey.stringKey("url.path"), value), Attributes.empty()))
                .isTrue();
    }
}
